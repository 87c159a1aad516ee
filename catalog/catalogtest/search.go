package catalogtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// corpus is a small multilingual catalog that the search tests query: three
// sources, seven documents. Words were chosen so that each case below has
// one right answer.
type corpus struct {
	sources map[string]catalog.Source   // by letter: A, B, C
	docs    map[string]catalog.Document // by key: d1 … d7
	keyOf   map[int64]string
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 30, 0, 0, time.UTC) }

func loadCorpus(t *testing.T, s Store) *corpus {
	t.Helper()
	c := &corpus{sources: map[string]catalog.Source{}, docs: map[string]catalog.Document{}, keyOf: map[int64]string{}}
	for _, src := range []struct{ letter, name string }{
		{"A", "Migration Observatory"}, {"B", "Ministry of Labour"}, {"C", "Civil Society Network"},
	} {
		c.sources[src.letter] = mustSource(t, s, catalog.Source{
			Kind: catalog.KindFeed, URL: "https://" + src.letter + ".example/feed", Name: src.name,
		})
	}
	for _, d := range []struct {
		key, src, title, summary, text, lang, ctype string
		themes, countries                           []string
		published                                   time.Time
	}{
		{"d1", "A", "Integración de los migrantes en el mercado laboral", "Informe anual sobre el empleo.",
			"El mercado laboral español y la integración.", "es", "report",
			[]string{"employment"}, []string{"ES"}, day(2024, 1, 10)},
		{"d2", "B", "Ελληνικά μαθήματα για πρόσφυγες", "",
			"Δωρεάν μαθήματα γλώσσας.", "el", "news",
			[]string{"language-competencies"}, []string{"GR"}, day(2024, 2, 1)},
		{"d3", "A", "Housing for migrants in Vienna", "A case study of affordable homes.",
			"The city offers flats to newcomers.", "en", "case-study",
			[]string{"housing"}, []string{"AT"}, day(2023, 11, 5)},
		{"d4", "B", "Employment of refugees", "Labour market report.",
			"This report mentions housing only in passing.", "en", "report",
			[]string{"employment"}, []string{"DE", "EU"}, day(2024, 3, 1)},
		{"d5", "A", "Integrationskurse in Deutschland", "Sprachkurse für Zugewanderte.",
			"Kurse zur Integration.", "de", "project",
			[]string{"language-competencies", "civic-education"}, []string{"DE"}, day(2023, 6, 15)},
		{"d6", "C", "Intégration des réfugiés en France", "",
			"Politique d'intégration.", "fr", "policy-paper",
			nil, []string{"FR"}, time.Time{}},
		{"d7", "C", "Volunteering in Ireland", "Citizens help migrants settle.",
			"", "en", "news",
			[]string{"volunteering"}, []string{"IE"}, day(2022, 5, 5)},
	} {
		doc := mustUpsert(t, s, catalog.Document{
			SourceID: c.sources[d.src].ID, Key: d.key, URL: "https://" + d.src + ".example/" + d.key,
			Title: d.title, Summary: d.summary, Text: d.text, Language: d.lang, ContentType: d.ctype,
			Themes: d.themes, Countries: d.countries, Published: d.published, Harvested: t0,
		}, catalog.Created)
		c.docs[d.key] = doc
		c.keyOf[doc.ID] = d.key
	}
	return c
}

// keys returns the keys of the hits, in order.
func (c *corpus) keys(hits []catalog.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, c.keyOf[h.ID])
	}
	return out
}

// byDate is the corpus newest first, the undated d6 last.
var byDate = []string{"d4", "d2", "d1", "d3", "d5", "d7", "d6"}

func testSearch(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	c := loadCorpus(t, s)
	t.Run("Text", func(t *testing.T) { testSearchText(t, s, c) })
	t.Run("Ranking", func(t *testing.T) { testSearchRanking(t, s, c) })
	t.Run("Hostile", func(t *testing.T) { testSearchHostile(t, s, c) })
	t.Run("Filters", func(t *testing.T) { testSearchFilters(t, s, c) })
	t.Run("Facets", func(t *testing.T) { testSearchFacets(t, s, c) })
	t.Run("Paging", func(t *testing.T) { testSearchPaging(t, s, c) })
	t.Run("Hit", func(t *testing.T) { testSearchHit(t, s, c) })
	t.Run("LimitCapped", func(t *testing.T) { testSearchLimit(t, open) })
	t.Run("QueryLanguage", func(t *testing.T) { testQueryLanguage(t, s, c) })
	t.Run("Suggestion", func(t *testing.T) { testSuggestion(t, s) })
	t.Run("Freshness", func(t *testing.T) { testFreshness(t, open) })
	t.Run("Tiers", func(t *testing.T) { testTiers(t, open) })
	t.Run("Deadline", func(t *testing.T) { testDeadline(t, open) })
	t.Run("Expander", func(t *testing.T) { testExpander(t, open) })
	t.Run("Reindex", func(t *testing.T) { testReindex(t, s, c) })
	t.Run("Timeout", func(t *testing.T) {
		s.SetSearchTimeout(time.Nanosecond)
		defer s.SetSearchTimeout(0)
		_, err := s.Search(t.Context(), catalog.Query{Text: "integr* OR housing"})
		wantErr(t, "Search with a timeout of 1ns", err, context.DeadlineExceeded)
	})
	t.Run("UnknownSort", func(t *testing.T) {
		_, err := s.Search(t.Context(), catalog.Query{Sort: "popularity"})
		wantErr(t, "Search(sort popularity)", err, catalog.ErrInvalid)
	})
}

func testSearchText(t *testing.T, s Store, c *corpus) {
	for _, tc := range []struct {
		text string
		want []string // sorted: the order of a text search is the ranking's
	}{
		{"housing", []string{"d3", "d4"}},
		{"Housing", []string{"d3", "d4"}},
		{"integracion", []string{"d1"}},
		{"INTEGRACIÓN", []string{"d1"}},
		{"ελληνικα", []string{"d2"}},
		{"ΕΛΛΗΝΙΚΆ", []string{"d2"}},
		{"integration", []string{"d5", "d6"}},
		{"intégration", []string{"d5", "d6"}},
		{"integr*", []string{"d1", "d5", "d6"}},
		{"INTÉGR*", []string{"d1", "d5", "d6"}},
		{"migrant*", []string{"d1", "d3", "d7"}},
		{"migrants", []string{"d3", "d7"}},
		{"migrants housing", []string{"d3"}},
		{"housing migrants vienna", []string{"d3"}},
		{"migrants housing ireland", nil},
		{"citizens", []string{"d7"}},
		{"flats", []string{"d3"}},
		{"integr* réfugiés", []string{"d6"}},
		{"zzzz", nil},
		{"housin", nil},
		// Stems: the word's stem in the document's language matches.
		{"hous", []string{"d3", "d4"}},
		{"integrationskursen", []string{"d5"}},
		{"refugee", []string{"d4"}},
		{"migrant", []string{"d1", "d3", "d7"}},
		{"  housing   ", []string{"d3", "d4"}},
		{"housing, housing; HOUSING!", []string{"d3", "d4"}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			res, err := s.Search(t.Context(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			got := c.keys(res.Hits)
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if res.Total != len(tc.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tc.want))
			}
		})
	}
}

func testSearchRanking(t *testing.T, s Store, c *corpus) {
	for _, tc := range []struct {
		name string
		q    catalog.Query
		want []string
	}{
		// d3 has the word in its title; d4, newer, only in its body.
		{"title above body", catalog.Query{Text: "housing"}, []string{"d3", "d4"}},
		{"title above body, explicit", catalog.Query{Text: "housing", Sort: catalog.SortRelevance}, []string{"d3", "d4"}},
		// d3 has it in its title, d7 in its summary.
		{"title above summary", catalog.Query{Text: "migrants"}, []string{"d3", "d7"}},
		{"date sort ignores rank", catalog.Query{Text: "housing", Sort: catalog.SortDate}, []string{"d4", "d3"}},
		{"no text: newest first", catalog.Query{}, byDate},
		{"no text, date sort", catalog.Query{Sort: catalog.SortDate}, byDate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if diff := cmp.Diff(tc.want, c.keys(res.Hits)); diff != "" {
				t.Errorf("hits in order (-want +got):\n%s", diff)
			}
		})
	}
}

// hostile are query texts that must never make a search fail.
var hostile = []string{
	`"`, `""`, `"""`, `*`, `**`, `* *`, `'`, `''`, `\`, `%`, `_`, `(`, `)`, `()`, `{}`, `[`, `:`, `^`, `-`, `+`, `~`, `!`, `&`, `|`, `@`, `$1`, `?`,
	`NEAR(`, `NEAR(a b`, `NEAR/2`, `a NEAR b`, `"unterminated`, `housing"`, `hous"ing`, `hou*sing`, `*housing`, `housing**`,
	`'; DROP TABLE documents; --`, `'); DELETE FROM sources; --`, `1=1 OR 'a'='a'`, `\'`, `%housing%`,
	`AND OR NOT`, `AND`, `OR`, `NOT`, `NOT housing`, `housing OR`, `housing AND NOT`, `-housing`, `title:housing`, `{title}: x`, `body : x`,
	`housing & | ! <-> :* :A`, `'housing':*`, `housing:*A`, `!!!`, `<->`, `<2>`, `a <-> b`,
	"\x00", "a\x00b", "\xff\xfe\xfd", "caf\xe9", "\u202e\u202d", "\u0301\u0301", "🙂🙂", "\U0010FFFF", "\uFFFD", "\ufeff",
	"日本語のテキスト", "ﾃｽﾄ", "İstanbul ıı", "ǅ", "ß*", "ﬁ", "a\tb\nc\r\n", "\u00a0housing\u2003",
}

func testSearchHostile(t *testing.T, s Store, c *corpus) {
	// A text with no usable words is no text: everything, newest first.
	// The query language forgives slips; what it refuses, it refuses
	// with ErrInvalid, never another error.
	for _, text := range hostile {
		t.Run(fmt.Sprintf("%q", text), func(t *testing.T) {
			for _, sort := range []catalog.Sort{catalog.SortRelevance, catalog.SortDate} {
				res, err := s.Search(t.Context(), catalog.Query{Text: text, Sort: sort})
				if errors.Is(err, catalog.ErrInvalid) {
					continue
				}
				if err != nil {
					t.Fatalf("Search(%q, %s): %v", text, sort, err)
				}
				if res == nil || res.Total < len(res.Hits) {
					t.Fatalf("Search(%q) = %+v", text, res)
				}
			}
		})
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{`"`, byDate}, {`*`, byDate}, {`* *`, byDate}, {`()`, byDate}, {"\x00", byDate}, {"\xff\xfe", byDate},
		{"\u0301\u0301", byDate}, {"🙂", byDate},
		{`NEAR(`, nil}, {`AND OR NOT`, byDate}, {`'; DROP TABLE documents; --`, nil},
		{`housing"`, []string{"d3", "d4"}}, {`NOT housing`, []string{"d1", "d2", "d5", "d6", "d7"}},
		{`-housing`, []string{"d1", "d2", "d5", "d6", "d7"}},
		{`title:housing`, nil}, {`"integr*`, []string{"d1", "d5", "d6"}},
		{"\u00a0housing\u2003", []string{"d3", "d4"}},
	} {
		t.Run(fmt.Sprintf("result %q", tc.text), func(t *testing.T) {
			res, err := s.Search(t.Context(), catalog.Query{Text: tc.text, Sort: catalog.SortDate})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			want := slices.Clone(tc.want)
			got := c.keys(res.Hits)
			if !slices.Equal(tc.want, byDate) {
				slices.Sort(want)
				slices.Sort(got)
			}
			if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
		})
	}
	if n := mustCount(t, s); n != len(c.docs) {
		t.Errorf("CountDocuments after hostile searches = %d, want %d", n, len(c.docs))
	}
}

func testSearchFilters(t *testing.T, s Store, c *corpus) {
	a, b := c.sources["A"].ID, c.sources["B"].ID
	for _, tc := range []struct {
		name string
		q    catalog.Query
		want []string // newest first
	}{
		{"language", catalog.Query{Languages: []string{"en"}}, []string{"d4", "d3", "d7"}},
		{"languages", catalog.Query{Languages: []string{"en", "de"}}, []string{"d4", "d3", "d5", "d7"}},
		{"theme", catalog.Query{Themes: []string{"employment"}}, []string{"d4", "d1"}},
		{"themes", catalog.Query{Themes: []string{"housing", "volunteering"}}, []string{"d3", "d7"}},
		{"second theme of a document", catalog.Query{Themes: []string{"civic-education"}}, []string{"d5"}},
		{"type", catalog.Query{ContentTypes: []string{"report"}}, []string{"d4", "d1"}},
		{"types", catalog.Query{ContentTypes: []string{"news", "project"}}, []string{"d2", "d5", "d7"}},
		{"country", catalog.Query{Countries: []string{"DE"}}, []string{"d4", "d5"}},
		{"second country of a document", catalog.Query{Countries: []string{"EU"}}, []string{"d4"}},
		{"source", catalog.Query{SourceIDs: []int64{a}}, []string{"d1", "d3", "d5"}},
		{"sources", catalog.Query{SourceIDs: []int64{a, b}}, []string{"d4", "d2", "d1", "d3", "d5"}},
		{"from", catalog.Query{From: day(2024, 1, 10)}, []string{"d4", "d2", "d1"}},
		{"until, inclusive", catalog.Query{Until: day(2023, 6, 15)}, []string{"d5", "d7"}},
		{"from and until", catalog.Query{From: day(2023, 1, 1).In(cet), Until: day(2023, 12, 31)}, []string{"d3", "d5"}},
		{"from after until", catalog.Query{From: day(2024, 1, 1), Until: day(2023, 1, 1)}, nil},
		{"all filters", catalog.Query{Languages: []string{"en"}, Themes: []string{"employment"},
			ContentTypes: []string{"report"}, Countries: []string{"EU"}, SourceIDs: []int64{b},
			From: day(2024, 1, 1), Until: day(2024, 12, 31)}, []string{"d4"}},
		{"filters exclude each other", catalog.Query{Languages: []string{"es"}, Countries: []string{"DE"}}, nil},
		{"text and filter", catalog.Query{Text: "integr*", Languages: []string{"de", "fr"}, Sort: catalog.SortDate}, []string{"d5", "d6"}},
		{"text and source", catalog.Query{Text: "housing", SourceIDs: []int64{b}}, []string{"d4"}},
		{"unknown language", catalog.Query{Languages: []string{"xx"}}, nil},
		{"unknown source", catalog.Query{SourceIDs: []int64{424242}}, nil},
		{"hostile filter values", catalog.Query{Languages: []string{"\x00", "\xff", "'; DROP TABLE documents; --"},
			Themes: []string{"\"", "%"}, Countries: []string{"*"}, ContentTypes: []string{"\\"}}, nil},
		{"empty filter value", catalog.Query{Languages: []string{""}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if diff := cmp.Diff(tc.want, c.keys(res.Hits), equateEmpty); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if res.Total != len(tc.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tc.want))
			}
		})
	}
}

func testSearchPaging(t *testing.T, s Store, c *corpus) {
	for _, tc := range []struct {
		limit, offset int
		want          []string
	}{
		{3, 0, byDate[0:3]},
		{3, 3, byDate[3:6]},
		{3, 6, byDate[6:]},
		{3, 9, nil},
		{0, 0, byDate},                  // 0: the default limit
		{-5, -5, byDate},                // negatives: the defaults
		{1, catalog.MaxOffset + 1, nil}, // clamped to MaxOffset
		{catalog.MaxLimit * 10, 2, byDate[2:]},
	} {
		t.Run(fmt.Sprintf("limit %d offset %d", tc.limit, tc.offset), func(t *testing.T) {
			res, err := s.Search(t.Context(), catalog.Query{Limit: tc.limit, Offset: tc.offset})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if diff := cmp.Diff(tc.want, c.keys(res.Hits), equateEmpty); diff != "" {
				t.Errorf("page (-want +got):\n%s", diff)
			}
			if res.Total != len(c.docs) {
				t.Errorf("Total = %d, want %d", res.Total, len(c.docs))
			}
		})
	}
	t.Run("text pages", func(t *testing.T) {
		var got []string
		for off := 0; off < 3; off++ {
			res, err := s.Search(t.Context(), catalog.Query{Text: "integr*", Limit: 1, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 3 || len(res.Hits) != 1 {
				t.Fatalf("offset %d: Total %d, %d hits; want 3, 1", off, res.Total, len(res.Hits))
			}
			got = append(got, c.keys(res.Hits)...)
		}
		slices.Sort(got)
		if diff := cmp.Diff([]string{"d1", "d5", "d6"}, got); diff != "" {
			t.Errorf("pages of one hit (-want +got):\n%s", diff)
		}
	})
}

func testSearchHit(t *testing.T, s Store, c *corpus) {
	res, err := s.Search(t.Context(), catalog.Query{Text: "vienna"})
	if err != nil {
		t.Fatal(err)
	}
	d := c.docs["d3"]
	want := []catalog.Hit{{
		ID: d.ID, SourceID: d.SourceID, SourceName: "Migration Observatory", Title: d.Title, URL: d.URL,
		Summary: d.Summary, Language: "en", ContentType: "case-study", Themes: []string{"housing"},
		Countries: []string{"AT"}, Published: d.Published,
	}}
	if diff := cmp.Diff(want, res.Hits, equateEmpty); diff != "" {
		t.Errorf("hit (-want +got):\n%s", diff)
	}
	checkUTC(t, "hit", res.Hits[0].Published)
	testSnippets(t, s, c)
	res, err = s.Search(t.Context(), catalog.Query{Text: "réfugiés en france"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || !res.Hits[0].Published.IsZero() || res.Hits[0].Themes != nil {
		t.Errorf("undated hit without themes = %+v; want zero Published, nil Themes", res.Hits)
	}
}

func testSearchLimit(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	src := mustSource(t, s, feed("https://many.example/feed"))
	const n = catalog.MaxLimit + 5
	for i := range n {
		d := doc(src.ID, fmt.Sprintf("many-%03d", i))
		d.Published = t0.Add(time.Duration(i) * time.Minute)
		mustUpsert(t, s, d, catalog.Created)
	}
	for _, q := range []catalog.Query{{Limit: 1000}, {Text: "body", Limit: 1000}} {
		res, err := s.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != n || len(res.Hits) != catalog.MaxLimit {
			t.Errorf("Search(%+v): Total %d, %d hits; want %d, %d", q, res.Total, len(res.Hits), n, catalog.MaxLimit)
		}
	}
	res, err := s.Search(t.Context(), catalog.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != catalog.DefaultLimit || res.Hits[0].Title != "Title of many-104" {
		t.Errorf("default page: %d hits, first %q; want %d, newest first", len(res.Hits), res.Hits[0].Title, catalog.DefaultLimit)
	}
}

// testSnippets checks the passages of hits: from the summary when it
// matches, else the body; in the document's language, stems included.
func testSnippets(t *testing.T, s Store, c *corpus) {
	for _, tc := range []struct {
		text string
		want map[string]catalog.Snippet
	}{
		{"vienna", map[string]catalog.Snippet{"d3": {}}}, // in the title only
		{"flats", map[string]catalog.Snippet{"d3": {Text: "The city offers flats to newcomers.",
			Marks: []catalog.Span{{Start: 16, End: 21}}}}},
		{"affordable OR passing", map[string]catalog.Snippet{
			"d3": {Text: "A case study of affordable homes.", Marks: []catalog.Span{{Start: 16, End: 26}}},
			"d4": {Text: "This report mentions housing only in passing.", Marks: []catalog.Span{{Start: 37, End: 44}}},
		}},
		{"report", map[string]catalog.Snippet{ // stem: "report" marks "Report" and "report"
			"d4": {Text: "Labour market report.", Marks: []catalog.Span{{Start: 14, End: 20}}},
		}},
		{"emplois -housing", map[string]catalog.Snippet{}},
		{"kurs*", map[string]catalog.Snippet{
			"d5": {Text: "Kurse zur Integration.", Marks: []catalog.Span{{Start: 0, End: 5}}},
		}},
		{"σπίτι OR μαθήματα", map[string]catalog.Snippet{
			"d2": {Text: "Δωρεάν μαθήματα γλώσσας.", Marks: []catalog.Span{{Start: 13, End: 29}}},
		}},
	} {
		t.Run(tc.text, func(t *testing.T) {
			res, err := s.Search(t.Context(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]catalog.Snippet{}
			for _, h := range res.Hits {
				got[c.keyOf[h.ID]] = h.Snippet
			}
			if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
				t.Errorf("snippets (-want +got):\n%s", diff)
			}
		})
	}
}
