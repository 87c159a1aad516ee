package normalizer

import (
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// pageMeta is what a whole page says about itself in its <head> and
// markup; Normalize uses it only where the feed said nothing.
type pageMeta struct {
	title       string
	description string
	lang        string // as declared, not yet normalised
	author      string
	published   time.Time
	modified    time.Time
}

// readMeta reads a page's metadata: Open Graph, Dublin Core, schema.org
// microdata and plain <meta> names, the <title> and <h1>, <html lang>.
func readMeta(doc *goquery.Document) pageMeta {
	metas := map[string]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok || strings.TrimSpace(content) == "" {
			return
		}
		for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
			if v, ok := s.Attr(k); ok {
				v = strings.ToLower(strings.TrimSpace(v))
				if _, seen := metas[v]; !seen {
					metas[v] = strings.TrimSpace(content)
				}
			}
		}
	})
	first := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
		}
		return ""
	}
	var m pageMeta
	m.title = first("og:title", "twitter:title", "dc.title", "dcterms.title")
	if m.title == "" {
		m.title = doc.Find("h1").First().Text()
	}
	if strings.TrimSpace(m.title) == "" {
		m.title = doc.Find("title").First().Text()
	}
	m.description = first("og:description", "description", "twitter:description", "dc.description", "dcterms.abstract")
	html := doc.Find("html").First()
	for _, k := range []string{"lang", "xml:lang"} {
		if v, ok := html.Attr(k); ok && strings.TrimSpace(v) != "" {
			m.lang = v
			break
		}
	}
	if m.lang == "" {
		m.lang = first("content-language", "dc.language", "dcterms.language", "og:locale")
	}
	m.author = first("author", "dc.creator", "dcterms.creator")
	if a := first("article:author"); m.author == "" && !strings.Contains(a, "://") {
		m.author = a
	}
	m.published = parseDate(first("article:published_time", "datepublished", "dcterms.issued",
		"dc.date.issued", "dcterms.date", "dc.date", "date", "publication_date"))
	if m.published.IsZero() {
		if v, ok := doc.Find(`time[itemprop="datePublished"]`).First().Attr("datetime"); ok {
			m.published = parseDate(v)
		}
	}
	m.modified = parseDate(first("article:modified_time", "og:updated_time", "datemodified",
		"dcterms.modified", "last-modified"))
	return m
}

// parseDate reads the date formats pages use in their metadata; anything
// else, or a date before 1990 or after 2100, gives the zero time.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05", "2006-01-02",
		time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2100 {
				return time.Time{}
			}
			return t.UTC()
		}
	}
	return time.Time{}
}
