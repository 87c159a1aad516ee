package portal

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// Directory is what the portal reads and writes of the directory of
// organisations and people; cmd passes the store (SQLite or PostgreSQL).
// Errors wrap catalog.ErrNotFound (an unknown entry or source),
// catalog.ErrInvalid (a field or query breaking a rule, named first in the
// message); see catalogtest.Directory.
type Directory interface {
	Organisations(ctx context.Context, q catalog.OrganisationQuery) (*catalog.OrganisationResult, error)
	Organisation(ctx context.Context, id int64) (*catalog.Organisation, error)
	CreateOrganisation(ctx context.Context, o *catalog.Organisation) error
	UpdateOrganisation(ctx context.Context, o *catalog.Organisation) error
	DeleteOrganisation(ctx context.Context, id int64) error
	People(ctx context.Context, q catalog.PeopleQuery) (*catalog.PeopleResult, error)
	RegistrationFigures(ctx context.Context) ([]catalog.RegistrationFigure, error)
}

// directoryDocuments is how many of its documents an organisation's page
// lists.
const directoryDocuments = 10

// organisationItem is one organisation in a list.
type organisationItem struct {
	URL, Name     string
	Type          string
	Place         string // city and country
	Themes        []string
	Verified      bool
	DescriptionEx string // the start of the description
}

// directoryPage is the data of directory.html and partners.html.
type directoryPage struct {
	layout
	Heading       string
	Intro         string
	FormURL       string
	Text          string
	Types         []option
	Countries     []option
	Themes        []option
	Verified      bool
	Total         string
	Organisations []organisationItem
	Facets        []facetView
	Pager         pager
	NewURL        string // "" when the visitor cannot add an entry
	PeopleURL     string
	PartnersURL   string
	DirectoryURL  string
	Partners      bool // the partner search form, not the directory's
	Asked         bool // partner search: a theme or a country was chosen
}

// directoryPath is the directory's address in lang with v.
func directoryPath(lang, path string, v interface{ Encode() string }) string {
	p := "/" + lang + path
	if e := v.Encode(); e != "" {
		p += "?" + e
	}
	return p
}

func organisationPath(lang string, id int64) string {
	return "/" + lang + "/directory/organisations/" + strconv.FormatInt(id, 10)
}

// handleDirectoryShow lists organisations with facets and a name search.
func (s *Server) handleDirectoryShow(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.directoryList(w, r, lang, false)
}

// handlePartnersShow is partner search: organisations working on a theme
// in a country, the directory narrowed by two questions.
func (s *Server) handlePartnersShow(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.directoryList(w, r, lang, true)
}

func (s *Server) directoryList(w http.ResponseWriter, r *http.Request, lang string, partners bool) error {
	q, err := parseDirectoryQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	path := "/directory"
	titleKey, introKey := "directory.title", "directory.intro"
	if partners {
		path, titleKey, introKey = "/partners", "partners.title", "partners.intro"
	}
	p := directoryPage{
		layout: s.layout(r, lang, loc.T(titleKey)), Heading: loc.T(titleKey), Intro: loc.T(introKey),
		FormURL: "/" + lang + path, Text: q.Text, Verified: q.VerifiedOnly, Partners: partners,
		Types:     orgTypeOptions(loc, q.Type),
		Countries: countryOptions(loc, q.Country),
		Themes:    mainThemeOptions(loc, q.Theme),
		PeopleURL: "/" + lang + "/directory/people", PartnersURL: "/" + lang + "/partners",
		DirectoryURL: "/" + lang + "/directory",
		Asked:        q.Theme != "" || q.Country != "",
	}
	p.Current = "directory"
	if s.acct != nil {
		p.NewURL = "/" + lang + "/directory/organisations/new"
	}
	if partners && !p.Asked {
		return s.render(w, http.StatusOK, lang, "partners", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.dir.Organisations(ctx, q.OrganisationQuery)
	if err != nil {
		return err
	}
	p.Total = loc.Plural("directory.count", res.Total)
	for _, o := range res.Organisations {
		p.Organisations = append(p.Organisations, newOrganisationItem(loc, lang, &o))
	}
	p.Pager = directoryPager(loc, lang, path, q, res.Total)
	if partners {
		return s.render(w, http.StatusOK, lang, "partners", p)
	}
	p.Facets = directoryFacets(loc, lang, q, res.Facets)
	return s.render(w, http.StatusOK, lang, "directory", p)
}

func mainThemeOptions(loc *i18n.Locale, selected string) []option {
	out := make([]option, 0, len(catalog.Themes))
	for _, t := range catalog.Themes {
		out = append(out, option{Value: t.Slug, Label: loc.ThemeName(t.Slug), Selected: t.Slug == selected})
	}
	return out
}

func newOrganisationItem(loc *i18n.Locale, lang string, o *catalog.Organisation) organisationItem {
	it := organisationItem{
		URL: organisationPath(lang, o.ID), Name: o.Name, Type: loc.T("orgtype." + o.Type),
		Place: placeOf(loc, o.City, o.Country), Verified: o.Verified(),
		DescriptionEx: clip(o.Description, maxSummaryRunes),
	}
	for _, t := range o.AllThemes() {
		it.Themes = append(it.Themes, loc.ThemeName(t))
	}
	return it
}

// placeOf is "City, Country" or the country alone.
func placeOf(loc *i18n.Locale, city, country string) string {
	if city == "" {
		return loc.CountryName(country)
	}
	return city + ", " + loc.CountryName(country)
}

// directoryFacets builds the facets of the directory: each value links
// to the directory with it set (or unset when it is the one in force).
func directoryFacets(loc *i18n.Locale, lang string, q directoryQuery, facets map[string][]catalog.FacetCount) []facetView {
	var out []facetView
	for _, f := range []struct {
		name, label string
		current     *string
		label1      func(string) string
	}{
		{catalog.FacetOrgType, loc.T("directory.facet.type"), &q.Type, func(v string) string { return loc.T("orgtype." + v) }},
		{catalog.FacetOrgCountry, loc.T("directory.facet.country"), &q.Country, loc.CountryName},
		{catalog.FacetOrgTheme, loc.T("directory.facet.theme"), &q.Theme, loc.ThemeName},
	} {
		fv := facetView{Name: f.name, Label: f.label}
		for _, c := range facets[f.name] {
			if c.Value == "" || (f.name == catalog.FacetOrgType && !catalog.IsOrganisationType(c.Value)) {
				continue
			}
			next := q
			sel := *f.current == c.Value
			switch f.name {
			case catalog.FacetOrgType:
				next.Type = toggle(sel, c.Value)
			case catalog.FacetOrgCountry:
				next.Country = toggle(sel, c.Value)
			default:
				next.Theme = toggle(sel, c.Value)
			}
			fv.Values = append(fv.Values, facetValueView{
				Label: f.label1(c.Value), Count: loc.Number(c.Count), Selected: sel,
				URL: directoryPath(lang, "/directory", next.values(1)),
			})
		}
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// toggle is value, or "" when it is selected (the link removes it).
func toggle(selected bool, value string) string {
	if selected {
		return ""
	}
	return value
}

// directoryPager is the pagination of a directory list at path.
func directoryPager(loc *i18n.Locale, lang, path string, q directoryQuery, total int) pager {
	pages := min((total+directoryPageSize-1)/directoryPageSize, maxDirectoryPage)
	if pages <= 1 && q.Page == 1 {
		return pager{}
	}
	link := func(n int) string { return directoryPath(lang, path, q.values(n)) }
	p := pager{Label: loc.T("search.page", loc.Number(q.Page), loc.Number(max(pages, 1)))}
	if q.Page > 1 {
		p.Prev = link(min(q.Page-1, max(pages, 1)))
	}
	if q.Page < pages {
		p.Next = link(q.Page + 1)
	}
	for n := max(1, q.Page-2); n <= min(pages, q.Page+2); n++ {
		p.Pages = append(p.Pages, pageLink{Number: loc.Number(n), URL: link(n), Current: n == q.Page})
	}
	return p
}

// organisationPage is the data of organisation.html.
type organisationPage struct {
	layout
	Name          string
	Type          string
	Place         string
	Website       string
	Email         string // "" unless the organisation made it public
	WorkLanguages []languageName
	Description   []string // paragraphs
	Themes        []string // declared
	DocThemes     []string // from its documents, not declared
	Countries     []string // its documents' countries
	Verified      bool
	Sources       []string
	Documents     []hitView
	DocumentsURL  string // all its documents in search
	EditURL       string
	DeleteURL     string
	CSRF          string
	DirectoryURL  string
	PartnerSearch []partnerLink
}

// languageName is a language with its code, for lang attributes.
type languageName struct{ Code, Name string }

// partnerLink finds partners like this organisation: one of its themes in
// its country.
type partnerLink struct{ Label, URL string }

// handleOrganisationShow shows one organisation: what it declares, what
// the catalog holds of its sources, and its latest documents.
func (s *Server) handleOrganisationShow(w http.ResponseWriter, r *http.Request, lang string) error {
	o, err := s.organisationOf(r)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p := organisationPage{
		layout: s.layout(r, lang, o.Name), Name: o.Name, Type: loc.T("orgtype." + o.Type),
		Place: placeOf(loc, o.City, o.Country), Website: o.Website, Verified: o.Verified(),
		Description:  paragraphs(o.Description),
		DirectoryURL: "/" + lang + "/directory",
	}
	p.Current = "directory"
	if o.EmailPublic {
		p.Email = o.Email
	}
	for _, l := range o.Languages {
		p.WorkLanguages = append(p.WorkLanguages, languageName{Code: l, Name: loc.LanguageName(l)})
	}
	for _, t := range o.Themes {
		p.Themes = append(p.Themes, loc.ThemeName(t))
	}
	for _, t := range o.AllThemes() {
		if !slices.Contains(o.Themes, t) {
			p.DocThemes = append(p.DocThemes, loc.ThemeName(t))
		}
		v := directoryQuery{OrganisationQuery: catalog.OrganisationQuery{Theme: t, Country: o.Country}}
		p.PartnerSearch = append(p.PartnerSearch, partnerLink{
			Label: loc.T("organisation.partners.link", loc.ThemeName(t), loc.CountryName(o.Country)),
			URL:   directoryPath(lang, "/partners", v.values(1)),
		})
	}
	for _, c := range o.DocumentCountries {
		p.Countries = append(p.Countries, loc.CountryName(c))
	}
	if err := s.organisationDocuments(r.Context(), loc, lang, o, &p); err != nil {
		return err
	}
	if v := viewerOf(r); v != nil && s.acct != nil {
		if canEditOrganisation(v, o) {
			p.EditURL = organisationPath(lang, o.ID) + "/edit"
		}
		if canModerateOrganisation(v, o) {
			p.DeleteURL = organisationPath(lang, o.ID) + "/delete"
			p.CSRF = s.csrfToken(w, r)
		}
	}
	return s.render(w, http.StatusOK, lang, "organisation", p)
}

// organisationDocuments fills the names of o's sources and its latest
// documents in the catalog.
func (s *Server) organisationDocuments(ctx context.Context, loc *i18n.Locale, lang string, o *catalog.Organisation, p *organisationPage) error {
	if len(o.SourceIDs) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, catalogTimeout)
	defer cancel()
	srcs, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if slices.Contains(o.SourceIDs, src.ID) {
			p.Sources = append(p.Sources, src.Name)
		}
	}
	q := catalog.Query{SourceIDs: o.SourceIDs, Sort: catalog.SortDate, Limit: directoryDocuments}
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		p.Documents = append(p.Documents, newHitView(loc, h))
	}
	p.DocumentsURL = searchPath(lang, "", q, 1)
	return nil
}

// organisationOf reads the organisation the path's {id} names.
func (s *Server) organisationOf(r *http.Request) (*catalog.Organisation, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Errorf("%w: organisation %q", catalog.ErrNotFound, r.PathValue("id"))
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	return s.dir.Organisation(ctx, id)
}

// canEditOrganisation: its creator and those who moderate it may change
// an entry.
func canEditOrganisation(v *viewer, o *catalog.Organisation) bool {
	return v != nil && (canModerateOrganisation(v, o) || (o.CreatedBy != 0 && o.CreatedBy == v.user.ID))
}

// canModerateOrganisation: editors and administrators may verify and
// remove any entry, a country coordinator those of their countries.
func canModerateOrganisation(v *viewer, o *catalog.Organisation) bool {
	switch {
	case v.has(catalog.RoleEditor, catalog.RoleAdministrator):
		return true
	case v.has(catalog.RoleCountryCoordinator):
		return slices.Contains(v.user.Countries, o.Country)
	}
	return false
}

// paragraphs splits plain text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// personItem is one person of the people directory.
type personItem struct {
	Name, Organisation, Type, Country string
}

// peoplePage is the data of people.html.
type peoplePage struct {
	layout
	FormURL      string
	Types        []option
	Countries    []option
	Total        string
	People       []personItem
	Facets       []facetView
	Pager        pager
	DirectoryURL string
	ProfileURL   string
}

// handlePeopleShow lists the members who chose to be listed, with what
// they chose to show: never their address.
func (s *Server) handlePeopleShow(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parsePeopleQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.dir.People(ctx, q.PeopleQuery)
	if err != nil {
		return err
	}
	p := peoplePage{
		layout:  s.layout(r, lang, loc.T("people.title")),
		FormURL: "/" + lang + "/directory/people", Types: orgTypeOptions(loc, q.OrganisationType),
		Countries: countryOptions(loc, q.Country), Total: loc.Plural("people.count", res.Total),
		DirectoryURL: "/" + lang + "/directory", ProfileURL: "/" + lang + "/profile",
	}
	p.Current = "directory"
	for _, x := range res.People {
		it := personItem{Name: x.Name, Organisation: x.Organisation}
		if x.OrganisationType != "" {
			it.Type = loc.T("orgtype." + x.OrganisationType)
		}
		if x.Country != "" {
			it.Country = loc.CountryName(x.Country)
		}
		p.People = append(p.People, it)
	}
	link := func(t, c string, page int) string {
		v := peopleQuery{PeopleQuery: catalog.PeopleQuery{OrganisationType: t, Country: c}}
		vals := directoryQuery{OrganisationQuery: catalog.OrganisationQuery{Type: v.OrganisationType, Country: v.Country}}.values(page)
		return directoryPath(lang, "/directory/people", vals)
	}
	p.Facets = peopleFacets(loc, q, res.Facets, link)
	dq := directoryQuery{OrganisationQuery: catalog.OrganisationQuery{Type: q.OrganisationType, Country: q.Country}, Page: q.Page}
	p.Pager = directoryPager(loc, lang, "/directory/people", dq, res.Total)
	return s.render(w, http.StatusOK, lang, "people", p)
}

func peopleFacets(loc *i18n.Locale, q peopleQuery, facets map[string][]catalog.FacetCount, link func(t, c string, page int) string) []facetView {
	types := facetView{Name: catalog.FacetOrgType, Label: loc.T("directory.facet.type")}
	for _, c := range facets[catalog.FacetOrgType] {
		sel := c.Value == q.OrganisationType
		types.Values = append(types.Values, facetValueView{Label: loc.T("orgtype." + c.Value), Count: loc.Number(c.Count),
			Selected: sel, URL: link(toggle(sel, c.Value), q.Country, 1)})
	}
	countries := facetView{Name: catalog.FacetOrgCountry, Label: loc.T("directory.facet.country")}
	for _, c := range facets[catalog.FacetOrgCountry] {
		sel := c.Value == q.Country
		countries.Values = append(countries.Values, facetValueView{Label: loc.CountryName(c.Value), Count: loc.Number(c.Count),
			Selected: sel, URL: link(q.OrganisationType, toggle(sel, c.Value), 1)})
	}
	var out []facetView
	for _, f := range []facetView{types, countries} {
		if len(f.Values) > 0 {
			out = append(out, f)
		}
	}
	return out
}
