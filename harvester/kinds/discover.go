package kinds

import (
	"bytes"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of Discover: a homepage names a handful of feeds; anything past
// these is noise or an attack.
const (
	MaxDiscoverBytes = 2 << 20 // bytes of the page that are read
	MaxDiscovered    = 50      // feed URLs returned
)

// feedTypes are the media types a <link rel="alternate"> names a feed with.
var feedTypes = map[string]bool{
	"application/rss+xml":    true,
	"application/atom+xml":   true,
	"application/feed+json":  true,
	"application/json":       true,
	"application/rdf+xml":    true,
	"application/x-rss+xml":  true,
	"application/x-atom+xml": true,
}

// Discover returns the feeds a page announces with
// <link rel="alternate" type="…"> for RSS, Atom, RDF and JSON Feed, as
// absolute http(s) URLs resolved against pageURL (or the page's <base
// href>), without duplicates, in page order, at most MaxDiscovered.
//
// Only the first MaxDiscoverBytes of body are read. Links of type
// application/json that point into a WordPress REST API (/wp-json/) are
// skipped: WordPress announces every page's API record that way, and it
// is not a feed. Discover never fails; a page with no feeds, or bytes
// that are not HTML, give nil. The caller tries WellKnownFeedURLs next.
func Discover(body []byte, pageURL string) []string {
	if len(body) > MaxDiscoverBytes {
		body = body[:MaxDiscoverBytes]
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(MaxDiscoverBytes)
	var out []string
	seen := map[string]bool{}
	baseSet := false
	for len(out) < MaxDiscovered {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if !hasAttr || (a != atom.Link && a != atom.Base) {
			continue
		}
		attrs := tagAttrs(z)
		if a == atom.Base {
			// Only the first <base href> counts, as in browsers.
			if !baseSet && attrs["href"] != "" {
				if b, err := base.Parse(strings.TrimSpace(attrs["href"])); err == nil {
					base = b
				}
				baseSet = true
			}
			continue
		}
		if !hasToken(attrs["rel"], "alternate") || !isFeedType(attrs["type"]) {
			continue
		}
		u := absoluteHTTP(base, attrs["href"])
		if u == "" || seen[u] {
			continue
		}
		if mediaType(attrs["type"]) == "application/json" && strings.Contains(u, "/wp-json/") {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// tagAttrs returns the current tag's attributes, lower-cased names, first
// occurrence winning.
func tagAttrs(z *html.Tokenizer) map[string]string {
	m := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		key := string(k)
		if _, dup := m[key]; !dup {
			m[key] = string(v)
		}
		if !more {
			return m
		}
	}
}

// hasToken reports whether the space-separated list has tok, ignoring case.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func mediaType(v string) string {
	mt, _, err := mime.ParseMediaType(v)
	if err != nil {
		mt, _, _ = strings.Cut(v, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

func isFeedType(v string) bool { return feedTypes[mediaType(v)] }

// absoluteHTTP resolves ref against base and returns it only when it is
// an absolute http(s) URL with a host; otherwise "".
func absoluteHTTP(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u.String()
}

// WellKnownFeedPaths returns the paths where sites commonly publish a
// feed without announcing it, most common first. The caller tries them,
// resolved with WellKnownFeedURLs, when Discover finds nothing. A fresh
// slice is returned on each call.
func WellKnownFeedPaths() []string {
	return []string{
		"feed", "feed/", "rss", "rss.xml", "atom.xml", "feed.xml", "index.xml",
		"index.rss", "feed.json", "feed.atom", "rss/", "?feed=rss2",
	}
}

// WellKnownFeedURLs returns absolute candidate feed URLs for pageURL: each
// of WellKnownFeedPaths under the page's directory, then under the site's
// root, without duplicates. It returns nil when pageURL is not an
// absolute http(s) URL.
func WellKnownFeedURLs(pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	dir := *u
	dir.RawQuery, dir.Fragment, dir.RawFragment = "", "", ""
	if i := strings.LastIndex(dir.Path, "/"); i >= 0 {
		dir.Path = dir.Path[:i+1]
	} else {
		dir.Path = "/"
	}
	dir.RawPath = ""
	root := dir
	root.Path = "/"
	var out []string
	seen := map[string]bool{}
	for _, b := range []*url.URL{&dir, &root} {
		for _, p := range WellKnownFeedPaths() {
			c := absoluteHTTP(b, p)
			if c != "" && !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}
