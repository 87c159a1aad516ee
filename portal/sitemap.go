package portal

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// Sitemaps (sitemaps.org protocol 0.9) for search engines and other hubs:
// /sitemap.xml is an index of /sitemaps/pages.xml (home and search in each
// interface language) and of one sitemap per month of publication,
// /sitemaps/documents-YYYY-MM.xml, listing each document's English page
// with its French and German alternates. Only months with documents are
// listed, each found by one search. Undated documents are not listed; a
// month holds at most sitemapMaxURLs documents (the protocol's limit),
// its newest ones.

const (
	sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNamespace   = "http://www.w3.org/1999/xhtml"
	sitemapMaxURLs   = 50000
	sitemapPage      = catalog.MaxLimit
)

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string        `xml:"loc"`
	LastMod    string        `xml:"lastmod,omitempty"`
	Alternates []sitemapLink `xml:"xhtml:link"`
}

// sitemapLink is an xhtml:link naming the page in another language.
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// handleSitemapIndex writes /sitemap.xml. It steps back through the
// months that have documents, one search each: the newest document at or
// before a bound names its month and that month's lastmod, and the next
// bound is the month's start. Months without documents cost nothing and
// are never listed.
func (s *Server) handleSitemapIndex(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	idx := sitemapIndex{Sitemaps: []sitemapEntry{{Loc: s.absURL(r, "/sitemaps/pages.xml")}}}
	var until time.Time
	for range maxSitemapMonths {
		res, err := s.catalog.Search(ctx, catalog.Query{From: oaiEarliest, Until: until, Sort: catalog.SortDate, Limit: 1})
		if err != nil {
			return err
		}
		if len(res.Hits) == 0 {
			break
		}
		newest := res.Hits[0].Published.UTC()
		m := monthOf(newest)
		idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{
			Loc:     s.absURL(r, "/sitemaps/documents-"+m.Format("2006-01")+".xml"),
			LastMod: newest.Format(time.RFC3339),
		})
		until = m.Add(-time.Microsecond)
	}
	return writeXML(w, idx)
}

// maxSitemapMonths bounds the index below the protocol's 50,000 sitemaps.
const maxSitemapMonths = 12 * 127

func monthOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// handleSitemapPages writes /sitemaps/pages.xml.
func (s *Server) handleSitemapPages(w http.ResponseWriter, r *http.Request) error {
	set := urlSet{XHTML: xhtmlNamespace}
	pages := []string{"/", "/search", "/events", "/funding", "/funding/closed", "/themes", "/types", "/countries"}
	for _, code := range catalog.SheetCountries() {
		pages = append(pages, "/countries/"+strings.ToLower(code))
	}
	for _, th := range catalog.Themes {
		pages = append(pages, "/themes/"+th.Slug)
	}
	for _, ct := range catalog.ContentTypes {
		pages = append(pages, "/types/"+ct.Slug)
	}
	for _, suffix := range pages {
		for _, lang := range s.langs {
			set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(r, "/"+lang+suffix), Alternates: s.alternates(r, suffix)})
		}
	}
	return writeXML(w, set)
}

// alternates are the xhtml:links of a page in every interface language.
func (s *Server) alternates(r *http.Request, rest string) []sitemapLink {
	var out []sitemapLink
	for _, lang := range s.langs {
		out = append(out, sitemapLink{Rel: "alternate", HrefLang: lang, Href: s.absURL(r, "/"+lang+rest)})
	}
	return out
}

// handleSitemapDocuments writes /sitemaps/documents-YYYY-MM.xml: the
// documents published that month, newest first, read page by page with a
// moving date bound as the OAI-PMH lists are.
func (s *Server) handleSitemapDocuments(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	month, ok := strings.CutSuffix(strings.TrimPrefix(name, "documents-"), ".xml")
	start, err := time.Parse("2006-01", month)
	if !ok || !strings.HasPrefix(name, "documents-") || err != nil || start.Before(oaiEarliest) {
		return fmt.Errorf("%w: no sitemap %q", catalog.ErrNotFound, name)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	set := urlSet{XHTML: xhtmlNamespace}
	tok := oaiToken{From: start.UnixMicro(), Until: start.AddDate(0, 1, 0).Add(-time.Microsecond).UnixMicro()}
	for len(set.URLs) < sitemapMaxURLs {
		q, _ := tok.query()
		q.Limit = min(sitemapPage, sitemapMaxURLs-len(set.URLs))
		res, err := s.catalog.Search(ctx, q)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			rest := strings.TrimPrefix(documentPath("en", h.ID), "/en")
			set.URLs = append(set.URLs, sitemapURL{
				Loc:        s.absURL(r, documentPath("en", h.ID)),
				LastMod:    h.Published.UTC().Format(time.RFC3339),
				Alternates: s.alternates(r, rest),
			})
		}
		if len(res.Hits) == 0 || res.Total-q.Offset-len(res.Hits) <= 0 {
			break
		}
		tok = tok.after(res.Hits)
		if tok.Skip > catalog.MaxOffset {
			break // more documents share one instant than a search can skip
		}
	}
	if len(set.URLs) == 0 {
		// The protocol wants at least one url; the index never lists an
		// empty month.
		return fmt.Errorf("%w: no document was published in %s", catalog.ErrNotFound, month)
	}
	return writeXML(w, set)
}

// handleRobots writes /robots.txt: everything may be crawled but the
// API and the feeds, and the sitemap index is named.
func (s *Server) handleRobots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := fmt.Fprintf(w, "User-agent: *\nDisallow: /api/\nDisallow: /oai\nAllow: /\n\nSitemap: %s\n", s.absURL(r, "/sitemap.xml"))
	return err
}

// writeXML writes v as an XML document.
func writeXML(w http.ResponseWriter, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.WriteHeader(http.StatusOK)
	_, err := buf.WriteTo(w)
	return err
}
