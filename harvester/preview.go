package harvester

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/harvester/kinds"
	"github.com/ewsi/hub/normalizer"
)

// ErrCannotPreview: the kind of source has no harvester yet, so nothing
// can be shown of it.
var ErrCannotPreview = errors.New("this kind of source cannot be previewed yet")

// Preview fetches src as a harvest would, through the same SSRF-guarded
// client, parser and normalizer, and returns up to limit of the documents
// it would store, storing nothing and recording no run. src needs no ID.
// Feeds and calendars are read whole; a sitemap gives its first pages
// (the first child of an index), an OAI-PMH repository its first page of
// records, a site a short crawl by its rules (depth 2 at most). The
// error is a sentence for the person who proposed the source: the
// fetch's (unreachable, refused private address, HTTP status), the
// parser's (not a feed, not a sitemap…), the crawler's (invalid rules,
// no start page), or ErrCannotPreview for an unknown kind.
func (h *Harvester) Preview(ctx context.Context, src catalog.Source, limit int) ([]catalog.Document, error) {
	var items []normalizer.Input
	switch src.Kind {
	case catalog.KindFeed, catalog.KindCalendar:
		resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{})
		if err != nil {
			return nil, err
		}
		raw := catalog.RawObject{URL: resp.URL, ContentType: resp.Header.Get("Content-Type"), Body: resp.Body}
		feed, err := h.parse(&raw, &src)
		if err != nil {
			return nil, err
		}
		items = feed.Items
	case catalog.KindOAI:
		resp, err := h.fetch.Get(ctx, kinds.ListRecordsURL(src.URL, time.Time{}, ""), fetch.Validators{})
		if err != nil {
			return nil, err
		}
		p, err := kinds.ParseOAI(resp.Body)
		if err != nil {
			return nil, err
		}
		for i := range p.Records {
			if r := &p.Records[i]; !r.Deleted {
				in := r.Input()
				in.SourceLanguage, in.SourceCountry = src.Language, src.Country
				items = append(items, in)
			}
		}
	case catalog.KindSitemap:
		var err error
		if items, err = h.previewSitemap(ctx, &src, limit); err != nil {
			return nil, err
		}
	case catalog.KindSite:
		rules := CrawlRulesOf(src.Rules)
		if len(rules.StartURLs) == 0 {
			rules.StartURLs = []string{src.URL}
		}
		// A preview crawls a little: the start pages and what they link to.
		rules.MaxDepth, rules.MaxPages = min(max(rules.MaxDepth, 0), 2), 2*max(limit, 5)
		pages, err := kinds.Crawl(ctx, rules, kinds.CrawlOptions{Transport: h.fetch.Transport(),
			UserAgent: h.fetch.UserAgent(), Delay: h.crawlDelay, MaxCrawlDelay: maxCrawlDelay})
		if err != nil {
			return nil, err
		}
		for i := range pages {
			in := pages[i].Input()
			in.SourceLanguage, in.SourceCountry = src.Language, src.Country
			items = append(items, in)
		}
	default:
		return nil, fmt.Errorf("%w: %s sources", ErrCannotPreview, src.Kind)
	}
	var out []catalog.Document
	for _, in := range items {
		if limit > 0 && len(out) == limit {
			break
		}
		doc, err := h.norm.Normalize(in)
		if err != nil {
			continue // a harvest would skip it too
		}
		out = append(out, *doc)
	}
	return out, nil
}

// previewSitemap fetches the first pages a sitemap (or its index's first
// child) lists, obeying robots.txt.
func (h *Harvester) previewSitemap(ctx context.Context, src *catalog.Source, limit int) ([]normalizer.Input, error) {
	if limit <= 0 || limit > 10 {
		limit = 10
	}
	resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{})
	if err != nil {
		return nil, err
	}
	sm, err := kinds.ParseSitemap(resp.Body, resp.URL)
	if err != nil {
		return nil, err
	}
	robots := newRobotsCache(h)
	if sm.Index && len(sm.Children) > 0 {
		r, err := h.getPolitely(ctx, robots, sm.Children[0].Loc)
		if err != nil {
			return nil, err
		}
		if sm, err = kinds.ParseSitemap(r.Body, r.URL); err != nil {
			return nil, err
		}
	}
	var out []normalizer.Input
	for _, e := range sm.Entries {
		if len(out) == limit {
			break
		}
		r, err := h.getPolitely(ctx, robots, e.Loc)
		if err != nil {
			continue
		}
		if in, ok := pageInput(src, e, r); ok {
			out = append(out, in)
		}
	}
	return out, nil
}
