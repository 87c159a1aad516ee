package catalogtest

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testSearchFacets(t *testing.T, s Store, c *corpus) {
	// src is the facet value of source letter with count n.
	src := func(letter string, n int) string {
		return strconv.FormatInt(c.sources[letter].ID, 10) + "=" + strconv.Itoa(n)
	}
	// sources sorts values as the store must; IDs are decimal strings.
	sources := func(v ...string) []catalog.FacetValue { f := fvs(v...); sortFacet(f); return f }
	all := map[string][]catalog.FacetValue{
		catalog.FacetLanguage: fvs("en=3", "de=1", "el=1", "es=1", "fr=1"),
		catalog.FacetSubtheme: fvs("employment=2", "language-competencies=2", "civic-education=1",
			"housing=1", "volunteering=1"),
		catalog.FacetTheme:   fvs("active-citizenship=2", "economic-participation=2", "education-culture=2", "social-cohesion=1"),
		catalog.FacetYear:    fvs("2024=3", "2023=2", "2022=1"),
		catalog.FacetType:    fvs("news=2", "report=2", "case-study=1", "policy-paper=1", "project=1"),
		catalog.FacetCountry: fvs("DE=2", "AT=1", "ES=1", "EU=1", "FR=1", "GR=1", "IE=1"),
		catalog.FacetSource:  sources(src("A", 3), src("B", 2), src("C", 2)),
	}
	for _, tc := range []struct {
		name string
		q    catalog.Query
		want map[string][]catalog.FacetValue
	}{
		{"no filter", catalog.Query{}, all},
		{"language filter keeps its siblings", catalog.Query{Languages: []string{"en"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: all[catalog.FacetLanguage],
			catalog.FacetSubtheme: fvs("employment=1", "housing=1", "volunteering=1"),
			catalog.FacetTheme:    fvs("active-citizenship=1", "economic-participation=1", "social-cohesion=1"),
			catalog.FacetYear:     fvs("2022=1", "2023=1", "2024=1"),
			catalog.FacetType:     fvs("case-study=1", "news=1", "report=1"),
			catalog.FacetCountry:  fvs("AT=1", "DE=1", "EU=1", "IE=1"),
			catalog.FacetSource:   sources(src("A", 1), src("B", 1), src("C", 1)),
		}},
		{"theme filter", catalog.Query{Themes: []string{"employment"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("en=1", "es=1"),
			catalog.FacetSubtheme: fvs("employment=2"),
			catalog.FacetTheme:    all[catalog.FacetTheme],
			catalog.FacetYear:     fvs("2024=2"),
			catalog.FacetType:     fvs("report=2"),
			catalog.FacetCountry:  fvs("DE=1", "ES=1", "EU=1"),
			catalog.FacetSource:   sources(src("A", 1), src("B", 1)),
		}},
		{"two filters", catalog.Query{Languages: []string{"en"}, ContentTypes: []string{"report"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("en=1", "es=1"),
			catalog.FacetSubtheme: fvs("employment=1"),
			catalog.FacetTheme:    fvs("economic-participation=1"),
			catalog.FacetYear:     fvs("2024=1"),
			catalog.FacetType:     fvs("case-study=1", "news=1", "report=1"),
			catalog.FacetCountry:  fvs("DE=1", "EU=1"),
			catalog.FacetSource:   sources(src("B", 1)),
		}},
		{"source and country filters", catalog.Query{SourceIDs: []int64{c.sources["A"].ID}, Countries: []string{"DE"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("de=1"),
			catalog.FacetSubtheme: fvs("civic-education=1", "language-competencies=1"),
			catalog.FacetTheme:    fvs("active-citizenship=1", "education-culture=1"),
			catalog.FacetYear:     fvs("2023=1"),
			catalog.FacetType:     fvs("project=1"),
			catalog.FacetCountry:  fvs("AT=1", "DE=1", "ES=1"),
			catalog.FacetSource:   sources(src("A", 1), src("B", 1)),
		}},
		{"text", catalog.Query{Text: "integr*"}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("de=1", "es=1", "fr=1"),
			catalog.FacetSubtheme: fvs("civic-education=1", "employment=1", "language-competencies=1"),
			catalog.FacetTheme:    fvs("active-citizenship=1", "economic-participation=1", "education-culture=1"),
			catalog.FacetYear:     fvs("2023=1", "2024=1"),
			catalog.FacetType:     fvs("policy-paper=1", "project=1", "report=1"),
			catalog.FacetCountry:  fvs("DE=1", "ES=1", "FR=1"),
			catalog.FacetSource:   sources(src("A", 2), src("C", 1)),
		}},
		{"text and filter", catalog.Query{Text: "integr*", Languages: []string{"de"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("de=1", "es=1", "fr=1"),
			catalog.FacetSubtheme: fvs("civic-education=1", "language-competencies=1"),
			catalog.FacetTheme:    fvs("active-citizenship=1", "education-culture=1"),
			catalog.FacetYear:     fvs("2023=1"),
			catalog.FacetType:     fvs("project=1"),
			catalog.FacetCountry:  fvs("DE=1"),
			catalog.FacetSource:   sources(src("A", 1)),
		}},
		{"text and two filters", catalog.Query{Text: "integr*", Languages: []string{"de", "es"}, Countries: []string{"ES"}}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("es=1"),
			catalog.FacetSubtheme: fvs("employment=1"),
			catalog.FacetTheme:    fvs("economic-participation=1"),
			catalog.FacetYear:     fvs("2024=1"),
			catalog.FacetType:     fvs("report=1"),
			catalog.FacetCountry:  fvs("DE=1", "ES=1"),
			catalog.FacetSource:   sources(src("A", 1)),
		}},
		{"text, filter and dates", catalog.Query{Text: "integr*", Countries: []string{"DE", "FR"}, From: day(2023, 1, 1)}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: fvs("de=1"),
			catalog.FacetSubtheme: fvs("civic-education=1", "language-competencies=1"),
			catalog.FacetTheme:    fvs("active-citizenship=1", "education-culture=1"),
			catalog.FacetYear:     fvs("2023=1"),
			catalog.FacetType:     fvs("project=1"),
			catalog.FacetCountry:  fvs("DE=1", "ES=1"),
			catalog.FacetSource:   sources(src("A", 1)),
		}},
		{"nothing matches", catalog.Query{Text: "zzzz"}, map[string][]catalog.FacetValue{
			catalog.FacetLanguage: nil, catalog.FacetTheme: nil, catalog.FacetType: nil,
			catalog.FacetCountry: nil, catalog.FacetSource: nil, catalog.FacetSubtheme: nil, catalog.FacetYear: nil,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if diff := cmp.Diff(tc.want, res.Facets, equateEmpty); diff != "" {
				t.Errorf("facets (-want +got):\n%s", diff)
			}
			for name, values := range res.Facets {
				if values == nil {
					t.Errorf("facet %s is nil, want an empty list", name)
				}
			}
		})
	}
}

// fvs reads facet values written "value=count".
func fvs(s ...string) []catalog.FacetValue {
	var out []catalog.FacetValue
	for _, v := range s {
		value, count, _ := strings.Cut(v, "=")
		n, err := strconv.Atoi(count)
		if err != nil {
			panic("catalogtest: bad facet value " + v)
		}
		out = append(out, catalog.FacetValue{Value: value, Count: n})
	}
	return out
}

// sortFacet orders values as stores must: count descending, then value.
func sortFacet(v []catalog.FacetValue) {
	slices.SortFunc(v, func(a, b catalog.FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		switch {
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
}
