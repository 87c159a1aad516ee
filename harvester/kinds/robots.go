package kinds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

const maxRobotsBytes = 512 << 10

// robotsCache fetches each host's robots.txt once per crawl.
type robotsCache struct {
	client *http.Client
	ua     string
	cap    time.Duration
	wait   func(context.Context, string) error
	hosts  map[string]*robotsEntry // scheme://host
}

type robotsEntry struct {
	group *robotstxt.Group // nil: everything allowed
	err   error            // the host is off limits for this run
	delay time.Duration
}

func newRobotsCache(tr http.RoundTripper, opts CrawlOptions, wait func(context.Context, string) error) *robotsCache {
	return &robotsCache{
		client: &http.Client{
			Transport: tr,
			Timeout:   opts.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return errors.New("more than 5 redirects")
				}
				return nil
			},
		},
		ua:    opts.UserAgent,
		cap:   opts.MaxCrawlDelay,
		wait:  wait,
		hosts: map[string]*robotsEntry{},
	}
}

// allowed returns nil when robots.txt lets the crawl's User-Agent fetch
// u, and an error saying why not otherwise.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) error {
	e := rc.entry(ctx, u)
	if e.err != nil {
		return e.err
	}
	if e.group == nil {
		return nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.group.Test(path) {
		return fmt.Errorf("robots.txt of %s disallows %s for our User-Agent", u.Host, path)
	}
	return nil
}

// crawlDelay returns the Crawl-delay robots.txt asks of host, capped; 0
// when it asks none or is not fetched yet.
func (rc *robotsCache) crawlDelay(host string) time.Duration {
	var d time.Duration
	for key, e := range rc.hosts {
		if u, err := url.Parse(key); err == nil && u.Hostname() == host && e.delay > d {
			d = e.delay
		}
	}
	return min(d, rc.cap)
}

func (rc *robotsCache) entry(ctx context.Context, u *url.URL) *robotsEntry {
	key := u.Scheme + "://" + u.Host
	if e, ok := rc.hosts[key]; ok {
		return e
	}
	e := rc.fetch(ctx, key, u.Hostname())
	rc.hosts[key] = e
	return e
}

// fetch reads robots.txt: a 2xx is parsed, a 4xx allows everything, a 5xx
// or a failed request disallows the host for this run.
func (rc *robotsCache) fetch(ctx context.Context, base, host string) *robotsEntry {
	if err := rc.wait(ctx, host); err != nil {
		return &robotsEntry{err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return &robotsEntry{err: err}
	}
	req.Header.Set("User-Agent", rc.ua)
	resp, err := rc.client.Do(req)
	if err != nil {
		return &robotsEntry{err: fmt.Errorf("robots.txt of %s could not be fetched, so the site is not crawled this time: %v", host, stripURLError(err))}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return &robotsEntry{err: fmt.Errorf("robots.txt of %s could not be read, so the site is not crawled this time: %v", host, err)}
	}
	if resp.StatusCode >= 500 {
		return &robotsEntry{err: fmt.Errorf("robots.txt of %s answered %d, so the site is not crawled this time", host, resp.StatusCode)}
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		// An unreadable robots.txt is treated like a missing one, as
		// search engines do.
		return &robotsEntry{}
	}
	g := data.FindGroup(rc.ua)
	if g == nil {
		return &robotsEntry{}
	}
	return &robotsEntry{group: g, delay: g.CrawlDelay}
}

func stripURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
