package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// saveForm is the form that saves a search: on the search page for
// members, and again on the saved-searches page when it failed, with what
// was typed.
type saveForm struct {
	Action      string
	CSRF        string
	Name        string
	Query       string // the search's query string
	Frequencies []option
	Errors      fieldErrors
}

// savedSearchesPage is the data of searches.html.
type savedSearchesPage struct {
	formPage
	Rows []savedSearchRow
	Save *saveForm // a save that failed; nil otherwise
}

// savedSearchRow is one saved search of the list.
type savedSearchRow struct {
	ID          string
	Name        string
	Text        string   // the words searched, "" for none
	Filters     []string // "Language: French", …
	RunURL      string
	AtomURL     string
	EditURL     string
	DeleteURL   string
	Frequencies []option
	Frequency   string // its label
	Created     string
	CreatedISO  string
}

// searchesPath is the saved-searches page in lang.
func searchesPath(lang string) string { return "/" + lang + "/searches" }

func frequencyOptions(loc *i18n.Locale, selected catalog.AlertFrequency) []option {
	out := make([]option, 0, len(catalog.AlertFrequencies))
	for _, f := range catalog.AlertFrequencies {
		out = append(out, option{Value: string(f), Label: loc.T("searches.frequency." + string(f)), Selected: f == selected})
	}
	return out
}

// newSaveForm is the save form of search q for the signed-in visitor.
func (s *Server) newSaveForm(w http.ResponseWriter, r *http.Request, lang string, q catalog.Query) *saveForm {
	loc := s.bundle.Locale(lang)
	name := q.Text
	if name == "" {
		name = loc.T("searches.default_name")
	}
	q.Offset, q.Limit = 0, 0
	return &saveForm{Action: searchesPath(lang), CSRF: s.csrfToken(w, r), Name: name,
		Query: searchValues(q).Encode(), Frequencies: frequencyOptions(loc, catalog.AlertNone), Errors: fieldErrors{}}
}

// newSavedSearchesPage lists the visitor's saved searches.
func (s *Server) newSavedSearchesPage(w http.ResponseWriter, r *http.Request, lang string) (savedSearchesPage, error) {
	loc := s.bundle.Locale(lang)
	p := savedSearchesPage{formPage: s.newFormPage(w, r, lang, "searches.title")}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	list, err := s.acct.store.SavedSearches(ctx, viewerOf(r).user.ID)
	if err != nil {
		return p, err
	}
	for _, ss := range list {
		p.Rows = append(p.Rows, s.newSavedSearchRow(loc, lang, ss))
	}
	return p, nil
}

func (s *Server) newSavedSearchRow(loc *i18n.Locale, lang string, ss catalog.SavedSearch) savedSearchRow {
	id := strconv.FormatInt(ss.ID, 10)
	row := savedSearchRow{ID: id, Name: ss.Name,
		EditURL: searchesPath(lang) + "/" + id, DeleteURL: searchesPath(lang) + "/" + id + "/delete",
		Frequencies: frequencyOptions(loc, ss.Frequency), Frequency: loc.T("searches.frequency." + string(ss.Frequency)),
		Created: loc.Date(ss.CreatedAt), CreatedISO: ss.CreatedAt.Format("2006-01-02")}
	// Saved by this portal, the query parses; one that no longer does
	// (a filter value since removed) still runs, as the search page
	// explains what is wrong.
	q, err := parsePageQuery(ss.Query)
	if err != nil {
		row.RunURL = "/" + lang + "/search?" + ss.Query
		row.AtomURL = "/" + lang + "/search/atom?" + ss.Query
		return row
	}
	row.Text = q.Text
	row.RunURL, row.AtomURL = searchPath(lang, "", q, 1), searchPath(lang, "/atom", q, 1)
	for _, f := range facetOrder {
		for _, v := range filterValues(q, f.name) {
			row.Filters = append(row.Filters, loc.T("layout.label", loc.T("facet."+f.name))+" "+facetLabel(loc, nil, f.name, v))
		}
	}
	if q.NoExpand {
		row.Filters = append(row.Filters, loc.T("search.form.exact"))
	}
	return row
}

// handleSavedSearchList shows the visitor's saved searches, each with its
// links (run, Atom feed), its alert frequency and a delete button.
func (s *Server) handleSavedSearchList(w http.ResponseWriter, r *http.Request, lang string) error {
	p, err := s.newSavedSearchesPage(w, r, lang)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Notice = loc.T("searches.saved")
	case "updated":
		p.Notice = loc.T("searches.updated")
	case "deleted":
		p.Notice = loc.T("searches.deleted")
	}
	return s.render(w, http.StatusOK, lang, "searches", p)
}

// handleSavedSearchCreate saves a search (name, query string, frequency)
// for the visitor. Mistakes come back on the saved-searches page with
// what was typed.
func (s *Server) handleSavedSearchCreate(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	ss := catalog.SavedSearch{UserID: viewerOf(r).user.ID, Name: formValue(r, "name"),
		Frequency: catalog.AlertFrequency(formValue(r, "frequency"))}
	form := &saveForm{Action: searchesPath(lang), Name: ss.Name, Query: formValue(r, "query"),
		Frequencies: frequencyOptions(loc, ss.Frequency), Errors: fieldErrors{}}
	checkText(form.Errors, loc, "name", ss.Name, true, catalog.MaxSavedSearchName)
	checkChoice(form.Errors, loc, "frequency", string(ss.Frequency), true, func(v string) bool {
		return catalog.AlertFrequency(v).Valid()
	})
	if q, err := parsePageQuery(form.Query); err != nil || len(form.Query) > catalog.MaxSavedSearchQuery {
		form.Errors["query"] = loc.T("searches.error.query")
	} else {
		q.Offset, q.Limit = 0, 0
		ss.Query = searchValues(q).Encode()
	}
	var alert string
	if len(form.Errors) == 0 {
		ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
		defer cancel()
		err := s.acct.store.CreateSavedSearch(ctx, &ss)
		if err == nil {
			http.Redirect(w, r, searchesPath(lang)+"?done=saved", http.StatusSeeOther)
			return nil
		}
		if !errors.Is(err, catalog.ErrInvalid) {
			return err
		}
		alert = loc.T("searches.error.limit", loc.Number(catalog.MaxSavedSearches))
	}
	p, err := s.newSavedSearchesPage(w, r, lang)
	if err != nil {
		return err
	}
	form.CSRF = p.CSRF
	p.Save, p.Alert = form, loc.T("form.error.summary")
	if alert != "" {
		p.Alert = alert
	}
	return s.render(w, http.StatusUnprocessableEntity, lang, "searches", p)
}

// ownSavedSearch reads the saved search of the route's {id}, the
// visitor's own: another's is not found.
func (s *Server) ownSavedSearch(ctx context.Context, r *http.Request) (*catalog.SavedSearch, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Errorf("saved search %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	return s.acct.store.SavedSearch(ctx, viewerOf(r).user.ID, id)
}

// handleSavedSearchUpdate changes the alert frequency of one of the
// visitor's saved searches.
func (s *Server) handleSavedSearchUpdate(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	ss, err := s.ownSavedSearch(ctx, r)
	if err != nil {
		return err
	}
	f := catalog.AlertFrequency(formValue(r, "frequency"))
	if !f.Valid() {
		loc := s.bundle.Locale(lang)
		p, err := s.newSavedSearchesPage(w, r, lang)
		if err != nil {
			return err
		}
		p.Alert = loc.T("searches.error.frequency")
		return s.render(w, http.StatusUnprocessableEntity, lang, "searches", p)
	}
	ss.Frequency = f
	if err := s.acct.store.UpdateSavedSearch(ctx, ss); err != nil {
		return err
	}
	http.Redirect(w, r, searchesPath(lang)+"?done=updated", http.StatusSeeOther)
	return nil
}

// handleSavedSearchDelete deletes one of the visitor's saved searches.
func (s *Server) handleSavedSearchDelete(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("saved search %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	if err := s.acct.store.DeleteSavedSearch(ctx, viewerOf(r).user.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, searchesPath(lang)+"?done=deleted", http.StatusSeeOther)
	return nil
}
