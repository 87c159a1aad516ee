package portal

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// documentPage is the data of document.html.
type documentPage struct {
	layout
	Heading      string
	ContentLang  string // content language, on the title and body
	Dir          string
	Source       link // the source, linked to a search of its documents
	Original     string
	Language     string
	Themes       []link // each linked to a search of its theme
	Type         link
	Countries    []link
	Published    string
	PublishedISO string
	Summary      string
	// Body is the document's HTML, sanitised by the normalizer before it
	// was stored; this is the one place the portal trusts stored HTML.
	Body template.HTML
	// Paragraphs stand in for Body when there is no HTML.
	Paragraphs []string
	// Calendar is the event's iCalendar, "" when the document is no event.
	Calendar string
	// Event and Call are the facts of an event or a funding call, nil
	// when the document has none.
	Event *eventView
	Call  *callView
	// Credit names the contributor of a contributed document ("" when
	// harvested, or when they opted out); SummaryEN is the English
	// summary they added to an item in another language.
	Credit    string
	SummaryEN string
	// Preview says, to an editor, that the document is not public and
	// where it stands; "" on a public document.
	Preview string
	// CaseStudy is the address of the document on the case-study
	// template, "" when it is no case study.
	CaseStudy string
}

// handleDocumentShow renders one document. An id that is not a positive
// number, like an unknown one, is a 404.
func (s *Server) handleDocumentShow(w http.ResponseWriter, r *http.Request, lang string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: document %q", catalog.ErrNotFound, r.PathValue("id"))
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	doc, preview, err := s.documentOrPreview(ctx, viewerOf(r), id)
	if err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	data := documentPage{
		layout:      s.layout(r, lang, doc.Title),
		Heading:     doc.Title,
		ContentLang: doc.Language,
		Dir:         textDirection(doc.Language),
		Original:    doc.URL,
		Language:    loc.LanguageName(doc.Language),
		Summary:     strings.TrimSpace(doc.Summary),
		Body:        template.HTML(doc.HTML),
	}
	var source catalog.Source
	for _, src := range sources {
		if src.ID == doc.SourceID {
			source = src
			name := src.Name
			if name == "" {
				name = src.URL
			}
			data.Source = link{name, searchPath(lang, "", catalog.Query{SourceIDs: []int64{src.ID}}, 1)}
		}
	}
	for _, t := range doc.Themes {
		data.Themes = append(data.Themes, link{loc.ThemeName(t), searchPath(lang, "", catalog.Query{Themes: []string{t}}, 1)})
	}
	if doc.ContentType != "" {
		data.Type = link{loc.TypeName(doc.ContentType), searchPath(lang, "", catalog.Query{ContentTypes: []string{doc.ContentType}}, 1)}
	}
	for _, c := range doc.Countries {
		data.Countries = append(data.Countries, link{loc.CountryName(c), searchPath(lang, "", catalog.Query{Countries: []string{c}}, 1)})
	}
	if !doc.Published.IsZero() {
		data.Published = loc.Date(doc.Published)
		data.PublishedISO = doc.Published.Format("2006-01-02")
	}
	if strings.TrimSpace(doc.HTML) == "" {
		data.Body = ""
		for _, p := range strings.Split(doc.Text, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				data.Paragraphs = append(data.Paragraphs, p)
			}
		}
	}
	if data.JSONLD, err = s.documentJSONLD(r, doc, source); err != nil {
		return fmt.Errorf("document %d: JSON-LD: %w", id, err)
	}
	if doc.Event != nil && !doc.Event.Start.IsZero() {
		data.Calendar = "/" + lang + "/documents/" + strconv.FormatInt(id, 10) + "/ics"
		e := s.newEventView(loc, doc)
		data.Event = &e
	}
	if doc.Funding != nil {
		c := s.newCallView(loc, doc, s.now())
		data.Call = &c
	}
	if preview {
		data.Preview = loc.T("document.preview", loc.T("contribute.state."+string(doc.State)))
	}
	if err := s.contribCredit(ctx, loc, doc, &data); err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	if doc.ContentType == "case-study" {
		data.CaseStudy = caseStudyPath(lang, doc.ID)
	}
	return s.render(w, http.StatusOK, lang, "document", data)
}
