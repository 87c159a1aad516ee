package portal

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// The case-study pages: browse (facets over the case studies a text
// search finds), one case study on the common template, and two to four
// compared field by field. The catalog's Search filters by text and
// content type; the template's own facets (the publishing criteria, the
// year a practice started) are in the case-study column Search does not
// index, so the browse page reads the matching case studies (the newest
// catalog.MaxLimit, like the events and funding pages) and counts and
// filters every facet itself, each over the documents matching every
// other facet, as the search page does.

// Facets of the case-study browse page that the search page lacks.
const (
	facetCriteria = "criteria" // "evaluated", "innovative"
	facetStarted  = "started"  // year the practice started
)

// Values of the criteria facet.
const (
	criterionEvaluated  = "evaluated"
	criterionInnovative = "innovative"
)

// caseStudyFacets are the browse page's facets in the order shown, with
// the URL parameter of each.
var caseStudyFacets = []struct{ name, param string }{
	{catalog.FacetTheme, "theme"},
	{catalog.FacetSubtheme, "subtheme"},
	{catalog.FacetCountry, "country"},
	{catalog.FacetLanguage, "lang"},
	{facetCriteria, "criteria"},
	{facetStarted, "started"},
}

// caseStudiesQuery is what the browse page shows: a text and, per facet,
// the values chosen (a case study matches one value of each facet).
type caseStudiesQuery struct {
	Text    string
	Filters map[string][]string // by facet name
	Page    int
}

// maxCaseStudyText bounds the search text of the browse page.
const maxCaseStudyText = 500

// caseStudiesPerPage is how many case studies one page lists.
const caseStudiesPerPage = 20

// parseCaseStudiesQuery reads q, theme, subtheme, country, lang, criteria,
// started and page; an unknown value is an error naming its parameter.
func parseCaseStudiesQuery(raw string) (caseStudiesQuery, error) {
	q := caseStudiesQuery{Filters: map[string][]string{}, Page: 1}
	v, err := parseValues(raw)
	if err != nil {
		return q, err
	}
	if q.Text, err = single(v, "q"); err != nil {
		return q, err
	}
	q.Text = strings.TrimSpace(q.Text)
	if !utf8.ValidString(q.Text) {
		return q, &paramError{Param: "q", Reason: "invalid_utf8"}
	}
	if utf8.RuneCountInString(q.Text) > maxCaseStudyText {
		return q, &paramError{Param: "q", Reason: "too_long", Max: maxCaseStudyText}
	}
	checks := map[string]struct {
		norm  func(string) string
		valid func(string) bool
	}{
		catalog.FacetTheme:    {strings.ToLower, isTopTheme},
		catalog.FacetSubtheme: {strings.ToLower, isSubtheme},
		catalog.FacetCountry:  {strings.ToUpper, catalog.IsCountry},
		catalog.FacetLanguage: {strings.ToLower, isLanguageCode},
		facetCriteria:         {strings.ToLower, func(s string) bool { return s == criterionEvaluated || s == criterionInnovative }},
		facetStarted:          {strings.TrimSpace, isYear},
	}
	for _, f := range caseStudyFacets {
		c := checks[f.name]
		vals, err := listParam(v, f.param, c.norm, c.valid)
		if err != nil {
			return q, err
		}
		if len(vals) > 0 {
			q.Filters[f.name] = vals
		}
	}
	if p, err := single(v, "page"); err != nil {
		return q, err
	} else if p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return q, &paramError{Param: "page", Reason: "not_integer", Value: shorten(p)}
		}
		if n < 1 || n > catalog.MaxLimit/caseStudiesPerPage {
			return q, &paramError{Param: "page", Reason: "out_of_range", Value: shorten(p), Min: 1, Max: catalog.MaxLimit / caseStudiesPerPage}
		}
		q.Page = n
	}
	return q, nil
}

func isTopTheme(s string) bool {
	top, ok := catalog.ThemeOf(s)
	return ok && top == s
}

func isSubtheme(s string) bool {
	top, ok := catalog.ThemeOf(s)
	return ok && top != s
}

func isYear(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 4 && n >= 1900 && n <= 2100
}

// path is the browse page for q in lang.
func (q caseStudiesQuery) path(lang string) string {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	for _, f := range caseStudyFacets {
		for _, val := range q.Filters[f.name] {
			v.Add(f.param, val)
		}
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	p := caseStudiesPath(lang)
	if enc := v.Encode(); enc != "" {
		p += "?" + enc
	}
	return p
}

// toggle returns q with value of facet added, or removed when chosen,
// on its first page.
func (q caseStudiesQuery) toggle(facet, value string) caseStudiesQuery {
	out := caseStudiesQuery{Text: q.Text, Filters: map[string][]string{}, Page: 1}
	for k, vals := range q.Filters {
		out.Filters[k] = slices.Clone(vals)
	}
	vals := out.Filters[facet]
	if i := slices.Index(vals, value); i >= 0 {
		out.Filters[facet] = slices.Delete(vals, i, i+1)
	} else {
		out.Filters[facet] = append(vals, value)
	}
	return out
}

// caseStudiesPath is the browse page in lang.
func caseStudiesPath(lang string) string { return "/" + lang + "/case-studies" }

// caseStudyPath is the page of one case study in lang.
func caseStudyPath(lang string, id int64) string {
	return "/" + lang + "/case-studies/" + strconv.FormatInt(id, 10)
}

// facetValuesOf returns the values d has for a facet of the browse page.
func facetValuesOf(d *catalog.Document, facet string) []string {
	switch facet {
	case catalog.FacetTheme, catalog.FacetSubtheme:
		var out []string
		for _, t := range d.Themes {
			top, ok := catalog.ThemeOf(t)
			if !ok {
				continue
			}
			if facet == catalog.FacetTheme && !slices.Contains(out, top) {
				out = append(out, top)
			}
			if facet == catalog.FacetSubtheme && top != t && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		return out
	case catalog.FacetCountry:
		return d.Countries
	case catalog.FacetLanguage:
		return []string{d.Language}
	case facetCriteria:
		var out []string
		if c := d.CaseStudy; c != nil && c.Evaluated {
			out = append(out, criterionEvaluated)
		}
		if c := d.CaseStudy; c != nil && c.Innovative {
			out = append(out, criterionInnovative)
		}
		return out
	case facetStarted:
		if c := d.CaseStudy; c != nil && !c.Started.IsZero() {
			return []string{strconv.Itoa(c.Started.Year())}
		}
	}
	return nil
}

// matches reports whether d has one chosen value of every facet but
// except ("" for none).
func (q caseStudiesQuery) matches(d *catalog.Document, except string) bool {
	for facet, chosen := range q.Filters {
		if facet == except || len(chosen) == 0 {
			continue
		}
		has := facetValuesOf(d, facet)
		if !slices.ContainsFunc(chosen, func(c string) bool { return slices.Contains(has, c) }) {
			return false
		}
	}
	return true
}

// caseStudiesPage is the data of casestudies.html.
type caseStudiesPage struct {
	layout
	Text      string
	Total     string
	Studies   []caseStudyHit
	Facets    []facetView
	Active    []activeFilter
	ClearURL  string
	Pager     pager
	Empty     bool
	CompareTo string // the compare page's address, the form's action
	Capped    string // a note when more case studies exist than are read
}

// caseStudyHit is one case study in the browse list.
type caseStudyHit struct {
	ID         int64
	URL        string
	Title      string
	Lang       string
	Dir        string
	Summary    string
	Place      string // region and countries
	Themes     string
	Evaluated  bool
	Innovative bool
	Goals      bool
}

// handleCaseStudiesShow renders the browse page.
func (s *Server) handleCaseStudiesShow(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parseCaseStudiesQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, res, err := s.documentsOf(ctx, catalog.Query{Text: q.Text, ContentTypes: []string{"case-study"},
		Sort: catalog.SortDate, Limit: catalog.MaxLimit})
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	data := caseStudiesPage{
		layout:    s.layout(r, lang, loc.T("casestudies.title")),
		Text:      q.Text,
		ClearURL:  caseStudiesPath(lang),
		CompareTo: caseStudiesPath(lang) + "/compare",
	}
	data.Current = "casestudies"
	if res.Total > len(res.Hits) {
		data.Capped = loc.T("casestudies.capped", loc.Number(len(res.Hits)), loc.Number(res.Total))
	}
	var found []*catalog.Document
	for _, d := range docs {
		if q.matches(d, "") {
			found = append(found, d)
		}
	}
	data.Total = loc.Plural("casestudies.total", len(found))
	data.Empty = len(found) == 0
	from := min((q.Page-1)*caseStudiesPerPage, len(found))
	to := min(from+caseStudiesPerPage, len(found))
	for _, d := range found[from:to] {
		data.Studies = append(data.Studies, newCaseStudyHit(loc, d))
	}
	data.Facets = caseStudyFacetViews(loc, q, docs, lang)
	data.Active = caseStudyActive(loc, q, lang)
	data.Pager = caseStudyPager(loc, q, len(found), lang)
	return s.render(w, http.StatusOK, lang, "casestudies", data)
}

func newCaseStudyHit(loc *i18n.Locale, d *catalog.Document) caseStudyHit {
	h := caseStudyHit{ID: d.ID, URL: caseStudyPath(loc.Lang(), d.ID), Title: d.Title, Lang: d.Language,
		Dir: textDirection(d.Language), Summary: d.Summary}
	var places []string
	if c := d.CaseStudy; c != nil {
		if c.Region != "" {
			places = append(places, c.Region)
		}
		h.Evaluated, h.Innovative, h.Goals = c.Evaluated, c.Innovative, strings.TrimSpace(c.Aims) != ""
	}
	for _, cc := range d.Countries {
		places = append(places, loc.CountryName(cc))
	}
	h.Place = strings.Join(places, ", ")
	var themes []string
	for _, t := range facetValuesOf(d, catalog.FacetTheme) {
		themes = append(themes, loc.ThemeName(t))
	}
	h.Themes = strings.Join(themes, ", ")
	return h
}

// caseStudyFacetViews counts every facet over the documents matching the
// other facets' choices, most frequent first (years newest first).
func caseStudyFacetViews(loc *i18n.Locale, q caseStudiesQuery, docs []*catalog.Document, lang string) []facetView {
	var out []facetView
	for _, f := range caseStudyFacets {
		counts := map[string]int{}
		for _, d := range docs {
			if !q.matches(d, f.name) {
				continue
			}
			for _, v := range facetValuesOf(d, f.name) {
				counts[v]++
			}
		}
		for _, v := range q.Filters[f.name] {
			if _, ok := counts[v]; !ok {
				counts[v] = 0 // a chosen value stays visible, to be removed
			}
		}
		if len(counts) == 0 {
			continue
		}
		values := make([]string, 0, len(counts))
		for v := range counts {
			values = append(values, v)
		}
		slices.SortFunc(values, func(a, b string) int {
			if f.name == facetStarted {
				return strings.Compare(b, a)
			}
			if counts[a] != counts[b] {
				return counts[b] - counts[a]
			}
			return strings.Compare(a, b)
		})
		fv := facetView{Name: f.param, Label: loc.T("casestudies.facet." + f.name)}
		for _, v := range values {
			fv.Values = append(fv.Values, facetValueView{
				Label:    caseStudyFacetLabel(loc, f.name, v),
				Count:    loc.Number(counts[v]),
				URL:      q.toggle(f.name, v).path(lang),
				Selected: slices.Contains(q.Filters[f.name], v),
			})
		}
		out = append(out, fv)
	}
	return out
}

// caseStudyFacetLabel names a facet value in the interface language.
func caseStudyFacetLabel(loc *i18n.Locale, facet, value string) string {
	switch facet {
	case catalog.FacetTheme, catalog.FacetSubtheme:
		return loc.ThemeName(value)
	case catalog.FacetCountry:
		return loc.CountryName(value)
	case catalog.FacetLanguage:
		return loc.LanguageName(value)
	case facetCriteria:
		return loc.T("casestudy.criteria." + value)
	}
	return value
}

func caseStudyActive(loc *i18n.Locale, q caseStudiesQuery, lang string) []activeFilter {
	var out []activeFilter
	for _, f := range caseStudyFacets {
		for _, v := range q.Filters[f.name] {
			out = append(out, activeFilter{Facet: loc.T("casestudies.facet." + f.name),
				Label: caseStudyFacetLabel(loc, f.name, v), RemoveURL: q.toggle(f.name, v).path(lang)})
		}
	}
	return out
}

func caseStudyPager(loc *i18n.Locale, q caseStudiesQuery, total int, lang string) pager {
	pages := (total + caseStudiesPerPage - 1) / caseStudiesPerPage
	if pages <= 1 {
		return pager{}
	}
	p := pager{Label: loc.T("casestudies.page", loc.Number(q.Page), loc.Number(pages))}
	if q.Page > 1 {
		prev := q
		prev.Page--
		p.Prev = prev.path(lang)
	}
	if q.Page < pages {
		next := q
		next.Page++
		p.Next = next.path(lang)
	}
	return p
}
