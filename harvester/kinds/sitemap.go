package kinds

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits of the sitemap protocol (sitemaps.org): a sitemap or sitemap
// index lists at most 50,000 URLs and is at most 50 MB uncompressed.
const (
	MaxSitemapURLs  = 50000
	MaxSitemapBytes = 50 << 20
	maxLocLength    = 2048 // the protocol's own limit on a URL
)

// ErrNotSitemap means the bytes are neither a sitemap, a sitemap index
// nor a plain-text list of URLs.
var ErrNotSitemap = errors.New("not a sitemap")

// Sitemap is a parsed sitemap: either a page list (Entries) or, when
// Index is set, a sitemap index (Children).
type Sitemap struct {
	URL      string // where it was fetched from
	Index    bool
	Entries  []SitemapEntry
	Children []SitemapChild
	// Truncated says the file listed more than MaxSitemapURLs URLs and
	// only the first MaxSitemapURLs were kept.
	Truncated bool
}

// SitemapEntry is one page of a sitemap.
type SitemapEntry struct {
	Loc     string    // absolute http(s) URL
	LastMod time.Time // zero when absent or unreadable
	// DayPrecision says LastMod was a date without a time of day, so the
	// page may have changed at any moment of that day (UTC).
	DayPrecision bool
	ChangeFreq   string  // always, hourly, daily, weekly, monthly, yearly, never; "" when absent or unknown
	Priority     float64 // 0.0–1.0; 0.5, the protocol's default, when absent
	Alternates   []Alternate
}

// Alternate is a translation of a page, from <xhtml:link rel="alternate"
// hreflang="…" href="…">.
type Alternate struct {
	Lang string // as written: "fr", "de-AT", "x-default"
	URL  string
}

// SitemapChild is one sitemap listed by a sitemap index.
type SitemapChild struct {
	Loc          string
	LastMod      time.Time
	DayPrecision bool
}

// ParseSitemap parses a sitemap, a sitemap index or a plain-text sitemap
// (one URL per line) fetched from sitemapURL. Gzip-compressed bytes
// (.xml.gz) are recognised by their magic bytes and decompressed.
//
// Only absolute http(s) locations of at most 2,048 characters are kept,
// each once; others are skipped, as search engines do. Locations on other
// hosts than sitemapURL are kept: whether to follow them is the caller's
// decision. Past MaxSitemapURLs entries the rest is dropped and
// Truncated set.
//
// The error wraps ErrTooLarge when the (decompressed) bytes exceed
// MaxSitemapBytes, and ErrNotSitemap, with the parser's reason, for
// anything else that is not a sitemap: other XML, broken XML, HTML.
func ParseSitemap(body []byte, sitemapURL string) (*Sitemap, error) {
	if len(body) > MaxSitemapBytes {
		return nil, fmt.Errorf("%w: the sitemap is %d bytes, more than the protocol's %d", ErrTooLarge, len(body), MaxSitemapBytes)
	}
	body, err := gunzipMaybe(body, MaxSitemapBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", ErrNotSitemap, err)
	}
	body = toUTF8XML(body)
	sm := &Sitemap{URL: sitemapURL}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%w: the response is empty", ErrNotSitemap)
	}
	if trimmed[0] != '<' {
		return parseTextSitemap(trimmed, sm)
	}
	w := &xmlWalker{d: newXMLDecoder(body)}
	seen := map[string]bool{}
root:
	for {
		tok, err := w.next()
		if err == io.EOF {
			return nil, fmt.Errorf("%w: no <urlset> or <sitemapindex> element", ErrNotSitemap)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrNotSitemap, xmlReason(err))
		}
		root, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch root.Name.Local {
		case "urlset":
		case "sitemapindex":
			sm.Index = true
		default:
			return nil, fmt.Errorf("%w: the document is <%s>, not <urlset> or <sitemapindex>", ErrNotSitemap, root.Name.Local)
		}
		break root
	}
	for {
		tok, err := w.next()
		if err != nil {
			if err == io.EOF && len(w.path) == 0 {
				return sm, nil
			}
			return nil, fmt.Errorf("%w: %s", ErrNotSitemap, xmlReason(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.path) != 2 {
				continue
			}
			switch {
			case !sm.Index && t.Name.Local == "url":
				e, err := readURLEntry(w)
				if err != nil {
					return nil, fmt.Errorf("%w: %s", ErrNotSitemap, xmlReason(err))
				}
				if e.Loc == "" || seen[e.Loc] {
					continue
				}
				if len(sm.Entries) == MaxSitemapURLs {
					sm.Truncated = true
					continue
				}
				seen[e.Loc] = true
				sm.Entries = append(sm.Entries, e)
			case sm.Index && t.Name.Local == "sitemap":
				c, err := readSitemapChild(w)
				if err != nil {
					return nil, fmt.Errorf("%w: %s", ErrNotSitemap, xmlReason(err))
				}
				if c.Loc == "" || seen[c.Loc] {
					continue
				}
				if len(sm.Children) == MaxSitemapURLs {
					sm.Truncated = true
					continue
				}
				seen[c.Loc] = true
				sm.Children = append(sm.Children, c)
			default:
				if err := w.skip(); err != nil {
					return nil, fmt.Errorf("%w: %s", ErrNotSitemap, xmlReason(err))
				}
			}
		case xml.EndElement:
			if len(w.path) == 0 {
				return sm, nil // whatever follows the root is ignored
			}
		}
	}
}

// readURLEntry reads a <url> element just opened.
func readURLEntry(w *xmlWalker) (SitemapEntry, error) {
	e := SitemapEntry{Priority: 0.5}
	depth := len(w.path)
	for {
		tok, err := w.next()
		if err != nil {
			return e, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.path) != depth+1 {
				continue
			}
			switch t.Name.Local {
			case "loc":
				s, err := w.text(maxLocLength + 1)
				if err != nil {
					return e, err
				}
				e.Loc = sitemapLoc(s)
			case "lastmod":
				s, err := w.text(64)
				if err != nil {
					return e, err
				}
				e.LastMod, e.DayPrecision = parseW3CDate(s)
			case "changefreq":
				s, err := w.text(16)
				if err != nil {
					return e, err
				}
				e.ChangeFreq = changeFreq(s)
			case "priority":
				s, err := w.text(16)
				if err != nil {
					return e, err
				}
				if p, err := strconv.ParseFloat(s, 64); err == nil && p >= 0 && p <= 1 {
					e.Priority = p
				}
			case "link":
				if hasToken(attr(t, "rel"), "alternate") && len(e.Alternates) < 100 {
					if u := sitemapLoc(attr(t, "href")); u != "" {
						e.Alternates = append(e.Alternates, Alternate{Lang: strings.TrimSpace(attr(t, "hreflang")), URL: u})
					}
				}
				if err := w.skip(); err != nil {
					return e, err
				}
			default:
				if err := w.skip(); err != nil {
					return e, err
				}
			}
		case xml.EndElement:
			if len(w.path) < depth {
				return e, nil
			}
		}
	}
}

// readSitemapChild reads a <sitemap> element of an index just opened.
func readSitemapChild(w *xmlWalker) (SitemapChild, error) {
	var c SitemapChild
	depth := len(w.path)
	for {
		tok, err := w.next()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.path) != depth+1 {
				continue
			}
			switch t.Name.Local {
			case "loc":
				s, err := w.text(maxLocLength + 1)
				if err != nil {
					return c, err
				}
				c.Loc = sitemapLoc(s)
			case "lastmod":
				s, err := w.text(64)
				if err != nil {
					return c, err
				}
				c.LastMod, c.DayPrecision = parseW3CDate(s)
			default:
				if err := w.skip(); err != nil {
					return c, err
				}
			}
		case xml.EndElement:
			if len(w.path) < depth {
				return c, nil
			}
		}
	}
}

// parseTextSitemap reads a plain-text sitemap: one URL per line.
func parseTextSitemap(body []byte, sm *Sitemap) (*Sitemap, error) {
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), MaxSitemapBytes)
	lines, bad := 0, 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		lines++
		u := sitemapLoc(line)
		if u == "" {
			bad++
			continue
		}
		if seen[u] {
			continue
		}
		if len(sm.Entries) == MaxSitemapURLs {
			sm.Truncated = true
			continue
		}
		seen[u] = true
		sm.Entries = append(sm.Entries, SitemapEntry{Loc: u, Priority: 0.5})
	}
	if len(sm.Entries) == 0 {
		return nil, fmt.Errorf("%w: it is not XML, and none of its %d lines is an http(s) URL", ErrNotSitemap, lines)
	}
	if bad > lines/2 {
		return nil, fmt.Errorf("%w: it is not XML, and %d of its %d lines are not http(s) URLs", ErrNotSitemap, bad, lines)
	}
	return sm, nil
}

// sitemapLoc returns s when it is an absolute http(s) URL with a host and
// within the protocol's length; otherwise "".
func sitemapLoc(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxLocLength {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func changeFreq(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "always", "hourly", "daily", "weekly", "monthly", "yearly", "never":
		return s
	}
	return ""
}

// w3cLayouts are the W3C Datetime profile the protocol uses, plus the
// variants real sitemaps write (space separator, no zone).
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
}

// parseW3CDate reads a W3C Datetime (YYYY, YYYY-MM, YYYY-MM-DD or a full
// date and time) as a UTC instant; dayOnly is set when no time was given.
// Times without a zone are read as UTC. Unreadable values give zero.
func parseW3CDate(s string) (t time.Time, dayOnly bool) {
	s = strings.TrimSpace(s)
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), false
		}
	}
	for _, l := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// changedSince reports whether something last modified at lastMod (with
// day precision or not) may have changed after since. Unknown dates count
// as changed: the caller cannot tell, so it must look.
func changedSince(lastMod time.Time, dayOnly bool, since time.Time) bool {
	if lastMod.IsZero() || since.IsZero() {
		return true
	}
	if dayOnly {
		lastMod = lastMod.Add(24 * time.Hour)
	}
	return lastMod.After(since)
}

// ChangedSince returns the entries that may have changed after since, for
// incremental runs: those whose LastMod is later, whose LastMod day has
// not ended by since, or that give no LastMod at all. A zero since
// returns every entry.
func (s *Sitemap) ChangedSince(since time.Time) []SitemapEntry {
	var out []SitemapEntry
	for _, e := range s.Entries {
		if changedSince(e.LastMod, e.DayPrecision, since) {
			out = append(out, e)
		}
	}
	return out
}

// ChildrenChangedSince does for the sitemaps of an index what
// ChangedSince does for pages.
func (s *Sitemap) ChildrenChangedSince(since time.Time) []SitemapChild {
	var out []SitemapChild
	for _, c := range s.Children {
		if changedSince(c.LastMod, c.DayPrecision, since) {
			out = append(out, c)
		}
	}
	return out
}

// maxRobotsSitemaps bounds the sitemaps taken from one robots.txt.
const maxRobotsSitemaps = 100

// RobotsSitemaps returns the sitemaps a robots.txt names on its
// "Sitemap:" lines: absolute http(s) URLs, without duplicates, in file
// order, at most 100. Only the first 512 KB are read, as crawlers do. It
// never fails; a robots.txt that names none gives nil.
func RobotsSitemaps(robots []byte) []string {
	if len(robots) > maxRobotsBytes {
		robots = robots[:maxRobotsBytes]
	}
	var out []string
	for len(robots) > 0 && len(out) < maxRobotsSitemaps {
		line := robots
		if i := bytes.IndexAny(robots, "\r\n"); i >= 0 {
			line, robots = robots[:i], robots[i+1:]
		} else {
			robots = nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok || !strings.EqualFold(strings.TrimSpace(string(k)), "sitemap") {
			continue
		}
		if u := sitemapLoc(string(v)); u != "" && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
