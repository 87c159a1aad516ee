package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// editorQueuePage is the data of editor_queue.html: the filters, one page
// of pending documents and the bulk form that decides on the chosen ones.
type editorQueuePage struct {
	formPage
	Sources, Types, Themes, Countries, ItemLanguages, Ages []option
	Rows                                                   []queueRow
	Total                                                  string // formatted
	Filters                                                []field
	NextURL                                                string // "" on the last page
	Reason                                                 string // as typed, when the form failed
	DecideURL                                              string // the bulk form's action, keeping the filters
}

type queueRow struct {
	ID        int64
	Title     string
	URL       string
	Summary   string
	Source    string
	Type      string
	Lang      string // the document's language, named in the interface's
	LangCode  string // and its code, marked on its title and summary
	Countries string
	Harvested string
	EditURL   string
	// Contributor is who sent a contribution, with their address; "" for
	// a harvested item.
	Contributor string
}

// queueAges are the age filters, in days.
var queueAges = []int{1, 7, 30}

// queueQuery reads the filters of the review queue from the address, and
// limits a country coordinator to their countries.
func queueQuery(r *http.Request, v *viewer) catalog.ReviewQuery {
	f := r.URL.Query()
	q := catalog.ReviewQuery{ContentType: f.Get("type"), Theme: f.Get("theme"), Country: f.Get("country"), Language: f.Get("language")}
	q.SourceID, _ = strconv.ParseInt(f.Get("source"), 10, 64)
	if days, err := strconv.Atoi(f.Get("age")); err == nil && days > 0 {
		q.OlderThan = time.Duration(days) * 24 * time.Hour
	}
	q.Offset, _ = strconv.Atoi(f.Get("offset"))
	if coordinatorOnly(v) {
		q.InCountries = v.user.Countries
	}
	return q
}

// coordinatorOnly reports whether v acts only on the documents of their
// countries.
func coordinatorOnly(v *viewer) bool {
	return !v.has(catalog.RoleEditor, catalog.RoleAdministrator) && v.has(catalog.RoleCountryCoordinator)
}

// mayReview reports whether v may decide on d: editors and administrators
// on any, a country coordinator on documents of one of their countries.
func mayReview(v *viewer, d *catalog.Document) bool {
	if !coordinatorOnly(v) {
		return true
	}
	for _, c := range d.Countries {
		if slices.Contains(v.user.Countries, c) {
			return true
		}
	}
	return false
}

// renderQueue builds and renders the review queue for the filters of r.
func (s *Server) renderQueue(w http.ResponseWriter, r *http.Request, lang string, status int, p editorQueuePage) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	q := queueQuery(r, v)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, total, err := s.acct.store.ReviewQueue(ctx, q)
	if err != nil {
		return err
	}
	srcs, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	f := r.URL.Query()
	p.Sources = []option{}
	for _, src := range srcs {
		names[src.ID] = src.Name
		p.Sources = append(p.Sources, option{Value: strconv.FormatInt(src.ID, 10), Label: src.Name, Selected: src.ID == q.SourceID})
	}
	for _, t := range catalog.ContentTypes {
		p.Types = append(p.Types, option{Value: t.Slug, Label: loc.TypeName(t.Slug), Selected: t.Slug == q.ContentType})
	}
	for _, t := range catalog.Themes {
		p.Themes = append(p.Themes, option{Value: t.Slug, Label: loc.ThemeName(t.Slug), Selected: t.Slug == q.Theme})
	}
	p.Countries = countryOptions(loc, q.Country)
	for _, l := range catalog.EULanguages {
		p.ItemLanguages = append(p.ItemLanguages, option{Value: l, Label: loc.LanguageName(l), Selected: l == q.Language})
	}
	for _, days := range queueAges {
		p.Ages = append(p.Ages, option{Value: strconv.Itoa(days), Label: loc.T("editor.queue.age_days", loc.Number(days)),
			Selected: f.Get("age") == strconv.Itoa(days)})
	}
	for _, d := range docs {
		row := queueRow{ID: d.ID, Title: d.Title, URL: d.URL, Summary: d.Summary, Source: names[d.SourceID],
			Type: loc.TypeName(d.ContentType), Lang: loc.LanguageName(d.Language), LangCode: d.Language, Harvested: loc.Date(d.Harvested),
			EditURL: fmt.Sprintf("/%s/editor/documents/%d/edit", lang, d.ID)}
		if d.ContributorID != 0 {
			if row.Contributor, err = s.contributorLabel(ctx, d.ContributorID); err != nil {
				return err
			}
		}
		if d.ContributorID != 0 || row.URL == "" {
			// Read in full, with its template, before deciding.
			row.URL = fmt.Sprintf("/%s/documents/%d", lang, d.ID)
		}
		for i, c := range d.Countries {
			if i > 0 {
				row.Countries += ", "
			}
			row.Countries += loc.CountryName(c)
		}
		p.Rows = append(p.Rows, row)
	}
	p.Total = loc.Number(total)
	p.DecideURL = "/" + lang + "/editor/queue"
	if raw := r.URL.RawQuery; raw != "" {
		p.DecideURL += "?" + raw
	}
	for _, k := range []string{"source", "type", "theme", "country", "language", "age"} {
		if v := f.Get(k); v != "" {
			p.Filters = append(p.Filters, field{Name: k, Value: v})
		}
	}
	if q.Offset+len(docs) < total {
		next := url.Values{}
		for _, fl := range p.Filters {
			next.Set(fl.Name, fl.Value)
		}
		next.Set("offset", strconv.Itoa(q.Offset+len(docs)))
		p.NextURL = "/" + lang + "/editor/queue?" + next.Encode()
	}
	return s.render(w, status, lang, "editor_queue", p)
}

// handleEditorQueue shows the documents waiting for review, filtered by
// source, type, theme, country, language and age.
func (s *Server) handleEditorQueue(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.renderQueue(w, r, lang, http.StatusOK, editorQueuePage{formPage: s.newFormPage(w, r, lang, "editor.queue.title")})
}

// handleEditorQueueDecide publishes (with an optional embargo date),
// refuses (with a reason) or archives the chosen documents together. A
// coordinator may decide only on documents of their countries (403); a
// decision without documents, a refusal without a reason or a bad date
// comes back with a message and the reason as typed.
func (s *Server) handleEditorQueueDecide(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	p := editorQueuePage{formPage: s.newFormPage(w, r, lang, "editor.queue.title"), Reason: formValue(r, "reason")}
	c := &catalog.StateChange{Reason: p.Reason, EditorID: v.user.ID}
	for _, raw := range r.PostForm["id"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return fmt.Errorf("%w: id %q", catalog.ErrInvalid, shorten(raw))
		}
		c.IDs = append(c.IDs, id)
	}
	switch r.PostForm.Get("action") {
	case "publish":
		c.State = catalog.StatePublished
	case "refuse":
		c.State = catalog.StateRefused
	case "archive":
		c.State = catalog.StateArchived
	default:
		p.Errors["action"] = loc.T("form.error.choose")
	}
	if raw := formValue(r, "embargo"); raw != "" {
		day, err := time.Parse("2006-01-02", raw)
		if err != nil {
			p.Errors["embargo"] = loc.T("editor.queue.error.embargo")
		}
		c.Embargo = day.UTC()
		if c.State != catalog.StatePublished {
			p.Errors["embargo"] = loc.T("editor.queue.error.embargo_publish")
		}
	}
	checkQueueDecision(p.Errors, loc, c)
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.renderQueue(w, r, lang, http.StatusUnprocessableEntity, p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	for _, id := range c.IDs {
		d, err := s.catalog.Document(ctx, id)
		if err != nil {
			return err
		}
		if !mayReview(v, d) {
			return errForbidden
		}
	}
	if _, err := s.acct.store.SetDocumentState(ctx, c); err != nil {
		if errors.Is(err, catalog.ErrInvalid) {
			p.Alert = loc.T("form.error.summary")
			return s.renderQueue(w, r, lang, http.StatusUnprocessableEntity, p)
		}
		return err
	}
	if err := s.acknowledgePublication(ctx, r, c); err != nil {
		// The decision stands; the acknowledgement is what failed.
		s.log.Error("acknowledging contributors", "err", err)
	}
	back := "/" + lang + "/editor/queue"
	if q := r.URL.RawQuery; q != "" {
		back += "?" + q
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// checkQueueDecision records a message per field of a bulk decision.
func checkQueueDecision(errs fieldErrors, loc *i18n.Locale, c *catalog.StateChange) {
	if len(c.IDs) == 0 {
		errs["id"] = loc.T("editor.queue.error.none")
	}
	if c.State == catalog.StateRefused && c.Reason == "" {
		errs["reason"] = loc.T("editor.queue.error.reason")
	}
	checkText(errs, loc, "reason", c.Reason, false, catalog.MaxReasonLength)
}
