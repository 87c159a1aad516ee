package kinds

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"

	"github.com/ewsi/hub/catalog"
)

// Bounds on crawl rules: a source owner's rules cannot make one run
// unbounded.
const (
	DefaultMaxDepth = 2
	DefaultMaxPages = 100
	MaxCrawlDepth   = 10
	MaxCrawlPages   = 5000
	maxStartURLs    = 50
	maxPatterns     = 50
)

// CrawlRules say how to crawl a site that has no feed. They come from the
// source owner; Validate checks them.
type CrawlRules struct {
	// StartURLs are the listing pages the crawl starts from (depth 1);
	// they are crawled for links and never returned as articles.
	StartURLs []string
	// AllowedHosts are the only hosts requested, redirects and robots.txt
	// included; empty means the hosts of StartURLs. Names match exactly
	// (www.example.org is not example.org).
	AllowedHosts []string
	// Include and Exclude are regular expressions (RE2) on absolute URLs.
	// A URL matching any Exclude pattern is never requested. When Include
	// is not empty, only pages matching one of its patterns are article
	// pages; the others are crawled for links only.
	Include, Exclude []string
	// MaxDepth is how many links deep the crawl goes: 1 fetches the start
	// pages only, 2 the pages they link to, … (0 means DefaultMaxDepth;
	// at most MaxCrawlDepth).
	MaxDepth int
	// MaxPages bounds the pages requested in one run, start pages
	// included, robots.txt not (0 means DefaultMaxPages; at most
	// MaxCrawlPages).
	MaxPages int
	// ItemLinkSelector is a CSS selector for the links to article pages on
	// listing pages (the <a> itself or an element holding it). When set,
	// only pages reached through such a link are article pages; other
	// links are still followed, within MaxDepth, to find more listings.
	ItemLinkSelector string
	// TitleSelector, DateSelector and BodySelector are optional CSS
	// selectors that pick an article's title, publication date and body.
	TitleSelector, DateSelector, BodySelector string
}

// compiledRules are CrawlRules checked and ready to use.
type compiledRules struct {
	CrawlRules
	hosts            map[string]bool
	include, exclude []*regexp.Regexp
}

// Validate checks rules before they are stored or used. The error wraps
// catalog.ErrInvalid and names the rule at fault in words a source owner
// can act on.
func (r CrawlRules) Validate() error {
	_, err := r.compile()
	return err
}

func (r CrawlRules) compile() (*compiledRules, error) {
	c := &compiledRules{CrawlRules: r, hosts: map[string]bool{}}
	switch {
	case len(r.StartURLs) == 0:
		return nil, fmt.Errorf("%w: the crawl rules name no start URL", catalog.ErrInvalid)
	case len(r.StartURLs) > maxStartURLs:
		return nil, fmt.Errorf("%w: the crawl rules name %d start URLs, at most %d are allowed", catalog.ErrInvalid, len(r.StartURLs), maxStartURLs)
	case r.MaxDepth < 0 || r.MaxDepth > MaxCrawlDepth:
		return nil, fmt.Errorf("%w: the maximum depth must be between 1 and %d", catalog.ErrInvalid, MaxCrawlDepth)
	case r.MaxPages < 0 || r.MaxPages > MaxCrawlPages:
		return nil, fmt.Errorf("%w: the maximum number of pages must be between 1 and %d", catalog.ErrInvalid, MaxCrawlPages)
	case len(r.Include) > maxPatterns || len(r.Exclude) > maxPatterns:
		return nil, fmt.Errorf("%w: at most %d include and %d exclude patterns are allowed", catalog.ErrInvalid, maxPatterns, maxPatterns)
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.MaxPages == 0 {
		c.MaxPages = DefaultMaxPages
	}
	for _, h := range r.AllowedHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || strings.ContainsAny(h, "/:@ ") && !strings.HasPrefix(h, "[") {
			return nil, fmt.Errorf("%w: %q is not a host name (write www.example.org, without http:// or a path)", catalog.ErrInvalid, h)
		}
		c.hosts[strings.Trim(h, "[]")] = true
	}
	for _, s := range r.StartURLs {
		u, err := catalog.ValidateSourceURL(s)
		if err != nil {
			return nil, err
		}
		host := strings.ToLower(u.Hostname())
		if len(r.AllowedHosts) == 0 {
			c.hosts[host] = true
		} else if !c.hosts[host] {
			return nil, fmt.Errorf("%w: the start URL %s is on %s, which is not among the allowed hosts", catalog.ErrInvalid, s, host)
		}
	}
	var err error
	if c.include, err = compilePatterns("include", r.Include); err != nil {
		return nil, err
	}
	if c.exclude, err = compilePatterns("exclude", r.Exclude); err != nil {
		return nil, err
	}
	for _, s := range r.StartURLs {
		if u, _ := url.Parse(strings.TrimSpace(s)); !c.requestable(u) {
			return nil, fmt.Errorf("%w: the start URL %s matches an exclude pattern (or is a compressed file), so nothing would be crawled", catalog.ErrInvalid, s)
		}
	}
	for name, sel := range map[string]string{"item link": r.ItemLinkSelector, "title": r.TitleSelector, "date": r.DateSelector, "body": r.BodySelector} {
		if sel == "" {
			continue
		}
		if len(sel) > 500 {
			return nil, fmt.Errorf("%w: the %s selector is longer than 500 characters", catalog.ErrInvalid, name)
		}
		if _, err := cascadia.ParseGroup(sel); err != nil {
			return nil, fmt.Errorf("%w: the %s selector %q is not valid CSS: %v", catalog.ErrInvalid, name, sel, err)
		}
	}
	return c, nil
}

func compilePatterns(kind string, pats []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range pats {
		if len(p) > 1000 {
			return nil, fmt.Errorf("%w: an %s pattern is longer than 1000 characters", catalog.ErrInvalid, kind)
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("%w: the %s pattern %q is not a valid regular expression: %v", catalog.ErrInvalid, kind, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// hostAllowed reports whether u's host is one the rules allow.
func (c *compiledRules) hostAllowed(u *url.URL) bool {
	return c.hosts[strings.ToLower(u.Hostname())]
}

// requestable reports whether the crawl may request u at all: http(s), an
// allowed host, no Exclude pattern, not a compressed file.
func (c *compiledRules) requestable(u *url.URL) bool {
	if (u.Scheme != "http" && u.Scheme != "https") || !c.hostAllowed(u) {
		return false
	}
	s := u.String()
	for _, re := range c.exclude {
		if re.MatchString(s) {
			return false
		}
	}
	// colly decompresses .gz bodies past its size limit; such files are
	// no articles anyway.
	return !strings.HasSuffix(strings.ToLower(u.Path), ".gz")
}

// included reports whether u may be an article page by the Include
// patterns.
func (c *compiledRules) included(u string) bool {
	if len(c.include) == 0 {
		return true
	}
	for _, re := range c.include {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}
