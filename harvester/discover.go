package harvester

import (
	"context"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/harvester/kinds"
)

// ErrNoFeedFound means a page neither is a feed nor leads to one.
var ErrNoFeedFound = errors.New("no feed found")

// maxFeedCandidates bounds the URLs FindFeed tries after the page itself.
const maxFeedCandidates = 8

// FindFeed returns the feed a source owner means by pageURL: pageURL
// itself when it is a feed, else the first feed the page announces
// (<link rel="alternate">, kinds.Discover), else the first feed found at
// a well-known path (kinds.WellKnownFeedURLs), trying at most a few
// URLs. how says which, as a sentence. Every request goes through c, so
// the SSRF guard applies. The error is the fetch's when pageURL cannot be
// fetched, or wraps ErrNoFeedFound.
func FindFeed(ctx context.Context, c *fetch.Client, pageURL string) (feedURL, how string, err error) {
	resp, err := c.Get(ctx, pageURL, fetch.Validators{})
	if err != nil {
		return "", "", err
	}
	if isFeed(resp) {
		return pageURL, "the address is a feed", nil
	}
	tried := map[string]bool{pageURL: true, resp.URL: true}
	try := func(list []string, how string) (string, string, bool) {
		for _, u := range list {
			if tried[u] || len(tried) >= maxFeedCandidates+2 {
				continue
			}
			tried[u] = true
			r, err := c.Get(ctx, u, fetch.Validators{})
			if err == nil && isFeed(r) {
				return u, how, true
			}
			if ctx.Err() != nil {
				return "", "", false
			}
		}
		return "", "", false
	}
	if u, how, ok := try(kinds.Discover(resp.Body, resp.URL), "the page announces it"); ok {
		return u, how, nil
	}
	if u, how, ok := try(kinds.WellKnownFeedURLs(resp.URL), "found at a usual feed address of the site"); ok {
		return u, how, nil
	}
	return "", "", fmt.Errorf("%w at %s: the page announces none and none answers at the usual addresses (register it as a site or sitemap instead)", ErrNoFeedFound, pageURL)
}

func isFeed(r *fetch.Response) bool {
	body, _ := ToUTF8(r.Body, r.Header.Get("Content-Type"))
	_, err := ParseFeed(body, r.URL, &catalog.Source{})
	return err == nil
}
