package portal

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// sheetEditors may edit country sheets: editors and administrators any,
// country coordinators those of their countries.
var sheetEditors = sourceDeciders

// sheetEditorRoutes are the editing pages of the country sheets.
func (s *Server) sheetEditorRoutes(pg func(pageFunc) func(string) http.Handler) []route {
	return []route{
		{method: "GET", path: "/editor/countries", perLang: true, access: only(sheetEditors...), handler: pg(s.handleSheetStaleList)},
		{method: "GET", path: "/editor/countries/{code}", perLang: true, access: only(sheetEditors...), handler: pg(s.handleSheetEditShow)},
		{method: "POST", path: "/editor/countries/{code}", perLang: true, access: only(sheetEditors...), csrf: true, handler: pg(s.handleSheetEditSubmit)},
		{method: "POST", path: "/editor/countries/{code}/verify", perLang: true, access: only(sheetEditors...), csrf: true, handler: pg(s.handleSheetVerifySubmit)},
	}
}

// mayEditCountry reports whether v may edit the sheet of code: a country
// coordinator only those of their countries.
func mayEditCountry(v *viewer, code string) bool {
	return !coordinatorOnly(v) || slices.Contains(v.user.Countries, code)
}

// editorCountriesPage is the data of editor_countries.html: the sections
// that need review and the sheets the visitor may edit.
type editorCountriesPage struct {
	layout
	MaxAge    string
	Stale     []staleRow
	Countries []link
}

// staleRow is one section last verified too long ago.
type staleRow struct {
	Country, Section      string
	Verified, VerifiedISO string
	EditURL               string
}

// handleSheetStaleList lists the sections older than the configured age
// among the sheets the visitor may edit, the oldest first, and links to
// every such sheet.
func (s *Server) handleSheetStaleList(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	secs, err := s.sheets.SheetSections(ctx, "")
	if err != nil {
		return err
	}
	v := viewerOf(r)
	loc := s.bundle.Locale(lang)
	p := editorCountriesPage{layout: s.layout(r, lang, loc.T("editor.countries.title")), MaxAge: maxAgeWords(loc, s.sheetMaxAge())}
	w.Header().Set("Cache-Control", "no-store")
	now := s.now()
	slices.SortStableFunc(secs, func(a, b catalog.SheetSection) int { return a.VerifiedAt.Compare(b.VerifiedAt) })
	for _, sec := range secs {
		if !mayEditCountry(v, sec.Country) || !sec.Stale(now, s.sheetMaxAge()) {
			continue
		}
		p.Stale = append(p.Stale, staleRow{Country: loc.CountryName(sec.Country), Section: loc.T("sheet.section." + sec.Section),
			Verified: loc.Date(sec.VerifiedAt), VerifiedISO: sec.VerifiedAt.Format("2006-01-02"),
			EditURL: editCountryPath(lang, sec.Country) + "#edit-" + sec.Section})
	}
	for _, code := range catalog.SheetCountries() {
		if mayEditCountry(v, code) {
			p.Countries = append(p.Countries, link{Label: loc.CountryName(code), URL: editCountryPath(lang, code)})
		}
	}
	return s.render(w, http.StatusOK, lang, "editor_countries", p)
}

func editCountryPath(lang, code string) string {
	return "/" + lang + "/editor/countries/" + strings.ToLower(code)
}

// editorCountryPage is the data of editor_country.html: one form per
// section, with its history.
type editorCountryPage struct {
	formPage
	Name, Code, ViewURL, SaveURL, VerifyURL string
	Sections                                []sectionForm
}

// sectionForm is the form of one section: its current (or typed) text and
// language, its dates and its latest revisions.
type sectionForm struct {
	Name, Heading         string
	Text                  string
	TextLang              string // the language the text is in, for its lang
	Languages             []option
	Written               bool
	Verified, VerifiedISO string
	VerifiedBy            string
	Edited, EditedBy      string
	Stale                 bool
	TextError, LangError  string
	Revisions             []sheetRevisionRow
}

// sheetRevisionRow is one line of a section's history.
type sheetRevisionRow struct {
	Date, DateISO, Editor, What string
	// Text and Lang are the section as the edit left it; "" for a
	// verification, which changes no text.
	Text, Lang string
}

// sheetRevisionCount is how many revisions each section's form lists.
const sheetRevisionCount = 5

// sheetLanguages are the languages a section may be written in: the EU's
// and those of Iceland and Norway.
var sheetLanguages = append(slices.Clone(catalog.EULanguages), "is", "no")

// sheetForm is what was typed in a section's form that failed.
type sheetForm struct {
	Section, Text, Language string
	TextError, LangError    string
}

// editableCountry reads {code} and checks that v may edit its sheet.
func editableCountry(r *http.Request) (string, error) {
	code, err := countryCode(r)
	if err != nil {
		return "", err
	}
	if !mayEditCountry(viewerOf(r), code) {
		return "", errForbidden
	}
	return code, nil
}

// handleSheetEditShow shows the edit form of a country's sheet.
func (s *Server) handleSheetEditShow(w http.ResponseWriter, r *http.Request, lang string) error {
	code, err := editableCountry(r)
	if err != nil {
		return err
	}
	p := editorCountryPage{formPage: s.newFormPage(w, r, lang, "editor.country.title")}
	loc := s.bundle.Locale(lang)
	q := r.URL.Query()
	switch {
	case catalog.IsSheetSection(q.Get("saved")):
		p.Notice = loc.T("editor.country.saved", loc.T("sheet.section."+q.Get("saved")))
	case catalog.IsSheetSection(q.Get("verified")):
		p.Notice = loc.T("editor.country.verified_now", loc.T("sheet.section."+q.Get("verified")))
	case q.Get("unchanged") != "":
		p.Notice = loc.T("editor.country.unchanged")
	}
	return s.renderSheetEdit(w, r, lang, http.StatusOK, p, code, nil)
}

// renderSheetEdit renders the edit form of a sheet, with the typed values
// of a failed form in place of its section's stored ones.
func (s *Server) renderSheetEdit(w http.ResponseWriter, r *http.Request, lang string, status int, p editorCountryPage, code string, typed *sheetForm) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	secs, err := s.sheets.SheetSections(ctx, code)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p.Name, p.Code = loc.CountryName(code), code
	p.Title = loc.T("editor.country.title_of", p.Name)
	p.ViewURL, p.SaveURL = countryPath(lang, code), editCountryPath(lang, code)
	p.VerifyURL = p.SaveURL + "/verify"
	now := s.now()
	for _, name := range catalog.SheetSections {
		f := sectionForm{Name: name, Heading: loc.T("sheet.section." + name)}
		language := ""
		for _, sec := range secs {
			if sec.Section == name {
				f.Written, f.Text, language = true, sec.Text, sec.Language
				f.Verified, f.VerifiedISO, f.VerifiedBy = loc.Date(sec.VerifiedAt), sec.VerifiedAt.Format("2006-01-02"), sec.VerifierName
				f.Edited, f.EditedBy = loc.Date(sec.EditedAt), sec.EditorName
				f.Stale = sec.Stale(now, s.sheetMaxAge())
			}
		}
		if typed != nil && typed.Section == name {
			f.Text, language, f.TextError, f.LangError = typed.Text, typed.Language, typed.TextError, typed.LangError
		}
		f.Languages = sheetLanguageOptions(loc, language)
		if slices.Contains(sheetLanguages, language) {
			f.TextLang = language
		}
		revs, err := s.sheets.SheetRevisions(ctx, code, name, sheetRevisionCount)
		if err != nil {
			return err
		}
		for _, rev := range revs {
			row := sheetRevisionRow{Date: loc.Date(rev.At), DateISO: rev.At.Format("2006-01-02"),
				Editor: editorName(loc, rev.EditorName), What: loc.T("editor.country.revision." + rev.Kind)}
			if rev.Kind == catalog.RevisionEdited {
				row.Text, row.Lang = rev.Text, rev.Language
			}
			f.Revisions = append(f.Revisions, row)
		}
		p.Sections = append(p.Sections, f)
	}
	return s.render(w, status, lang, "editor_country", p)
}

func editorName(loc *i18n.Locale, name string) string {
	if name == "" {
		return loc.T("editor.country.someone")
	}
	return name
}

// sheetLanguageOptions lists the languages a section may be in, with
// selected chosen (English when none is).
func sheetLanguageOptions(loc *i18n.Locale, selected string) []option {
	if selected == "" {
		selected = "en"
	}
	out := make([]option, 0, len(sheetLanguages))
	for _, l := range sheetLanguages {
		out = append(out, option{Value: l, Label: loc.LanguageName(l), Selected: l == selected})
	}
	return out
}

// readSheetForm reads and checks the posted form of one section; the
// messages are in loc's language.
func readSheetForm(r *http.Request, loc *i18n.Locale) (sheetForm, bool) {
	f := sheetForm{Section: formValue(r, "section"), Text: formValue(r, "text"), Language: formValue(r, "language")}
	errs := fieldErrors{}
	checkText(errs, loc, "text", f.Text, true, catalog.MaxSectionLength)
	checkChoice(errs, loc, "language", f.Language, true, func(l string) bool { return slices.Contains(sheetLanguages, l) })
	f.TextError, f.LangError = errs["text"], errs["language"]
	return f, len(errs) == 0
}

// handleSheetEditSubmit saves the text of one section (which verifies it
// too) and returns to the form. A bad field shows the form again with
// what was typed and the message; an unknown section is a 400.
func (s *Server) handleSheetEditSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	code, err := editableCountry(r)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	f, ok := readSheetForm(r, loc)
	if !catalog.IsSheetSection(f.Section) {
		return &paramError{Param: "section", Reason: "unknown_value", Value: f.Section}
	}
	p := editorCountryPage{formPage: s.newFormPage(w, r, lang, "editor.country.title")}
	if !ok {
		p.Alert = loc.T("form.error.summary")
		return s.renderSheetEdit(w, r, lang, http.StatusUnprocessableEntity, p, code, &f)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	rev, err := s.sheets.SaveSheetSection(ctx, &catalog.SheetEdit{Country: code, Section: f.Section, Text: f.Text,
		Language: f.Language, EditorID: viewerOf(r).user.ID})
	if errors.Is(err, catalog.ErrInvalid) {
		f.TextError = loc.T("form.error.invalid_text")
		p.Alert = loc.T("form.error.summary")
		return s.renderSheetEdit(w, r, lang, http.StatusUnprocessableEntity, p, code, &f)
	}
	if err != nil {
		return err
	}
	next := url.Values{"saved": {f.Section}}
	if rev == nil {
		next = url.Values{"unchanged": {"1"}}
	}
	http.Redirect(w, r, editCountryPath(lang, code)+"?"+next.Encode()+"#edit-"+f.Section, http.StatusSeeOther)
	return nil
}

// handleSheetVerifySubmit marks one section verified today, leaving its
// text alone. A section not written yet cannot be verified (404).
func (s *Server) handleSheetVerifySubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	code, err := editableCountry(r)
	if err != nil {
		return err
	}
	section := formValue(r, "section")
	if !catalog.IsSheetSection(section) {
		return &paramError{Param: "section", Reason: "unknown_value", Value: section}
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if _, err := s.sheets.VerifySheetSection(ctx, code, section, viewerOf(r).user.ID, s.now()); err != nil {
		return err
	}
	http.Redirect(w, r, editCountryPath(lang, code)+"?verified="+url.QueryEscape(section)+"#edit-"+section, http.StatusSeeOther)
	return nil
}
