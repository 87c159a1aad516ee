package portal

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SheetStore keeps the country information sheets; cmd passes the catalog
// store. Errors wrap catalog.ErrInvalid (an edit breaking a rule, named
// first: "text: …") or catalog.ErrNotFound (a section never written, an
// unknown editor). See catalogtest.Sheets.
type SheetStore interface {
	SheetSections(ctx context.Context, country string) ([]catalog.SheetSection, error)
	SaveSheetSection(ctx context.Context, e *catalog.SheetEdit) (*catalog.SheetRevision, error)
	VerifySheetSection(ctx context.Context, country, section string, editorID int64, at time.Time) (*catalog.SheetRevision, error)
	SheetRevisions(ctx context.Context, country, section string, limit int) ([]catalog.SheetRevision, error)
}

// countrySoonCount is how many documents, events and calls a country
// page lists of each.
const countrySoonCount = 5

// countriesPage is the data of countries.html.
type countriesPage struct {
	layout
	Groups  []countryGroup
	MaxAge  string // the age after which a section needs review, in words
	Missing bool   // some sheet lacks a section
}

// countryGroup is the EU Member States or the other countries.
type countryGroup struct {
	ID, Heading string
	Countries   []countryRow
}

// countryRow is one country in the list, with how recently its sheet was
// verified: the date of its least recently verified section.
type countryRow struct {
	Code, Name, URL       string
	Verified, VerifiedISO string // "" when no section is written
	Stale                 bool
	Written, Total        int
	Sections              string // "4 of 6 sections", when some are missing
}

// sheetMaxAge is the configured age after which a section needs review.
func (s *Server) sheetMaxAge() time.Duration {
	if s.maxAge > 0 {
		return s.maxAge
	}
	return catalog.DefaultSheetMaxAge
}

// sheetSections returns the stored sections of country ("" for all),
// none when the portal has no sheet store.
func (s *Server) sheetSections(ctx context.Context, country string) ([]catalog.SheetSection, error) {
	if s.sheets == nil {
		return nil, nil
	}
	return s.sheets.SheetSections(ctx, country)
}

// handleCountryList shows the 30 countries with a sheet, the Member States
// first, each with how recently its sheet was verified.
func (s *Server) handleCountryList(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	secs, err := s.sheetSections(ctx, "")
	if err != nil {
		return err
	}
	byCountry := map[string][]catalog.SheetSection{}
	for _, sec := range secs {
		byCountry[sec.Country] = append(byCountry[sec.Country], sec)
	}
	loc := s.bundle.Locale(lang)
	p := countriesPage{layout: s.layout(r, lang, loc.T("countries.title")), MaxAge: maxAgeWords(loc, s.sheetMaxAge())}
	p.Current = "countries"
	eu := countryGroup{ID: "countries-eu", Heading: loc.T("countries.eu")}
	others := countryGroup{ID: "countries-other", Heading: loc.T("countries.other")}
	now := s.now()
	for _, code := range catalog.SheetCountries() {
		row := s.countryRow(loc, lang, code, byCountry[code], now)
		if catalog.IsEUMember(code) {
			eu.Countries = append(eu.Countries, row)
		} else {
			others.Countries = append(others.Countries, row)
		}
	}
	// Countries in the alphabetical order of their names in lang.
	coll := collate.New(language.Make(lang))
	for _, g := range []*countryGroup{&eu, &others} {
		slices.SortStableFunc(g.Countries, func(a, b countryRow) int { return coll.CompareString(a.Name, b.Name) })
	}
	p.Groups = []countryGroup{eu, others}
	return s.render(w, http.StatusOK, lang, "countries", p)
}

func (s *Server) countryRow(loc *i18n.Locale, lang, code string, secs []catalog.SheetSection, now time.Time) countryRow {
	row := countryRow{Code: code, Name: loc.CountryName(code), URL: countryPath(lang, code),
		Written: len(secs), Total: len(catalog.SheetSections)}
	var oldest time.Time
	for _, sec := range secs {
		if oldest.IsZero() || sec.VerifiedAt.Before(oldest) {
			oldest = sec.VerifiedAt
		}
		row.Stale = row.Stale || sec.Stale(now, s.sheetMaxAge())
	}
	if !oldest.IsZero() {
		row.Verified, row.VerifiedISO = loc.Date(oldest), oldest.Format("2006-01-02")
	}
	if row.Written < row.Total {
		row.Sections = loc.T("countries.sections_written", loc.Number(row.Written), loc.Number(row.Total))
	}
	return row
}

// countryPath is the address of a country's sheet in lang.
func countryPath(lang, code string) string { return "/" + lang + "/countries/" + strings.ToLower(code) }

// maxAgeWords says an age in whole days.
func maxAgeWords(loc *i18n.Locale, d time.Duration) string {
	return loc.Plural("countries.days", int(d/(24*time.Hour)))
}

// countryPage is the data of country.html.
type countryPage struct {
	layout
	Name     string
	Code     string
	Sections []sectionView
	MaxAge   string
	Latest   []hitView
	Events   []eventView
	Calls    []callView
	// Links to everything of the country in search, events and funding.
	AllURL, AllEventsURL, AllCallsURL string
	EditURL                           string // "" unless the visitor may edit the sheet
}

// sectionView is one section of a sheet as a page shows it.
type sectionView struct {
	ID, Heading  string
	Written      bool
	Paragraphs   []textParagraph
	Lang         string
	LanguageName string
	Verified     string // formatted in the page's language
	VerifiedISO  string
	VerifiedBy   string
	Edited       string
	EditedISO    string
	EditedBy     string
	Stale        bool
	StaleNote    string
}

// newSectionView builds the view of section name from sec (nil when the
// section is not written yet).
func (s *Server) newSectionView(loc *i18n.Locale, name string, sec *catalog.SheetSection, now time.Time) sectionView {
	v := sectionView{ID: "section-" + name, Heading: loc.T("sheet.section." + name)}
	if sec == nil {
		return v
	}
	v.Written = true
	v.Paragraphs = parseSheetText(sec.Text)
	v.Lang, v.LanguageName = sec.Language, loc.LanguageName(sec.Language)
	v.Verified, v.VerifiedISO, v.VerifiedBy = loc.Date(sec.VerifiedAt), sec.VerifiedAt.Format("2006-01-02"), sec.VerifierName
	v.Edited, v.EditedISO, v.EditedBy = loc.Date(sec.EditedAt), sec.EditedAt.Format("2006-01-02"), sec.EditorName
	if sec.Stale(now, s.sheetMaxAge()) {
		v.Stale = true
		v.StaleNote = loc.T("sheet.stale", maxAgeWords(loc, s.sheetMaxAge()))
	}
	return v
}

// countryCode reads the {code} of a country address: a sheet country in
// any letter case, else a 404.
func countryCode(r *http.Request) (string, error) {
	code := strings.ToUpper(r.PathValue("code"))
	if !catalog.IsSheetCountry(code) {
		return "", errNoPage
	}
	return code, nil
}

// handleCountryShow shows a country's sheet, section by section with its
// last verified date, and the latest published content for the country:
// documents, upcoming events and open funding calls.
func (s *Server) handleCountryShow(w http.ResponseWriter, r *http.Request, lang string) error {
	code, err := countryCode(r)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	secs, err := s.sheetSections(ctx, code)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	now := s.now()
	name := loc.CountryName(code)
	p := countryPage{layout: s.layout(r, lang, name), Name: name, Code: code, MaxAge: maxAgeWords(loc, s.sheetMaxAge())}
	p.Current = "countries"
	for _, section := range catalog.SheetSections {
		var found *catalog.SheetSection
		for i := range secs {
			if secs[i].Section == section {
				found = &secs[i]
			}
		}
		p.Sections = append(p.Sections, s.newSectionView(loc, section, found, now))
	}
	if err := s.fillCountryContent(ctx, loc, lang, code, &p); err != nil {
		return err
	}
	if v := viewerOf(r); v != nil && s.sheets != nil && v.has(sourceDeciders...) && mayEditCountry(v, code) {
		p.EditURL = "/" + lang + "/editor/countries/" + strings.ToLower(code)
	}
	return s.render(w, http.StatusOK, lang, "country", p)
}

// fillCountryContent adds the country's latest documents, its upcoming
// events and its open calls, each found by searching with the country as
// filter.
func (s *Server) fillCountryContent(ctx context.Context, loc *i18n.Locale, lang, code string, p *countryPage) error {
	countries := []string{code}
	res, err := s.catalog.Search(ctx, catalog.Query{Countries: countries, Sort: catalog.SortDate, Limit: countrySoonCount})
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		p.Latest = append(p.Latest, newHitView(loc, h))
	}
	p.AllURL = searchPath(lang, "", catalog.Query{Countries: countries, Sort: catalog.SortDate}, 1)
	p.AllEventsURL = "/" + lang + "/events?country=" + code
	p.AllCallsURL = "/" + lang + "/funding?country=" + code
	now := s.now()
	events, _, err := s.documentsOf(ctx, eventsQuery{Countries: countries}.catalogQuery())
	if err != nil {
		return err
	}
	for _, d := range events {
		if e := s.newEventView(loc, d); !e.start.IsZero() && !e.end.Before(now) {
			p.Events = append(p.Events, e)
		}
	}
	slices.SortStableFunc(p.Events, func(a, b eventView) int { return a.start.Compare(b.start) })
	p.Events = p.Events[:min(len(p.Events), countrySoonCount)]
	calls, _, err := s.documentsOf(ctx, catalog.Query{ContentTypes: []string{"funding"}, Countries: countries,
		Sort: catalog.SortDeadline, Limit: catalog.MaxLimit})
	if err != nil {
		return err
	}
	for _, d := range calls {
		if c := s.newCallView(loc, d, now); !c.deadline.IsZero() && !c.deadline.Before(now) {
			p.Calls = append(p.Calls, c)
		}
	}
	slices.SortStableFunc(p.Calls, func(a, b callView) int { return a.deadline.Compare(b.deadline) })
	p.Calls = p.Calls[:min(len(p.Calls), countrySoonCount)]
	return nil
}
