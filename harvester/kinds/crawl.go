package kinds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"golang.org/x/net/html/charset"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer"
)

// CrawlOptions are the harvester's settings for crawling, the same for
// every source.
type CrawlOptions struct {
	// Transport makes every request; pass fetch.Client.Transport() so the
	// SSRF guard applies. Required.
	Transport http.RoundTripper
	// UserAgent is sent with every request and matched against robots.txt
	// groups: an honest name with a contact URL. Required.
	UserAgent string
	// Delay is the least time between two requests to one host (default
	// one second). A robots.txt Crawl-delay longer than Delay is honoured
	// up to MaxCrawlDelay (default 30 seconds).
	Delay         time.Duration
	MaxCrawlDelay time.Duration
	// Timeout bounds each request (default 30 seconds).
	Timeout time.Duration
	// MaxBody bounds each page's body (default 5 MB); a larger page is
	// skipped and logged, never cut.
	MaxBody int64
	// MaxTotal bounds the bytes of all pages returned by one crawl
	// (default 100 MB); when it is reached the crawl stops, logs why and
	// returns what it has.
	MaxTotal int64
	// Log receives one line per page that could not be fetched; nil
	// discards them.
	Log *slog.Logger
}

// Page is an article page the crawl fetched, for the normalizer.
type Page struct {
	URL         string // as linked (or a start URL)
	FinalURL    string // after redirects
	Status      int
	ContentType string
	Body        []byte // the whole page as UTF-8, read from at most CrawlOptions.MaxBody bytes
	Depth       int    // links from a start page (depth 1), so 2 or more
	// Title, Published and BodyHTML are what the rules' selectors picked;
	// empty when a selector is not set or matches nothing. PublishedText
	// is the date as written, Published its reading when it is one of the
	// usual formats.
	Title         string
	PublishedText string
	Published     time.Time
	BodyHTML      string
}

// Input returns what the normalizer needs of the page: Key and URL are
// the final URL; HTML is the selected body when a BodySelector matched,
// else the whole page (the normalizer finds the main content). SourceID
// and the source's defaults are for the caller to set.
func (p *Page) Input() normalizer.Input {
	in := normalizer.Input{
		Key:         p.FinalURL,
		URL:         p.FinalURL,
		BaseURL:     p.FinalURL,
		Title:       p.Title,
		HTML:        p.BodyHTML,
		ContentType: p.ContentType,
		Published:   p.Published,
	}
	if in.HTML == "" {
		in.HTML = string(p.Body)
	}
	return in
}

// ErrNothingCrawled means no start page could be fetched; the error says
// why for the first of them.
var ErrNothingCrawled = errors.New("no start page could be fetched")

// Crawl crawls a site by rules, breadth first from the start URLs, and
// returns the article pages it fetched (HTML only) in the order fetched.
//
// Every request goes through opts.Transport and only to the rules'
// allowed hosts (a redirect elsewhere is refused); robots.txt is fetched
// once per host and obeyed for opts.UserAgent (a 4xx robots.txt allows
// everything; a 5xx, a timeout or a refused connection disallows the
// host for this run); requests to one host are at least opts.Delay (or
// the robots Crawl-delay, capped) apart; no more than MaxPages pages are
// requested and none deeper than MaxDepth. Environment variables that
// configure colly (COLLY_*) are overridden.
//
// Pages marked <meta name="robots" content="noindex"> are not returned;
// the links of pages marked nofollow, and links with rel="nofollow", are
// not followed. Pages that fail (HTTP errors, too large, not HTML) are
// logged to opts.Log and skipped; past opts.MaxTotal bytes of pages the
// crawl stops and logs it.
//
// The error wraps catalog.ErrInvalid for invalid rules (see
// CrawlRules.Validate) or options without a Transport or a UserAgent; it
// is ctx.Err() when ctx ends, returned with the pages fetched so far; it
// wraps ErrNothingCrawled when none of the start pages could be fetched.
func Crawl(ctx context.Context, rules CrawlRules, opts CrawlOptions) ([]Page, error) {
	cr, err := rules.compile()
	if err != nil {
		return nil, err
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	cw := newCrawler(ctx, cr, opts)
	return cw.run()
}

func (o *CrawlOptions) check() error {
	switch {
	case o.Transport == nil:
		return fmt.Errorf("%w: crawling needs the guarded transport of the fetch client", catalog.ErrInvalid)
	case strings.TrimSpace(o.UserAgent) == "":
		return fmt.Errorf("%w: crawling needs a User-Agent", catalog.ErrInvalid)
	}
	if o.Delay <= 0 {
		o.Delay = time.Second
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = 30 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 5 << 20
	}
	if o.MaxTotal <= 0 {
		o.MaxTotal = 100 << 20
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return nil
}

// target is a URL waiting in the crawl's frontier.
type target struct {
	url   string
	depth int
	item  bool // reached through an ItemLinkSelector link
}

type crawler struct {
	ctx    context.Context
	rules  *compiledRules
	opts   CrawlOptions
	c      *colly.Collector
	robots *robotsCache
	last   map[string]time.Time // host → time of the last request

	queue   []target
	queued  map[string]bool
	pages   []Page
	total   int64 // bytes of pages kept
	current *fetchResult
}

// fetchResult collects what colly's callbacks saw for one request.
type fetchResult struct {
	t     target
	page  *Page
	links []target
	err   error
}

func newCrawler(ctx context.Context, cr *compiledRules, opts CrawlOptions) *crawler {
	cw := &crawler{ctx: ctx, rules: cr, opts: opts, last: map[string]time.Time{}, queued: map[string]bool{}}
	tr := &hostGuard{next: opts.Transport, rules: cr}
	cw.robots = newRobotsCache(tr, opts, cw.wait)

	c := colly.NewCollector(colly.StdlibContext(ctx))
	// NewCollector reads COLLY_* environment variables after its options;
	// set everything that matters here afterwards.
	c.UserAgent = opts.UserAgent
	c.Headers = nil
	c.MaxDepth = 0 // the frontier keeps depth
	c.MaxRequests = 0
	c.MaxBodySize = int(opts.MaxBody + 1) // one byte over tells "too large" from "exactly at"
	c.IgnoreRobotsTxt = true              // robots.txt is checked by the crawler, Crawl-delay included
	c.AllowedDomains = nil                // the host guard below and requestable decide
	c.DisallowedDomains = nil
	c.URLFilters, c.DisallowedURLFilters = nil, nil
	c.AllowURLRevisit = false
	c.Async = false
	c.CacheDir = ""
	c.ParseHTTPErrorResponse = false
	c.DetectCharset = false // statistical guesses mangle short pages; see toUTF8HTML
	c.CheckHead = false
	c.TraceHTTP = false
	c.WithTransport(tr)
	c.SetRequestTimeout(opts.Timeout)
	c.DisableCookies()
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than 5 redirects")
		}
		if !cr.requestable(req.URL) {
			return fmt.Errorf("redirect to %s, outside the crawl rules", req.URL.Redacted())
		}
		return nil
	})
	c.OnResponseHeaders(func(r *colly.Response) {
		if r.StatusCode < 200 || r.StatusCode > 299 {
			cw.current.err = fmt.Errorf("the server answered %d %s", r.StatusCode, http.StatusText(r.StatusCode))
			r.Request.Abort()
			return
		}
		if !isHTML(r.Headers.Get("Content-Type")) {
			cw.current.err = fmt.Errorf("not an HTML page (%s)", r.Headers.Get("Content-Type"))
			r.Request.Abort()
		}
	})
	c.OnResponse(cw.onResponse)
	c.OnHTML("html", cw.onHTML)
	cw.c = c
	return cw
}

func (cw *crawler) run() ([]Page, error) {
	for _, s := range cw.rules.StartURLs {
		cw.enqueue(target{url: s, depth: 1})
	}
	starts := len(cw.queue)
	var firstErr error
	fetchedStart := false
	requested := 0
	for i := 0; i < len(cw.queue) && requested < cw.rules.MaxPages; i++ {
		if err := cw.ctx.Err(); err != nil {
			return cw.pages, err
		}
		t := cw.queue[i]
		u, err := url.Parse(t.url)
		if err != nil {
			continue
		}
		if err := cw.robots.allowed(cw.ctx, u); err != nil {
			if cw.ctx.Err() != nil {
				return cw.pages, cw.ctx.Err()
			}
			cw.opts.Log.Info("crawl: page skipped", "url", t.url, "err", err)
			if i < starts && firstErr == nil {
				firstErr = err
			}
			continue
		}
		if err := cw.wait(cw.ctx, u.Hostname()); err != nil {
			return cw.pages, err
		}
		requested++
		res := cw.fetch(t)
		if cw.ctx.Err() != nil {
			return cw.pages, cw.ctx.Err()
		}
		if res.err != nil {
			cw.opts.Log.Info("crawl: page skipped", "url", t.url, "err", res.err)
			if i < starts && firstErr == nil {
				firstErr = res.err
			}
			continue
		}
		if i < starts {
			fetchedStart = true
		}
		if res.page != nil {
			if cw.total += int64(len(res.page.Body)); cw.total > cw.opts.MaxTotal {
				cw.opts.Log.Warn("crawl: stopped, the pages fetched reach the size limit of one run", "url", t.url, "limit_bytes", cw.opts.MaxTotal)
				break
			}
			cw.pages = append(cw.pages, *res.page)
		}
		if t.depth < cw.rules.MaxDepth {
			for _, l := range res.links {
				cw.enqueue(l)
			}
		}
	}
	if !fetchedStart && firstErr != nil {
		return cw.pages, fmt.Errorf("%w: %v", ErrNothingCrawled, firstErr)
	}
	return cw.pages, nil
}

// enqueue adds t to the frontier once per URL. A URL first seen as a plain
// link and later as an item link stays as first queued; item links on
// listing pages are met before the article pages that could repeat them.
func (cw *crawler) enqueue(t target) {
	u, err := url.Parse(t.url)
	if err != nil || !cw.rules.requestable(u) {
		return
	}
	u.Fragment, u.RawFragment = "", ""
	t.url = u.String()
	if cw.queued[t.url] || len(cw.queued) >= 20*MaxCrawlPages {
		return
	}
	cw.queued[t.url] = true
	cw.queue = append(cw.queue, t)
}

// fetch requests one page through colly; the callbacks fill the result.
func (cw *crawler) fetch(t target) *fetchResult {
	res := &fetchResult{t: t}
	cw.current = res
	err := cw.c.Request(http.MethodGet, t.url, nil, nil, nil)
	cw.current = nil
	if res.err == nil && err != nil {
		res.err = cleanCollyError(err)
	}
	return res
}

func (cw *crawler) onResponse(r *colly.Response) {
	res := cw.current
	if res == nil {
		return
	}
	if int64(len(r.Body)) > cw.opts.MaxBody {
		res.err = fmt.Errorf("the page is larger than %d bytes", cw.opts.MaxBody)
		return
	}
	// Before OnHTML parses it, so selectors see text, not bytes.
	r.Body = toUTF8HTML(r.Body, r.Headers.Get("Content-Type"))
	final := r.Request.URL.String()
	if res.t.depth == 1 || !cw.rules.included(final) || (cw.rules.ItemLinkSelector != "" && !res.t.item) {
		return // a listing page: crawled for its links only
	}
	res.page = &Page{
		URL:         res.t.url,
		FinalURL:    final,
		Status:      r.StatusCode,
		ContentType: r.Headers.Get("Content-Type"),
		Body:        r.Body,
		Depth:       res.t.depth,
	}
}

func (cw *crawler) onHTML(e *colly.HTMLElement) {
	res := cw.current
	if res == nil || res.err != nil {
		return
	}
	doc := e.DOM
	noindex, nofollow := metaRobots(doc, cw.opts.UserAgent)
	if noindex {
		res.page = nil // the publisher asks that the page not be indexed
	}
	if res.page != nil {
		p := res.page
		if sel := cw.rules.TitleSelector; sel != "" {
			p.Title = strings.Join(strings.Fields(doc.Find(sel).First().Text()), " ")
		}
		if sel := cw.rules.DateSelector; sel != "" {
			d := doc.Find(sel).First()
			p.PublishedText = firstNonEmptyAttr(d, "datetime", "content")
			if p.PublishedText == "" {
				p.PublishedText = strings.Join(strings.Fields(d.Text()), " ")
			}
			p.Published = parsePageDate(p.PublishedText)
		}
		if sel := cw.rules.BodySelector; sel != "" {
			var parts []string
			doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
				if h, err := goquery.OuterHtml(s); err == nil {
					parts = append(parts, h)
				}
			})
			p.BodyHTML = strings.Join(parts, "\n")
		}
	}
	if res.t.depth >= cw.rules.MaxDepth || nofollow {
		return
	}
	items := map[string]bool{}
	if sel := cw.rules.ItemLinkSelector; sel != "" {
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			links := s.Filter("a[href]").AddSelection(s.Find("a[href]"))
			links.Each(func(_ int, a *goquery.Selection) {
				if u := e.Request.AbsoluteURL(a.AttrOr("href", "")); u != "" && len(items) < 10*MaxCrawlPages {
					items[u] = true
					res.links = append(res.links, target{url: u, depth: res.t.depth + 1, item: true})
				}
			})
		})
	}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if rel := strings.ToLower(a.AttrOr("rel", "")); strings.Contains(rel, "nofollow") {
			return
		}
		if u := e.Request.AbsoluteURL(a.AttrOr("href", "")); u != "" && !items[u] && len(res.links) < 20*MaxCrawlPages {
			res.links = append(res.links, target{url: u, depth: res.t.depth + 1})
		}
	})
}

// wait blocks until a request to host keeps the delay (the robots
// Crawl-delay if longer), or ctx ends.
func (cw *crawler) wait(ctx context.Context, host string) error {
	delay := max(cw.opts.Delay, cw.robots.crawlDelay(host))
	if last, ok := cw.last[host]; ok {
		if d := time.Until(last.Add(delay)); d > 0 {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
		}
	}
	cw.last[host] = time.Now()
	return nil
}

// metaRobots reads <meta name="robots"> (and the one naming our agent's
// product token) for noindex and nofollow; "none" means both.
func metaRobots(doc *goquery.Selection, ua string) (noindex, nofollow bool) {
	token := strings.ToLower(strings.SplitN(strings.TrimSpace(ua), "/", 2)[0])
	doc.Find("meta[name]").Each(func(_ int, m *goquery.Selection) {
		name := strings.ToLower(strings.TrimSpace(m.AttrOr("name", "")))
		if name != "robots" && (token == "" || name != token) {
			return
		}
		for _, d := range strings.Split(strings.ToLower(m.AttrOr("content", "")), ",") {
			switch strings.TrimSpace(d) {
			case "noindex":
				noindex = true
			case "nofollow":
				nofollow = true
			case "none":
				noindex, nofollow = true, true
			}
		}
	})
	return noindex, nofollow
}

func firstNonEmptyAttr(s *goquery.Selection, names ...string) string {
	for _, n := range names {
		if v := strings.TrimSpace(s.AttrOr(n, "")); v != "" {
			return v
		}
	}
	return ""
}

// pageDateLayouts are the date formats pages commonly show.
var pageDateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02", "02.01.2006", "02/01/2006",
	"2 January 2006", "January 2, 2006", "Jan 2, 2006", time.RFC1123Z, time.RFC1123,
}

// parsePageDate reads a date as pages write it; zero when it cannot.
// Times without a zone are read as UTC.
func parsePageDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, l := range pageDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// toUTF8HTML returns a page as UTF-8. Valid UTF-8 is kept whatever the
// page declares (colly has already converted pages whose Content-Type
// names another charset); otherwise the encoding comes from a byte-order
// mark, the Content-Type, a <meta charset>, or Windows-1252, as browsers
// do.
func toUTF8HTML(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return body
	}
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

func isHTML(contentType string) bool {
	if contentType == "" {
		return true // colly and the normalizer sniff it
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// cleanCollyError drops the url.Error wrapper, whose text repeats the
// URL the log line already names.
func cleanCollyError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// hostGuard refuses requests to hosts the rules do not allow, whatever
// colly or a redirect asks for; the guarded transport below it refuses
// private addresses.
type hostGuard struct {
	next  http.RoundTripper
	rules *compiledRules
}

func (h *hostGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !h.rules.hostAllowed(req.URL) {
		return nil, fmt.Errorf("%s is not among the crawl's allowed hosts", req.URL.Hostname())
	}
	return h.next.RoundTrip(req)
}
