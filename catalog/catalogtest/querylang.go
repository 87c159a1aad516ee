package catalogtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testQueryLanguage runs the query language of catalog/search over the
// corpus: both stores must give the same answers.
func testQueryLanguage(t *testing.T, s Store, c *corpus) {
	for _, tc := range []struct {
		name string
		q    catalog.Query
		want []string // sorted
	}{
		{"phrase", catalog.Query{Text: `"labour market"`}, []string{"d4"}},
		{"phrase in another order", catalog.Query{Text: `"market labour"`}, nil},
		{"phrase, folded", catalog.Query{Text: `"MERCADO laboral"`}, []string{"d1"}},
		{"phrase with a prefix", catalog.Query{Text: `"mercado lab*"`}, []string{"d1"}},
		{"unclosed phrase", catalog.Query{Text: `"labour market`}, []string{"d4"}},
		{"OR", catalog.Query{Text: "housing OR volunteering"}, []string{"d3", "d4", "d7"}},
		{"OR of groups", catalog.Query{Text: "(housing vienna) OR (volunteering ireland)"}, []string{"d3", "d7"}},
		{"NOT", catalog.Query{Text: "housing NOT vienna"}, []string{"d4"}},
		{"minus", catalog.Query{Text: "(housing OR volunteering) -vienna"}, []string{"d4", "d7"}},
		{"negations only", catalog.Query{Text: "-integr* -housing"}, []string{"d2", "d7"}},
		{"prefix and filter", catalog.Query{Text: "integr* lang:de"}, []string{"d5"}},
		{"filter with two values", catalog.Query{Text: "integr* lang:de,FR"}, []string{"d5", "d6"}},
		{"text filter and query filter both apply", catalog.Query{Text: "integr* lang:de", Languages: []string{"fr"}}, nil},
		{"type", catalog.Query{Text: "type:report"}, []string{"d1", "d4"}},
		{"country", catalog.Query{Text: "country:de"}, []string{"d4", "d5"}},
		{"sub-theme", catalog.Query{Text: "theme:employment"}, []string{"d1", "d4"}},
		{"theme takes in its sub-themes", catalog.Query{Text: "theme:economic-participation"}, []string{"d1", "d4"}},
		{"theme filter of the query too", catalog.Query{Themes: []string{"social-cohesion"}}, []string{"d3"}},
		{"sub-theme filter", catalog.Query{Subthemes: []string{"housing", "volunteering"}}, []string{"d3", "d7"}},
		{"source", catalog.Query{Text: fmt.Sprintf("source:%d housing", c.sources["B"].ID)}, []string{"d4"}},
		{"year", catalog.Query{Text: "published:2024"}, []string{"d1", "d2", "d4"}},
		{"date range", catalog.Query{Text: "published:2023-06..2023-12"}, []string{"d3", "d5"}},
		{"open range", catalog.Query{Text: "published:..2022"}, []string{"d7"}},
		{"stop words are not required", catalog.Query{Text: "the employment of refugees"}, []string{"d4"}},
		{"a stop word alone is required", catalog.Query{Text: "the"}, []string{"d3"}},
		{"stems of the filter's language only", catalog.Query{Text: "hous", Languages: []string{"de"}}, nil},
		{"unknown field is words", catalog.Query{Text: "title:housing"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatalf("Search(%q): %v", tc.q.Text, err)
			}
			got := c.keys(res.Hits)
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
				t.Errorf("Search(%q) (-want +got):\n%s", tc.q.Text, diff)
			}
			if res.Total != len(tc.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tc.want))
			}
		})
	}
	for _, text := range []string{"a OR -b", "(lang:fr housing)", "housing OR lang:fr", "published:soon",
		"source:x", strings.Repeat("word ", 33), strings.Repeat("(", 9) + "a", strings.Repeat("x", 2001)} {
		t.Run("refused "+text[:min(len(text), 20)], func(t *testing.T) {
			_, err := s.Search(t.Context(), catalog.Query{Text: text})
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Errorf("Search(%q) error = %v, want ErrInvalid", text, err)
			}
		})
	}
}

func testSuggestion(t *testing.T, s Store) {
	for _, tc := range []struct{ text, want string }{
		{"hosing", "housing"},
		{"Vienan", "vienna"},
		{"vienna hosing", "vienna housing"},
		{"housing", ""},        // found: no suggestion
		{"zzzzzzzz", ""},       // nothing close
		{"hosing lang:fr", ""}, // found nothing, but "housing" would find nothing either
		{"refugess", "refugees"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			res, err := s.Search(t.Context(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if res.Suggestion != tc.want {
				t.Errorf("Suggestion = %q, want %q", res.Suggestion, tc.want)
			}
		})
	}
}

// testFreshness checks the orderings relevance must keep: at equal text
// relevance the newer first; a title match above a body match even when
// the title match is years older.
func testFreshness(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	src := mustSource(t, s, feed("https://fresh.example/feed"))
	now := time.Now().UTC()
	keyOf := map[int64]string{}
	for _, d := range []struct {
		key, title, text string
		published        time.Time
	}{
		{"old", "Orientation courses", "A programme.", now.AddDate(-6, 0, 0)},
		{"new", "Orientation courses", "A programme.", now.AddDate(0, -1, 0)},
		{"mid", "Orientation courses", "A programme.", now.AddDate(-2, 0, 0)},
		{"old title", "Mentoring schemes", "Volunteers.", now.AddDate(-8, 0, 0)},
		{"new body", "Volunteers", "Mentoring of newcomers by volunteers.", now.AddDate(0, 0, -3)},
	} {
		doc := mustUpsert(t, s, catalog.Document{SourceID: src.ID, Key: d.key, Title: d.title, Text: d.text,
			Language: "en", Published: d.published}, catalog.Created)
		keyOf[doc.ID] = d.key
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"orientation", []string{"new", "mid", "old"}},
		{"mentoring", []string{"old title", "new body"}},
	} {
		res, err := s.Search(t.Context(), catalog.Query{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, keyOf[h.ID])
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Search(%q) order (-want +got):\n%s", tc.text, diff)
		}
	}
}

func testDeadline(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	src := mustSource(t, s, feed("https://calls.example/feed"))
	keyOf := map[int64]string{}
	for _, d := range []struct {
		key      string
		deadline time.Time // zero: not a funding call
	}{
		{"late", day(2027, 3, 1)}, {"none", time.Time{}}, {"soon", day(2026, 12, 1)}, {"open-ended", time.Time{}},
	} {
		doc := catalog.Document{SourceID: src.ID, Key: d.key, Title: "Call for proposals " + d.key,
			ContentType: "funding", Published: day(2026, 1, 1)}
		if d.key != "none" {
			doc.Funding = &catalog.Funding{Programme: "AMIF", Deadline: d.deadline}
		}
		keyOf[mustUpsert(t, s, doc, catalog.Created).ID] = d.key
	}
	res, err := s.Search(t.Context(), catalog.Query{Text: "call", Sort: catalog.SortDeadline})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, keyOf[h.ID])
	}
	// Without a deadline: newest first, ties by ID descending.
	if diff := cmp.Diff([]string{"soon", "late", "open-ended", "none"}, got); diff != "" {
		t.Errorf("by deadline (-want +got):\n%s", diff)
	}
}

// expander is a test double of the multilingual vocabulary.
type expander map[string][]catalog.Equivalent

func (e expander) Expand(word, lang string) []catalog.Equivalent { return e[word] }

func testExpander(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	c := loadCorpus(t, s)
	s.SetExpander(expander{
		"vivienda":   {{Language: "en", Text: "housing"}},
		"wohnung":    {{Language: "en", Text: "affordable homes"}},
		"sprachkurs": {{Language: "el", Text: "Μαθήματα"}, {Language: "fr", Text: "intégration"}},
		// Several words naming one entry, as the expander is asked them:
		// folded, separated by spaces.
		"marche du travail":   {{Language: "es", Text: "mercado laboral"}, {Language: "en", Text: "labour market"}},
		"logement abordable":  {{Language: "en", Text: "homes affordable"}},
		"cours d integration": {{Language: "de", Text: "Integrationsk", Prefix: true}},
	})
	for _, tc := range []struct {
		q    catalog.Query
		want []string
	}{
		{catalog.Query{Text: "vivienda"}, []string{"d3", "d4"}},
		{catalog.Query{Text: "vivienda", NoExpand: true}, nil},
		{catalog.Query{Text: "wohnung"}, []string{"d3"}}, // an equivalent phrase
		{catalog.Query{Text: "sprachkurs"}, []string{"d2", "d5", "d6"}},
		{catalog.Query{Text: "sprachkurs lang:el"}, []string{"d2"}},
		{catalog.Query{Text: "sprachkurs*"}, []string{"d5"}}, // prefixes are not expanded
		// Words that together name an entry find its equivalents, in
		// the other languages, as groups of words…
		{catalog.Query{Text: "marché du travail"}, []string{"d1", "d4"}},
		{catalog.Query{Text: "Marché du travail", NoExpand: true}, nil},
		{catalog.Query{Text: "housing marché du travail"}, []string{"d4"}},
		{catalog.Query{Text: "logement abordable"}, []string{"d3"}},
		{catalog.Query{Text: "cours d'intégration"}, []string{"d5"}},
		{catalog.Query{Text: "cours -d'intégration"}, nil},
		// … and, quoted, as phrases.
		{catalog.Query{Text: `"marché du travail"`}, []string{"d1", "d4"}},
		{catalog.Query{Text: `"logement abordable"`}, nil},
	} {
		res, err := s.Search(t.Context(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		got := c.keys(res.Hits)
		slices.Sort(got)
		if diff := cmp.Diff(tc.want, got, equateEmpty); diff != "" {
			t.Errorf("Search(%q, NoExpand %v) (-want +got):\n%s", tc.q.Text, tc.q.NoExpand, diff)
		}
	}
	testExpandedRanking(t, s, c)
	s.SetExpander(nil)
	if res, err := s.Search(t.Context(), catalog.Query{Text: "vivienda"}); err != nil || res.Total != 0 {
		t.Errorf("Search after SetExpander(nil) = %v, %v; want no hits", res, err)
	}
}

// testReindex checks that rebuilding the index changes no answer.
func testReindex(t *testing.T, s Store, c *corpus) {
	queries := []catalog.Query{{}, {Text: "housing"}, {Text: "integr*"}, {Text: `"labour market"`},
		{Text: "hous"}, {Text: "-housing"}, {Text: "migrants", Languages: []string{"en"}},
		{Text: "hosing"}, {Text: "theme:employment"}, {Text: "ελληνικα"}}
	before := answers(t, s, queries)
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatalf("Reindex again: %v", err)
	}
	if diff := cmp.Diff(before, answers(t, s, queries)); diff != "" {
		t.Errorf("answers after Reindex (-before +after):\n%s", diff)
	}
	if n := mustCount(t, s); n != len(c.docs) {
		t.Errorf("CountDocuments after Reindex = %d", n)
	}
}

// answers are s's results for queries, in order.
func answers(t *testing.T, s Store, queries []catalog.Query) []*catalog.Result {
	t.Helper()
	var out []*catalog.Result
	for _, q := range queries {
		res, err := s.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res)
	}
	return out
}

// testExpandedRanking checks the order of hits found through equivalents
// (see search.Scoring): the words as typed rank above an equivalent, and
// title above body still holds for equivalents.
func testExpandedRanking(t *testing.T, s Store, c *corpus) {
	s.SetExpander(expander{
		"vivienda": {{Language: "en", Text: "housing"}},
		// d2's title holds an equivalent, d5's the word typed; d2 is
		// newer.
		"integrationskurse": {{Language: "el", Text: "μαθήματα"}},
	})
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"vivienda", []string{"d3", "d4"}},
		{"integrationskurse", []string{"d5", "d2"}},
	} {
		res, err := s.Search(t.Context(), catalog.Query{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, c.keys(res.Hits)); diff != "" {
			t.Errorf("Search(%q): hits in order (-want +got):\n%s", tc.text, diff)
		}
	}
}
