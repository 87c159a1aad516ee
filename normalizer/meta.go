package normalizer

import (
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer/lang"
)

// pageMeta is what a whole page says about itself, each field already
// reconciled across the page's own layers; Normalize puts the feed's
// fields before it. Where a field comes from, first source that has it
// winning:
//
//	field        feed (Input)       JSON-LD (main entity)      <head> meta tags                                  markup
//	-----------  -----------------  -------------------------  ------------------------------------------------  ----------------------------------
//	title        Title              headline, name             og:title, twitter:title, dc.title,                microdata headline, <h1>, the
//	                                                           dcterms.title, itemprop=headline                  content's first line when it reads
//	                                                                                                             as a heading, <title>
//	description  Summary            description                og:description, description, twitter:            (made from the text)
//	                                                           description, dc.description, dcterms.abstract
//	authors      Authors            author, creator            author, dc.creator, dcterms.creator,              microdata author (before the tags)
//	                                                           article:author (not a URL)
//	publisher    —                  publisher, provider,       og:site_name, dc.publisher, dcterms.publisher
//	                                funder
//	published    Published          datePublished,             article:published_time, datepublished,            itemprop=datePublished,
//	                                dateCreated,               dcterms.issued, dc.date.issued, dcterms.date,     a date-like element's text, the
//	                                legislationDate            dc.date, date, publication_date                   first <time datetime>, a date
//	                                                                                                             written just under the <h1> (not
//	                                                                                                             for an Event), a date line that
//	                                                                                                             extraction removed from the head
//	                                                                                                             of the content
//	updated      Updated            dateModified               article:modified_time, og:updated_time,           <time itemprop=dateModified>
//	                                                           datemodified, dcterms.modified, last-modified
//	language     Language (then     inLanguage                 content-language, dc.language, dcterms.language,  <html lang> (before the meta tags)
//	             the detector,                                 og:locale
//	             see language.go)
//	canonical    —                  url (same site)            og:url (same site)                                <link rel=canonical> (same site),
//	                                                                                                             first; else the item's URL
//	licence      —                  license                    dcterms.license, dc.rights, dcterms.rights        <link rel=license>, <a rel=license>
//	translations —                  —                          —                                                 <link rel=alternate hreflang>
//
// The feed comes first because it is what the publisher meant for
// syndication and the hub reads it anyway; JSON-LD next because it is
// typed and made for machines; then the social and Dublin Core tags, which
// CMSs fill from the same fields; the visible page last, where microdata
// (itemprop) comes first. A feed's
// published date falls back to its updated date before the page is asked.
// "Same site" means the same host, ignoring case and a leading "www.": a
// canonical pointing elsewhere is a syndication partner's claim and is not
// followed. Dates keep their instant (a zone in the source is honoured)
// and are stored in UTC; a date without a zone is read as UTC.
type pageMeta struct {
	title        string
	description  string
	lang         string // as declared, not yet normalised
	authors      []string
	publisher    string
	published    time.Time
	modified     time.Time
	canonical    string // absolute; "" when the page names none on its site
	licence      string
	translations []catalog.Translation
	schemaType   string // the JSON-LD main entity's type, "" if none
	// titleFromHead is set when title is the <title> of the page, the
	// weakest source: a site's name often stands there instead.
	titleFromHead bool
}

// readMeta reads a page's metadata from every layer and reconciles it as
// the table on pageMeta says. base is the page's address, against which
// relative links resolve and "same site" is judged; it may be nil.
func readMeta(doc *goquery.Document, base *url.URL, g ldGraph) pageMeta {
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
	ld, _ := g.mainEntity()
	var m pageMeta
	m.schemaType = ld.Type

	m.title = firstNonEmpty(ld.Headline, first("og:title", "twitter:title", "dc.title", "dcterms.title", "headline"))
	if m.title == "" {
		m.title = doc.Find(`[itemprop="headline"]`).First().Text() // microdata
	}
	if strings.TrimSpace(m.title) == "" {
		m.title = doc.Find("h1").First().Text()
	}
	if strings.TrimSpace(m.title) == "" {
		m.title = doc.Find("title").First().Text()
		m.titleFromHead = true
	}
	m.description = firstNonEmpty(ld.Description, first("og:description", "description",
		"twitter:description", "dc.description", "dcterms.abstract", "dcterms.description"))

	htmlEl := doc.Find("html").First()
	for _, k := range []string{"lang", "xml:lang"} {
		if v, ok := htmlEl.Attr(k); ok && strings.TrimSpace(v) != "" {
			m.lang = v
			break
		}
	}
	m.lang = firstNonEmpty(ld.Language, m.lang, first("content-language", "dc.language", "dcterms.language", "og:locale"))

	m.authors = ld.Authors
	if len(m.authors) == 0 {
		m.authors = microdataAuthors(doc)
	}
	if len(m.authors) == 0 {
		if a := first("author", "dc.creator", "dcterms.creator"); a != "" {
			m.authors = []string{a}
		} else if a := first("article:author"); a != "" && !strings.Contains(a, "://") {
			m.authors = []string{a}
		}
	}
	m.publisher = firstNonEmpty(ld.Publisher, first("og:site_name", "dc.publisher", "dcterms.publisher"))

	m.published = parseDate(ld.Published)
	if m.published.IsZero() {
		m.published = parseDate(first("article:published_time", "datepublished", "dcterms.issued",
			"dc.date.issued", "dcterms.date", "dc.date", "date", "publication_date"))
	}
	if m.published.IsZero() {
		m.published = visiblePublished(doc, lang.Normalize(m.lang), ld.Type == "Event")
	}
	m.modified = parseDate(ld.Modified)
	if m.modified.IsZero() {
		m.modified = parseDate(first("article:modified_time", "og:updated_time", "datemodified",
			"dcterms.modified", "last-modified"))
	}
	if m.modified.IsZero() {
		if v, ok := doc.Find(`time[itemprop="dateModified"]`).First().Attr("datetime"); ok {
			m.modified = parseDate(v)
		}
	}

	if href, ok := doc.Find(`link[rel~="canonical"]`).First().Attr("href"); ok {
		m.canonical = sameSite(base, href)
	}
	if m.canonical == "" {
		m.canonical = sameSite(base, first("og:url"))
	}
	if m.canonical == "" && ld.URL != "" {
		m.canonical = sameSite(base, ld.URL)
	}

	m.licence = ld.Licence
	if m.licence == "" {
		if href, ok := doc.Find(`link[rel~="license"], a[rel~="license"]`).First().Attr("href"); ok {
			if abs, ok := resolve(base, href); ok {
				m.licence = abs
			}
		}
	}
	if m.licence == "" {
		m.licence = first("dcterms.license", "dc.rights", "dcterms.rights")
	}
	self := m.canonical
	if self == "" && base != nil {
		self = base.String()
	}
	m.translations = translations(doc, base, self)
	return m
}

// sameSite resolves ref against base and returns it when it is an http(s)
// address on base's site (same host but for case and a leading "www.");
// otherwise, or with no base, "".
func sameSite(base *url.URL, ref string) string {
	if base == nil || strings.TrimSpace(ref) == "" {
		return ""
	}
	abs, ok := resolve(base, ref)
	if !ok {
		return ""
	}
	u := webURL(abs)
	if u == nil || siteHost(u.Hostname()) != siteHost(base.Hostname()) {
		return ""
	}
	return abs
}

func siteHost(h string) string {
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}

// maxTranslations bounds the hreflang alternates kept.
const maxTranslations = 60

// translations reads the page's hreflang alternates: one per language,
// without x-default and without the page itself.
func translations(doc *goquery.Document, base *url.URL, self string) []catalog.Translation {
	var out []catalog.Translation
	seen := map[string]bool{}
	doc.Find(`link[rel~="alternate"][hreflang][href]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		hl, _ := s.Attr("hreflang")
		href, _ := s.Attr("href")
		code := lang.Normalize(hl)
		abs, ok := resolve(base, href)
		if code == "" || !ok || webURL(abs) == nil || seen[code] {
			return true
		}
		if self != "" && CanonicalURL(abs) == CanonicalURL(self) {
			return true
		}
		seen[code] = true
		out = append(out, catalog.Translation{Language: code, URL: abs})
		return len(out) < maxTranslations
	})
	return out
}

// visiblePublished finds a publication date in the page's markup and
// text, in the order of pageMeta's table: a <time> marked as the
// publication date, an element whose class or id says it holds a date
// (outside comments), the first <time datetime> outside comments, a date
// written in the few paragraphs that follow the <h1> — unless the page is
// an event, whose first date is when it takes place.
func visiblePublished(doc *goquery.Document, pageLang string, event bool) time.Time {
	if v, ok := doc.Find(`time[itemprop="datePublished"], [itemprop="datePublished"][datetime]`).First().Attr("datetime"); ok {
		if t := parseDate(v); !t.IsZero() {
			return t
		}
	}
	if v, ok := doc.Find(`[itemprop="datePublished"][content]`).First().Attr("content"); ok {
		if t := parseDate(v); !t.IsZero() {
			return t
		}
	}
	var found time.Time
	doc.Find(`[class*="date"], [class*="publish"], [class*="posted"], [class*="byline"], [class*="meta"], [id*="date"], time[datetime]`).
		EachWithBreak(func(i int, s *goquery.Selection) bool {
			if i > 50 {
				return false
			}
			if inComment(s.Nodes[0]) {
				return true
			}
			if v, ok := s.Attr("datetime"); ok {
				found = parseDate(v)
			} else if v, ok := s.Find("time[datetime]").First().Attr("datetime"); ok {
				found = parseDate(v) // the machine-readable form of the same date
			}
			if found.IsZero() {
				found = visibleDate(strings.TrimSpace(cutBytes(s.Text(), 4*maxDateInput)), pageLang)
			}
			return found.IsZero()
		})
	if !found.IsZero() {
		return found
	}
	if event {
		return time.Time{}
	}
	h1 := doc.Find("h1").First()
	for s, i := h1.Next(), 0; s.Length() > 0 && i < 3; s, i = s.Next(), i+1 {
		if !s.Is("p, div, span, small, time, em") {
			continue
		}
		if t := visibleDate(strings.TrimSpace(cutBytes(s.Text(), 4*maxDateInput)), pageLang); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// microdataAuthors reads schema.org microdata authors: the name inside
// each itemprop="author", or its text.
func microdataAuthors(doc *goquery.Document) []string {
	var out []string
	doc.Find(`[itemprop~="author"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		name := s.Find(`[itemprop="name"]`).First()
		v := ""
		if c, ok := name.Attr("content"); ok {
			v = c
		} else if name.Length() > 0 {
			v = name.Text()
		} else if c, ok := s.Attr("content"); ok {
			v = c
		} else {
			v = s.Text()
		}
		if v = strings.TrimSpace(v); v != "" && len(v) <= maxAuthor {
			out = append(out, v)
		}
		return len(out) < MaxAuthors
	})
	return out
}

// inComment reports whether n is inside a reader comment, whose dates are
// not the page's.
func inComment(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && strings.Contains(strings.ToLower(a.Val), "comment") {
				return true
			}
		}
	}
	return false
}
