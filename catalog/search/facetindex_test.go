package search

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/catalog"
)

func facetRows() []FacetRow {
	return []FacetRow{
		{ID: 1, Language: "en", ContentType: "report", SourceID: 1, Year: "2024", ThemeRoots: []string{"economic-participation"},
			Subthemes: []string{"employment"}, Themes: []string{"employment"}, Countries: []string{"DE", "AT"}, Collapsed: true},
		{ID: 2, Language: "fr", ContentType: "news", SourceID: 1, Year: "2023", Countries: []string{"FR"}, Collapsed: true},
		// 3 is a copy of 1: counted only when its source is chosen.
		{ID: 3, Language: "en", ContentType: "report", SourceID: 2, Year: "2024", Countries: []string{"DE"}},
		{ID: 4, Language: "", ContentType: "", SourceID: 2, Collapsed: true},
	}
}

func TestFacetIndexCount(t *testing.T) {
	x := BuildFacetIndex("1/0", facetRows())
	if x == nil || x.Len() != 4 || x.Stamp() != "1/0" {
		t.Fatalf("BuildFacetIndex = %+v", x)
	}
	fv := func(pairs ...any) []catalog.FacetValue {
		out := []catalog.FacetValue{}
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, catalog.FacetValue{Value: pairs[i].(string), Count: pairs[i+1].(int)})
		}
		return out
	}
	for _, tc := range []struct {
		name      string
		hits      []uint32
		not       bool
		f         FacetFilters
		total     int
		languages []catalog.FacetValue
		sources   []catalog.FacetValue
		countries []catalog.FacetValue
	}{
		{name: "everything", total: 3, languages: fv("en", 1, "fr", 1), sources: fv("1", 2, "2", 2),
			countries: fv("AT", 1, "DE", 1, "FR", 1)},
		{name: "hits", hits: []uint32{1, 3, 99}, total: 1, languages: fv("en", 1), sources: fv("1", 1, "2", 1),
			countries: fv("AT", 1, "DE", 1)},
		{name: "negated hits", hits: []uint32{1}, not: true, total: 2, languages: fv("fr", 1), sources: fv("2", 2, "1", 1),
			countries: fv("FR", 1)},
		{name: "source chosen shows the copy", f: FacetFilters{Facet: FilterValues{SourceIDs: []int64{2}}}, total: 2,
			languages: fv("en", 1), sources: fv("1", 2, "2", 2), countries: fv("DE", 1)},
		{name: "language filter keeps its siblings", f: FacetFilters{Facet: FilterValues{Languages: []string{"fr"}}}, total: 1,
			languages: fv("en", 1, "fr", 1), sources: fv("1", 1), countries: fv("FR", 1)},
		{name: "text filter applies to all", f: FacetFilters{Text: FilterValues{Languages: []string{"fr"}}}, total: 1,
			languages: fv("fr", 1), sources: fv("1", 1), countries: fv("FR", 1)},
		{name: "theme filter matches slugs and roots", f: FacetFilters{Facet: FilterValues{Themes: []string{"employment"}}}, total: 1,
			languages: fv("en", 1), sources: fv("1", 1), countries: fv("AT", 1, "DE", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hits *roaring.Bitmap
			if tc.hits != nil {
				hits = roaring.BitmapOf(tc.hits...)
			}
			total, facets := x.Count(hits, tc.not, tc.f)
			if total != tc.total {
				t.Errorf("total = %d, want %d", total, tc.total)
			}
			for name, want := range map[string][]catalog.FacetValue{catalog.FacetLanguage: tc.languages,
				catalog.FacetSource: tc.sources, catalog.FacetCountry: tc.countries} {
				if diff := cmp.Diff(want, facets[name]); diff != "" {
					t.Errorf("facet %s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
	if BuildFacetIndex("", []FacetRow{{ID: MaxFacetID + 1}}) != nil {
		t.Error("BuildFacetIndex took an ID over MaxFacetID")
	}
}

// BenchmarkFacetIndexCount counts the seven facets of a broad query (60%
// of the documents) in a catalog of a million, as the stores do after
// reading the hits.
func BenchmarkFacetIndexCount(b *testing.B) {
	const n = 1_000_000
	r := rand.New(rand.NewPCG(1, 2))
	langs := []string{"en", "es", "fr", "de", "el", "pl", "it", "nl", "pt", "sv", "fi", "hu"}
	rows := make([]FacetRow, n)
	hits := roaring.New()
	for i := range rows {
		th := catalog.Themes[r.IntN(len(catalog.Themes))]
		sub := th.Sub[r.IntN(len(th.Sub))].Slug
		rows[i] = FacetRow{ID: int64(i + 1), Language: langs[r.IntN(len(langs))],
			ContentType: catalog.ContentTypes[r.IntN(len(catalog.ContentTypes))].Slug, SourceID: int64(r.IntN(10)),
			Year: fmt.Sprint(2022 + r.IntN(4)), ThemeRoots: []string{th.Slug}, Subthemes: []string{sub},
			Themes: []string{th.Slug, sub}, Countries: []string{catalog.Countries[r.IntN(len(catalog.Countries))].Slug},
			Collapsed: r.IntN(50) > 0}
		if r.IntN(10) < 6 {
			hits.Add(uint32(i + 1))
		}
	}
	x := BuildFacetIndex("", rows)
	f := FacetFilters{Facet: FilterValues{Languages: []string{"en", "fr", "de"}}}
	b.ResetTimer()
	var total int
	for b.Loop() {
		total, _ = x.Count(hits, false, f)
	}
	b.ReportMetric(float64(total), "hits")
}
