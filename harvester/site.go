package harvester

import (
	"context"
	"errors"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/kinds"
)

// WithCrawlDelay sets the least time between two requests of a site
// crawl to one host (DefaultHostDelay by default); a robots.txt
// Crawl-delay longer than it is honoured up to maxCrawlDelay.
func WithCrawlDelay(d time.Duration) Option { return func(h *Harvester) { h.crawlDelay = d } }

// runSite crawls a site source by its rules (kinds.Crawl) through the
// fetch client's guarded transport and User-Agent, and stores the article
// pages. The host's turn of the Limiter is given back first: the crawler
// keeps its own per-host delay and robots.txt (Crawl-delay included) for
// the run. Pages are never marked gone: a crawl is bounded and sees only
// part of a site.
func (h *Harvester) runSite(ctx context.Context, src *catalog.Source, o *catalog.HarvestOutcome, release func()) error {
	release()
	o.Stage = "fetch"
	rules := CrawlRulesOf(src.Rules)
	if len(rules.StartURLs) == 0 {
		rules.StartURLs = []string{src.URL}
	}
	pages, err := kinds.Crawl(ctx, rules, kinds.CrawlOptions{
		Transport: h.fetch.Transport(), UserAgent: h.fetch.UserAgent(),
		Delay: h.crawlDelay, MaxCrawlDelay: maxCrawlDelay, Log: h.log.With("source_id", src.ID),
	})
	switch {
	case ctx.Err() != nil:
		return nil // recorded by the caller
	case errors.Is(err, catalog.ErrInvalid):
		o.Stage, o.Err, o.ErrorClass = "parse", "the crawl rules are not valid: "+err.Error(), catalog.ErrParse
		o.Errors = append(o.Errors, catalog.RunError{Stage: "parse", URL: src.URL, Message: o.Err})
		return nil
	case err != nil:
		o.Err, o.ErrorClass = err.Error(), catalog.ErrNetwork
		o.Errors = append(o.Errors, catalog.RunError{Stage: "fetch", URL: src.URL, Message: o.Err})
		return nil
	}
	h.parsed()
	feed := &Feed{}
	for i := range pages {
		in := pages[i].Input()
		in.SourceID = src.ID
		in.SourceLanguage, in.SourceCountry = src.Language, src.Country
		feed.Items = append(feed.Items, in)
	}
	if err := h.storeItems(ctx, src, feed, o, true); err != nil || ctx.Err() != nil {
		return err
	}
	if len(pages) == 0 {
		h.log.Info("crawl found no article page", "source_id", src.ID)
	}
	o.Stage = ""
	return nil
}

// CrawlRulesOf returns the crawler's rules for a source's stored ones;
// their Validate method checks them as a crawl would.
func CrawlRulesOf(r catalog.CrawlRules) kinds.CrawlRules {
	return kinds.CrawlRules{
		StartURLs: r.StartURLs, AllowedHosts: r.AllowedHosts, Include: r.Include, Exclude: r.Exclude,
		MaxDepth: r.MaxDepth, MaxPages: r.MaxPages, ItemLinkSelector: r.ItemLinkSelector,
		TitleSelector: r.TitleSelector, DateSelector: r.DateSelector, BodySelector: r.BodySelector,
	}
}
