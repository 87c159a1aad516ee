package harvester

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/harvester/kinds"
	"github.com/ewsi/hub/normalizer"
)

// MaxSitemapPages is the default bound on the pages one run of a sitemap
// source fetches (see WithSitemapPages). A run that reaches it is
// recorded as deferred: the source keeps its last success and its
// validators, so the next run reads the sitemap again and carries on with
// the pages still newer than what is stored.
const MaxSitemapPages = 200

// WithSitemapPages bounds the pages one run of a sitemap source fetches
// (MaxSitemapPages by default).
func WithSitemapPages(n int) Option { return func(h *Harvester) { h.sitemapPages = n } }

// maxSitemapChildren bounds the sitemaps of an index one run reads.
const maxSitemapChildren = 50

// maxCrawlDelay caps what a robots.txt Crawl-delay may ask of us.
const maxCrawlDelay = time.Minute

// DocumentStore is what a Store may also offer: a document by its key.
// With it, a sitemap page whose lastmod is not newer than the stored
// document's harvest is not fetched again.
type DocumentStore interface {
	DocumentByKey(ctx context.Context, sourceID int64, key string) (*catalog.Document, error)
}

// runSitemap harvests a sitemap or sitemap index: the sitemap is fetched
// with the source's validators, the children of an index changed since
// the last complete success are read, and the pages they list that may
// have changed are fetched one by one, politely (per-host Limiter and
// robots.txt), normalised as HTML and stored. Pages are never marked
// gone: an incremental run does not see every page.
func (h *Harvester) runSitemap(ctx context.Context, src *catalog.Source, o *catalog.HarvestOutcome, hints *serverHints, release func()) error {
	o.Stage = "fetch"
	resp, err := h.fetch.Get(ctx, src.URL, fetch.Validators{ETag: src.ETag, LastModified: src.LastModified})
	release()
	if err != nil {
		classifyFetch(src, o, err)
		return nil
	}
	*hints = hintsOf(resp.Header, h.now())
	if resp.NotModified {
		o.Stage, o.NotModified = "", true
		return nil
	}
	if isChallenge(resp.Status, resp.Header.Get("Content-Type"), resp.Body) {
		blockedByChallenge(o, src.URL)
		o.Errors = append(o.Errors, catalog.RunError{Stage: "fetch", URL: resp.URL, Message: o.Err})
		return nil
	}
	o.Stage = "parse"
	h.parsed()
	sm, err := kinds.ParseSitemap(resp.Body, resp.URL)
	if err != nil {
		o.Err, o.ErrorClass = err.Error(), catalog.ErrParse
		o.Errors = append(o.Errors, catalog.RunError{Stage: "parse", URL: resp.URL, Message: err.Error()})
		return nil
	}
	// A run cut short by the page bound is deferred, not a success, so
	// since is the last run that read every changed page.
	since := src.LastSuccess
	entries := sm.ChangedSince(since)
	robots := newRobotsCache(h)
	if sm.Index {
		children := sm.ChildrenChangedSince(since)
		if len(children) > maxSitemapChildren {
			children = children[:maxSitemapChildren]
		}
		for _, c := range children {
			if ctx.Err() != nil {
				return nil
			}
			r, err := h.getPolitely(ctx, robots, c.Loc)
			if err != nil {
				o.Errors = appendErr(o.Errors, "fetch", c.Loc, err)
				continue
			}
			h.parsed()
			child, err := kinds.ParseSitemap(r.Body, r.URL)
			if err != nil {
				o.Errors = appendErr(o.Errors, "parse", c.Loc, err)
				continue
			}
			entries = append(entries, child.ChangedSince(since)...)
		}
	}
	complete := true
	fetched := 0
	feed := &Feed{}
	ds, _ := h.store.(DocumentStore)
	for _, e := range entries {
		if ctx.Err() != nil {
			return nil
		}
		if ds != nil && !e.LastMod.IsZero() {
			d, err := ds.DocumentByKey(ctx, src.ID, e.Loc)
			if err == nil && !e.LastMod.After(d.Harvested) {
				o.Unchanged++
				continue
			}
			if err != nil && !errors.Is(err, catalog.ErrNotFound) {
				if ctx.Err() != nil {
					return nil
				}
				return fmt.Errorf("stored page %q of source %d: %w", e.Loc, src.ID, err)
			}
		}
		if fetched == h.sitemapPages {
			complete = false
			break
		}
		fetched++
		o.Stage = "fetch"
		r, err := h.getPolitely(ctx, robots, e.Loc)
		if errors.Is(err, errRobotsDisallow) {
			continue
		}
		if err != nil {
			o.Failed++
			o.Errors = appendErr(o.Errors, "fetch", e.Loc, err)
			continue
		}
		in, ok := pageInput(src, e, r)
		if !ok {
			continue
		}
		feed.Items = append(feed.Items[:0], in)
		if err := h.storeItems(ctx, src, feed, o, true); err != nil || ctx.Err() != nil {
			return err
		}
	}
	if !complete {
		o.Deferred, o.Stage = true, "fetch"
		o.Err = fmt.Sprintf("more than %d pages changed: the rest is harvested at the next run", h.sitemapPages)
		o.Errors = append(o.Errors, catalog.RunError{Stage: "fetch", URL: src.URL, Message: o.Err})
		return nil
	}
	o.ETag, o.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	o.Stage = ""
	return nil
}

// pageInput is the normaliser input of a page fetched for a sitemap
// entry; false when the page is not HTML.
func pageInput(src *catalog.Source, e kinds.SitemapEntry, r *fetch.Response) (normalizer.Input, bool) {
	ctype := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ctype); ctype != "" && (err != nil || (mt != "text/html" && mt != "application/xhtml+xml")) {
		return normalizer.Input{}, false
	}
	body, _ := ToUTF8(r.Body, ctype)
	return normalizer.Input{
		SourceID: src.ID, Key: e.Loc, URL: r.URL, BaseURL: r.URL,
		HTML: string(body), ContentType: ctype, Updated: e.LastMod,
		SourceLanguage: src.Language, SourceCountry: src.Country,
	}, true
}

// errRobotsDisallow: robots.txt forbids the URL to us.
var errRobotsDisallow = errors.New("disallowed by robots.txt")

// robotsCache keeps each host's robots.txt for one run.
type robotsCache struct {
	h     *Harvester
	hosts map[string]*robotstxt.Group // nil: everything allowed
}

func newRobotsCache(h *Harvester) *robotsCache {
	return &robotsCache{h: h, hosts: map[string]*robotstxt.Group{}}
}

// allowed reports whether robots.txt lets us fetch u, fetching it once per
// host and passing its Crawl-delay to the Limiter. As the issue asks, a
// 4xx means allow, and a 5xx or an unreachable robots.txt disallow.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) bool {
	host := u.Host
	g, ok := rc.hosts[host]
	if !ok {
		robotsURL := u.Scheme + "://" + host + "/robots.txt"
		g = rc.fetch(ctx, host, robotsURL)
		rc.hosts[host] = g
		if g != nil && g.CrawlDelay > 0 {
			if err := rc.h.limiter.SetDelay(ctx, host, min(g.CrawlDelay, maxCrawlDelay)); err != nil {
				rc.h.log.Warn("set crawl delay", "host", host, "err", err)
			}
		}
	}
	if g == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return g.Test(p)
}

// disallowAll is the group of a robots.txt that could not be read.
var disallowAll = func() *robotstxt.Group {
	r, _ := robotstxt.FromString("User-agent: *\nDisallow: /\n")
	return r.FindGroup("*")
}()

func (rc *robotsCache) fetch(ctx context.Context, host, robotsURL string) *robotstxt.Group {
	release, err := waitTurn(ctx, rc.h.limiter, host)
	if err != nil {
		return disallowAll
	}
	resp, err := rc.h.fetch.Get(ctx, robotsURL, fetch.Validators{})
	release()
	var fe *fetch.Error
	switch {
	case errors.As(err, &fe) && fe.Class == fetch.ClassHTTP && fe.Status >= 400 && fe.Status < 500:
		return nil
	case err != nil:
		return disallowAll
	}
	r, err := robotstxt.FromStatusAndBytes(http.StatusOK, resp.Body)
	if err != nil {
		return nil // unreadable rules forbid nothing, as robotstxt itself reads them
	}
	return r.FindGroup(rc.h.userAgent())
}

// userAgent is the product token robots.txt groups are matched on.
func (h *Harvester) userAgent() string {
	ua := h.fetch.UserAgent()
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		ua = ua[:i]
	}
	return ua
}

// getPolitely fetches u for a run: robots.txt permitting, in the host's
// turn of the Limiter.
func (h *Harvester) getPolitely(ctx context.Context, robots *robotsCache, raw string) (*fetch.Response, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("bad URL %q", raw)
	}
	if !robots.allowed(ctx, u) {
		return nil, errRobotsDisallow
	}
	release, err := waitTurn(ctx, h.limiter, u.Host)
	if err != nil {
		return nil, err
	}
	defer release()
	return h.fetch.Get(ctx, raw, fetch.Validators{})
}
