package portal

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// searchPage is the data of search.html.
type searchPage struct {
	layout
	Text     string
	Exact    bool // the search keeps to the words typed
	Sorts    []option
	Hidden   []field // active filters, kept when the form is sent again
	Total    string
	Start    int // number of the first hit, for <ol start>
	Hits     []hitView
	Facets   []facetView
	Active   []activeFilter
	ClearURL string
	Pager    pager
	Calendar string // iCalendar of the events of this search
	// Save is the form that saves this search, for signed-in visitors;
	// nil for others.
	Save *saveForm
}

// option is one choice of a <select>.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// field is a hidden form field.
type field struct {
	Name  string
	Value string
}

// facetView is one facet: its values with counts, each a link that adds
// or removes the value as a filter.
type facetView struct {
	Name   string
	Label  string
	Values []facetValueView
}

// facetValueView is one value of a facet.
type facetValueView struct {
	Label    string
	Count    string
	URL      string // the search with this value toggled
	Selected bool
}

// activeFilter is a filter in force, with the link that removes it.
type activeFilter struct {
	Facet     string
	Label     string
	RemoveURL string
}

// pager is the pagination of a result list.
type pager struct {
	Label      string // "Page 2 of 7"
	Prev, Next string // "" at either end
	Pages      []pageLink
}

// pageLink is one numbered page of the pager.
type pageLink struct {
	Number  string
	URL     string
	Current bool
}

// facetOrder is the order facets appear on the page and the parameter
// each one sets.
var facetOrder = []struct{ name, param string }{
	{catalog.FacetLanguage, "lang"},
	{catalog.FacetTheme, "theme"},
	{catalog.FacetType, "type"},
	{catalog.FacetCountry, "country"},
	{catalog.FacetSource, "source"},
}

// maxFacetValues bounds the values listed per facet; selected values are
// always listed.
const maxFacetValues = 30

// handleSearchShow renders a search: the form, the results of one page,
// the facets and the pager.
func (s *Server) handleSearchShow(w http.ResponseWriter, r *http.Request, lang string) error {
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
	names, err := s.sourceNames(ctx, q, res)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	title := loc.T("search.title")
	if q.Text != "" {
		title = loc.T("search.title.query", q.Text)
	}
	page := q.Offset/pageSize + 1
	data := searchPage{
		layout: s.layout(r, lang, title),
		Text:   q.Text,
		Exact:  q.NoExpand,
		Total:  loc.Plural("search.total", res.Total),
		Start:  q.Offset + 1,
		Sorts: []option{
			{string(catalog.SortRelevance), loc.T("sort.relevance"), q.Sort != catalog.SortDate},
			{string(catalog.SortDate), loc.T("sort.date"), q.Sort == catalog.SortDate},
		},
		ClearURL: searchPath(lang, "", catalog.Query{Text: q.Text, Sort: q.Sort, NoExpand: q.NoExpand}, 1),
		Pager:    newPager(loc, lang, q, page, res.Total),
	}
	data.Current = "search"
	if s.acct != nil && viewerOf(r) != nil {
		data.Save = s.newSaveForm(w, r, lang, q)
		w.Header().Set("Cache-Control", "no-store") // the form holds the visitor's token
	}
	data.Atom = searchPath(lang, "/atom", q, page)
	data.Calendar = searchPath(lang, "/ics", q, page)
	for _, f := range facetOrder {
		for _, v := range filterValues(q, f.name) {
			data.Hidden = append(data.Hidden, field{f.param, v})
		}
	}
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, newHitView(loc, h))
	}
	for _, f := range facetOrder {
		label := func(v string) string { return facetLabel(loc, names, f.name, v) }
		fv := facetView{Name: f.param, Label: loc.T("facet." + f.name)}
		seen := map[string]bool{}
		for _, v := range res.Facets[f.name] {
			seen[v.Value] = true
			selected := hasFilter(q, f.name, v.Value)
			if len(fv.Values) >= maxFacetValues && !selected {
				continue
			}
			fv.Values = append(fv.Values, facetValueView{
				Label:    label(v.Value),
				Count:    loc.Number(v.Count),
				URL:      searchPath(lang, "", toggleFilter(q, f.name, v.Value), 1),
				Selected: selected,
			})
		}
		for _, v := range filterValues(q, f.name) {
			data.Active = append(data.Active, activeFilter{
				Facet:     fv.Label,
				Label:     label(v),
				RemoveURL: searchPath(lang, "", toggleFilter(q, f.name, v), 1),
			})
			if !seen[v] {
				// A filter the store counted nothing for still needs its way out.
				fv.Values = append(fv.Values, facetValueView{
					Label:    label(v),
					Count:    loc.Number(0),
					URL:      searchPath(lang, "", toggleFilter(q, f.name, v), 1),
					Selected: true,
				})
			}
		}
		if len(fv.Values) > 0 {
			data.Facets = append(data.Facets, fv)
		}
	}
	return s.render(w, http.StatusOK, lang, "search", data)
}

// sourceNames maps source ids to names when the page shows any: as
// facet values or as filters.
func (s *Server) sourceNames(ctx context.Context, q catalog.Query, res *catalog.Result) (map[int64]string, error) {
	if len(res.Facets[catalog.FacetSource]) == 0 && len(q.SourceIDs) == 0 {
		return nil, nil
	}
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(sources))
	for _, src := range sources {
		names[src.ID] = src.Name
	}
	return names, nil
}

// filterValues lists the values q filters facet on, as facet values.
func filterValues(q catalog.Query, facet string) []string {
	if facet == catalog.FacetSource {
		out := make([]string, len(q.SourceIDs))
		for i, id := range q.SourceIDs {
			out[i] = strconv.FormatInt(id, 10)
		}
		return out
	}
	if l := filterList(&q, facet); l != nil {
		return *l
	}
	return nil
}

// facetLabel names a facet value in the interface language.
func facetLabel(loc *i18n.Locale, sources map[int64]string, facet, value string) string {
	switch facet {
	case catalog.FacetLanguage:
		return loc.LanguageName(value)
	case catalog.FacetTheme:
		return loc.ThemeName(value)
	case catalog.FacetType:
		return loc.TypeName(value)
	case catalog.FacetCountry:
		return loc.CountryName(value)
	case catalog.FacetSource:
		id, _ := strconv.ParseInt(value, 10, 64)
		if name := sources[id]; name != "" {
			return name
		}
		return "#" + value
	}
	return value
}

// newPager builds the pagination of page out of the pages total fills,
// with up to two numbered pages either side of the current one.
func newPager(loc *i18n.Locale, lang string, q catalog.Query, page, total int) pager {
	pages := (total + pageSize - 1) / pageSize
	pages = min(pages, maxPage)
	if pages <= 1 && page == 1 {
		return pager{}
	}
	p := pager{Label: loc.T("search.page", loc.Number(page), loc.Number(max(pages, 1)))}
	if page > 1 {
		p.Prev = searchPath(lang, "", q, min(page-1, max(pages, 1)))
	}
	if page < pages {
		p.Next = searchPath(lang, "", q, page+1)
	}
	for n := max(1, page-2); n <= min(pages, page+2); n++ {
		p.Pages = append(p.Pages, pageLink{
			Number:  loc.Number(n),
			URL:     searchPath(lang, "", q, n),
			Current: n == page,
		})
	}
	return p
}
