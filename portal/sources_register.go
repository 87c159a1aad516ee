package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// Who proposes sources, and who decides on them.
var (
	sourceProposers = []catalog.Role{catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator}
	sourceDeciders  = []catalog.Role{catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator}
)

// previewLimit is how many items a preview shows; previewTimeout bounds
// its fetch.
const (
	previewLimit   = 10
	previewTimeout = 30 * time.Second
)

// checkbox is one box of a group.
type checkbox struct {
	Value, Label string
	Checked      bool
}

// previewItem is one document of a preview.
type previewItem struct {
	Title, URL, Lang, Date, DateISO, Type string
}

// sourceNewPage is the data of source_new.html.
type sourceNewPage struct {
	formPage
	URL, Name, Publisher            string
	Kinds, ItemLanguages, Countries []option
	Types                           []option
	Themes                          []checkbox
	Previewed                       bool
	Preview                         []previewItem
	PreviewError                    string
	CanPreview                      bool
	MineURL                         string
}

func (s *Server) newSourceNewPage(w http.ResponseWriter, r *http.Request, lang string, g *catalog.SourceRegistration) sourceNewPage {
	loc := s.bundle.Locale(lang)
	p := sourceNewPage{
		formPage: s.newFormPage(w, r, lang, "sources.new.title"),
		URL:      g.URL, Name: g.Name, Publisher: g.Publisher,
		CanPreview: s.acct.prev != nil,
		MineURL:    "/" + lang + "/sources/mine",
	}
	for _, k := range catalog.SourceKinds {
		p.Kinds = append(p.Kinds, option{Value: string(k), Label: termOr(loc, "kind."+string(k), string(k)), Selected: k == g.Kind})
	}
	for _, l := range catalog.EULanguages {
		p.ItemLanguages = append(p.ItemLanguages, option{Value: l, Label: loc.LanguageName(l), Selected: l == g.Language})
	}
	p.Countries = countryOptions(loc, g.Country)
	for _, t := range catalog.ContentTypes {
		p.Types = append(p.Types, option{Value: t.Slug, Label: loc.TypeName(t.Slug), Selected: t.Slug == g.ContentType})
	}
	for _, t := range catalog.Themes {
		p.Themes = append(p.Themes, checkbox{Value: t.Slug, Label: loc.ThemeName(t.Slug), Checked: slices.Contains(g.Themes, t.Slug)})
	}
	return p
}

// handleSourceNewShow shows the form that proposes a source.
func (s *Server) handleSourceNewShow(w http.ResponseWriter, r *http.Request, lang string) error {
	g := &catalog.SourceRegistration{Kind: catalog.KindFeed}
	return s.render(w, http.StatusOK, lang, "source_new", s.newSourceNewPage(w, r, lang, g))
}

// handleSourceNewSubmit previews the proposed source (action=preview) or
// proposes it for approval (action=submit). Mistakes come back per field
// with everything typed; a preview that fails says why (a private address,
// not a feed…) in a sentence.
func (s *Server) handleSourceNewSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	g := &catalog.SourceRegistration{
		OwnerID: v.user.ID, Kind: catalog.SourceKind(formValue(r, "kind")),
		URL: formValue(r, "url"), Name: formValue(r, "name"), Publisher: formValue(r, "publisher"),
		Language: formValue(r, "language"), Country: formValue(r, "country"),
		Themes: r.PostForm["themes"], ContentType: formValue(r, "content_type"),
	}
	p := s.newSourceNewPage(w, r, lang, g)
	checkSourceFields(p.Errors, loc, g)
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "source_new", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	switch refused, err := s.refusedSubmitter(ctx, v.user.Email); {
	case err != nil:
		return err
	case refused:
		p.Alert = loc.T("trust.error.blocked")
		return s.render(w, http.StatusForbidden, lang, "source_new", p)
	}
	if r.PostForm.Get("action") == "preview" {
		if s.acct.prev == nil {
			return errNoPage
		}
		if err := limited(s.acct.limits.Preview, fmt.Sprint("user:", v.user.ID)); err != nil {
			return err
		}
		pctx, pcancel := context.WithTimeout(r.Context(), previewTimeout)
		defer pcancel()
		src := g.NewSource()
		docs, err := s.acct.prev.Preview(pctx, src, previewLimit)
		p.Previewed = true
		if err != nil {
			p.PreviewError = err.Error()
		}
		for _, d := range docs {
			it := previewItem{Title: d.Title, URL: d.URL, Lang: d.Language, Type: loc.TypeName(d.ContentType)}
			if !d.Published.IsZero() {
				it.Date, it.DateISO = loc.Date(d.Published), d.Published.Format("2006-01-02")
			}
			p.Preview = append(p.Preview, it)
		}
		return s.render(w, http.StatusOK, lang, "source_new", p)
	}
	err := s.acct.store.CreateSourceRegistration(ctx, g)
	switch {
	case errors.Is(err, catalog.ErrConflict):
		p.Errors["url"] = loc.T("sources.new.error.known")
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "source_new", p)
	case err != nil:
		return err
	}
	http.Redirect(w, r, "/"+lang+"/sources/mine", http.StatusSeeOther)
	return nil
}

// checkSourceFields records a message per field of a proposed source.
func checkSourceFields(errs fieldErrors, loc *i18n.Locale, g *catalog.SourceRegistration) {
	checkChoice(errs, loc, "kind", string(g.Kind), true, func(k string) bool { return catalog.SourceKind(k).Valid() })
	if g.URL == "" {
		errs["url"] = loc.T("form.error.required")
	} else if _, err := catalog.ValidateSourceURL(g.URL); err != nil {
		errs["url"] = loc.T("sources.new.error.url")
	}
	checkText(errs, loc, "name", g.Name, false, 300)
	checkText(errs, loc, "publisher", g.Publisher, true, 300)
	checkChoice(errs, loc, "language", g.Language, false, func(l string) bool { return slices.Contains(catalog.EULanguages, l) })
	checkChoice(errs, loc, "country", g.Country, false, catalog.IsCountry)
	checkChoice(errs, loc, "content_type", g.ContentType, false, catalog.IsContentType)
	for _, t := range g.Themes {
		if _, ok := catalog.ThemeOf(t); !ok {
			errs["themes"] = loc.T("form.error.unknown_value")
		}
	}
}

// registrationRow is one proposed source in a list.
type registrationRow struct {
	ID                   int64
	URL, Name, Publisher string
	Kind, Country        string
	State, StateClass    string
	Reason               string
	Date, DateISO        string
	DecideURL            string
	Health               *sourceHealth // for an approved source, on its owner's page
	// NotifyURL and Notify: the form choosing which mails the owner gets
	// about the source's health (not for a refused one).
	NotifyURL string
	Notify    []option
}

// sourceHealth is how an approved source fares: its state, last harvest,
// how long it has been silent, its last error and its latest runs.
type sourceHealth struct {
	Status, StatusClass string
	LastHarvest         string
	Silent              string // "silent for N days" when nothing new came for a week or more
	LastError           string
	Runs                []runRow
}

// runRow is one harvest run.
type runRow struct {
	Date, DateISO, Status, StatusClass string
	New, Updated, Failed               int
	Err                                string
}

// silentAfter is when a source with no new item is called silent.
const silentAfter = 7 * 24 * time.Hour

// healthRuns is how many runs the owner's page shows per source.
const healthRuns = 5

// sourceHealthOf reads the health of source id.
func (s *Server) sourceHealthOf(ctx context.Context, loc *i18n.Locale, id int64) (*sourceHealth, error) {
	src, err := s.acct.store.Source(ctx, id)
	if err != nil {
		return nil, err
	}
	runs, err := s.acct.store.Runs(ctx, id, healthRuns)
	if err != nil {
		return nil, err
	}
	h := &sourceHealth{
		Status: termOr(loc, "status."+string(src.Status), string(src.Status)), StatusClass: string(src.Status),
		LastHarvest: loc.T("home.sources.never"), LastError: src.LastError,
	}
	if !src.LastHarvest.IsZero() {
		h.LastHarvest = loc.Date(src.LastHarvest)
	}
	// Silent: no run brought anything new for a while.
	lastNew := src.CreatedAt
	for _, r := range runs {
		if r.New > 0 && r.Finished.After(lastNew) {
			lastNew = r.Finished
		}
	}
	if d := s.now().Sub(lastNew); d >= silentAfter && !src.LastHarvest.IsZero() {
		h.Silent = loc.Plural("sources.health.silent", int(d/(24*time.Hour)))
	}
	for _, r := range runs {
		h.Runs = append(h.Runs, runRow{
			Date: loc.Date(r.Started) + " " + r.Started.Format("15:04"), DateISO: r.Started.Format(time.RFC3339),
			Status: loc.T("sources.run." + r.Status), StatusClass: r.Status,
			New: r.New, Updated: r.Updated, Failed: r.Failed, Err: r.Err,
		})
	}
	return h, nil
}

func newRegistrationRow(loc *i18n.Locale, lang string, g catalog.SourceRegistration) registrationRow {
	row := registrationRow{
		ID: g.ID, URL: g.URL, Name: g.Name, Publisher: g.Publisher,
		Kind:  termOr(loc, "kind."+string(g.Kind), string(g.Kind)),
		State: loc.T("sources.state." + string(g.State)), StateClass: string(g.State), Reason: g.Reason,
		Date: loc.Date(g.CreatedAt), DateISO: g.CreatedAt.Format("2006-01-02"),
		DecideURL: fmt.Sprintf("/%s/editor/sources/%d", lang, g.ID),
	}
	if g.Country != "" {
		row.Country = loc.CountryName(g.Country)
	}
	return row
}

// sourcesMinePage is the data of sources_mine.html.
type sourcesMinePage struct {
	formPage
	Rows   []registrationRow
	NewURL string
}

// notifyOptions are the choices of what an owner is mailed about.
func notifyOptions(loc *i18n.Locale, selected catalog.NotifyPolicy) []option {
	out := make([]option, 0, len(catalog.NotifyPolicies))
	for _, n := range catalog.NotifyPolicies {
		out = append(out, option{Value: string(n), Label: loc.T("sources.notify." + string(n)), Selected: n == selected})
	}
	return out
}

// handleSourcesMine lists the sources the visitor proposed and where each
// stands.
func (s *Server) handleSourcesMine(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.renderSourcesMine(w, r, lang, http.StatusOK, "", "")
}

// renderSourcesMine shows the visitor's sources with status, an alert
// (an error) or a notice.
func (s *Server) renderSourcesMine(w http.ResponseWriter, r *http.Request, lang string, status int, alert, notice string) error {
	loc := s.bundle.Locale(lang)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	list, err := s.acct.store.SourceRegistrations(ctx, viewerOf(r).user.ID, "")
	if err != nil {
		return err
	}
	p := sourcesMinePage{formPage: s.newFormPage(w, r, lang, "sources.mine.title"), NewURL: "/" + lang + "/sources/new"}
	p.Alert, p.Notice = alert, notice
	for _, g := range list {
		row := newRegistrationRow(loc, lang, g)
		if g.State != catalog.RegistrationRefused {
			row.NotifyURL = fmt.Sprintf("/%s/sources/mine/%d/notify", lang, g.ID)
			row.Notify = notifyOptions(loc, g.Notify)
		}
		if g.State == catalog.RegistrationApproved && g.SourceID != 0 {
			if row.Health, err = s.sourceHealthOf(ctx, loc, g.SourceID); err != nil {
				return err
			}
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, status, lang, "sources_mine", p)
}

// handleSourceNotifySet sets which mails the owner gets about one of their
// sources' health. Someone else's source is not found (404); an unknown
// choice is refused with the page and a message.
func (s *Server) handleSourceNotifySet(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("registration %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	n := catalog.NotifyPolicy(formValue(r, "notify"))
	if !n.Valid() {
		return s.renderSourcesMine(w, r, lang, http.StatusUnprocessableEntity, loc.T("sources.notify.error"), "")
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.SetRegistrationNotify(ctx, id, viewerOf(r).user.ID, n); err != nil {
		return err
	}
	return s.renderSourcesMine(w, r, lang, http.StatusOK, "", loc.T("sources.notify.saved"))
}
