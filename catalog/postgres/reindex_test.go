package postgres_test

import (
	"fmt"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
)

// TestReindexWritesWhatDiffers checks that Reindex rewrites the rows
// whose derived columns are wrong, and leaves the others as they are.
func TestReindexWritesWhatDiffers(t *testing.T) {
	s := mustOpen(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://reindex.example/feed", Name: "s"}
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatal(err)
	}
	var docs []*catalog.Document
	for i := range 3 {
		d := catalogtest.SyntheticDocument(src.ID, i)
		docs = append(docs, &d)
	}
	if _, err := s.UpsertDocuments(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	word := docs[0].Title[:6]
	total := func(q catalog.Query) int {
		t.Helper()
		res, err := s.Search(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	want := total(catalog.Query{Text: word})
	theme := docs[1].Themes[0]
	wantTheme := total(catalog.Query{Text: "theme:" + theme})
	versions := func() map[string]string {
		t.Helper()
		got, err := postgres.QueryPairs(t.Context(), s, `SELECT id::text, xmin::text FROM documents`)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	stale := []string{
		fmt.Sprintf(`UPDATE documents SET search = ''::tsvector, search_head = ''::tsvector WHERE id = %d`, docs[0].ID),
		fmt.Sprintf(`UPDATE documents SET theme_roots = '{}' WHERE id = %d`, docs[1].ID),
	}
	for _, q := range stale {
		if err := postgres.Exec(s, q); err != nil {
			t.Fatal(err)
		}
	}
	postgres.ForgetCounts(s)
	if total(catalog.Query{Text: word}) == want && total(catalog.Query{Text: "theme:" + theme}) == wantTheme {
		t.Fatal("the stale rows are still found as before")
	}
	before := versions()
	if err := s.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	after := versions()
	for i, d := range docs {
		id := fmt.Sprint(d.ID)
		if rewritten := before[id] != after[id]; rewritten != (i < 2) {
			t.Errorf("document %d (stale: %v) rewritten: %v", i, i < 2, rewritten)
		}
	}
	if got := total(catalog.Query{Text: word}); got != want {
		t.Errorf("Search(%q).Total after Reindex = %d, want %d", word, got, want)
	}
	if got := total(catalog.Query{Text: "theme:" + theme}); got != wantTheme {
		t.Errorf("theme:%s after Reindex = %d, want %d", theme, got, wantTheme)
	}
}
