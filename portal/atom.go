package portal

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"
)

// Atom 1.0 (RFC 4287) as the portal writes it.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  atomText    `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	// Lang is the content language; "" says it is unknown rather than
	// letting the entry inherit the interface language.
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

// handleSearchAtom writes the Atom feed of a search: the same parameters
// as the search page, the entries of the same page.
func (s *Server) handleSearchAtom(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parsePageQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	page := q.Offset/pageSize + 1
	self := s.absURL(r, searchPath(lang, "/atom", q, page))
	title := loc.T("atom.title")
	if q.Text != "" {
		title = loc.T("atom.title.query", q.Text)
	}
	feed := atomFeed{
		Lang:     lang,
		ID:       self,
		Title:    atomText{Type: "text", Text: title},
		Subtitle: atomText{Type: "text", Text: loc.T("atom.subtitle")},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: s.absURL(r, searchPath(lang, "", q, page)), HrefLang: lang},
		},
		Author:    atomPerson{Name: loc.T("site.name")},
		Generator: loc.T("site.name"),
	}
	var newest time.Time
	for _, h := range res.Hits {
		if h.Published.After(newest) {
			newest = h.Published
		}
	}
	if newest.IsZero() {
		newest = s.now()
	}
	feed.Updated = atomTime(newest)
	// A scheme followed by a term is the search for that term.
	themeScheme := s.absURL(r, "/"+lang+"/search?theme=")
	typeScheme := s.absURL(r, "/"+lang+"/search?type=")
	for _, h := range res.Hits {
		page := s.absURL(r, documentPath(lang, h.ID))
		e := atomEntry{
			Lang:    h.Language,
			ID:      s.documentTag(r, h.ID),
			Title:   atomText{Type: "text", Text: h.Title},
			Updated: feed.Updated,
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: page, HrefLang: lang}},
			Author:  atomPerson{Name: h.SourceName},
		}
		if h.URL != "" {
			e.Links = append(e.Links, atomLink{Rel: "related", Href: h.URL, HrefLang: h.Language})
		}
		if e.Author.Name == "" {
			e.Author.Name = loc.T("site.name")
		}
		if !h.Published.IsZero() {
			e.Published = atomTime(h.Published)
			e.Updated = e.Published
		}
		for _, t := range h.Themes {
			e.Categories = append(e.Categories, atomCategory{Term: t, Scheme: themeScheme, Label: loc.ThemeName(t)})
		}
		if h.ContentType != "" {
			e.Categories = append(e.Categories, atomCategory{Term: h.ContentType, Scheme: typeScheme, Label: loc.TypeName(h.ContentType)})
		}
		if h.Summary != "" {
			e.Summary = &atomText{Type: "text", Text: h.Summary}
		}
		feed.Entries = append(feed.Entries, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = buf.WriteTo(w)
	return err
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// tagYear is the date part of the portal's tag URIs (RFC 4151): the year
// the hub began minting them. It must never change, or every id would.
const tagYear = "2026"

// documentTag is a document's permanent id in feeds: a tag URI that is
// the same in every interface language and for every search, so a reader
// that follows several feeds sees one entry once.
func (s *Server) documentTag(r *http.Request, id int64) string {
	return "tag:" + s.oaiRepository(r) + "," + tagYear + ":documents/" + strconv.FormatInt(id, 10)
}
