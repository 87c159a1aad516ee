package sqlite_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/sqlite"
)

// FuzzSearchText checks that no query text makes Search panic or fail
// other than with ErrInvalid (the query language refusing it), that no
// search takes longer than the store's timeout, and that what it returns
// is coherent.
func FuzzSearchText(f *testing.F) {
	for _, q := range catalogtest.HostileQueries() {
		f.Add(q)
	}
	s := mustOpen(f)
	src := &catalog.Source{Kind: catalog.KindFeed, URL: "https://fuzz.example/feed", Name: "Fuzz"}
	if err := s.CreateSource(f.Context(), src); err != nil {
		f.Fatal(err)
	}
	for i := range 50 {
		d := catalogtest.SyntheticDocument(src.ID, i)
		if _, err := s.UpsertDocument(f.Context(), &d); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, sort := range []catalog.Sort{catalog.SortRelevance, catalog.SortDate} {
			start := time.Now()
			res, err := s.Search(t.Context(), catalog.Query{Text: text, Sort: sort, Languages: []string{text}})
			if d := time.Since(start); d > sqlite.DefaultSearchTimeout {
				t.Fatalf("Search(%q) took %v", text, d)
			}
			if errors.Is(err, catalog.ErrInvalid) {
				continue
			}
			if err != nil {
				t.Fatalf("Search(%q, %s, language %q): %v", text, sort, text, err)
			}
			if res.Total < len(res.Hits) || len(res.Hits) > catalog.DefaultLimit {
				t.Fatalf("Search(%q): Total %d with %d hits", text, res.Total, len(res.Hits))
			}
			res, err = s.Search(t.Context(), catalog.Query{Text: text, Sort: sort})
			if errors.Is(err, catalog.ErrInvalid) {
				continue
			}
			if err != nil {
				t.Fatalf("Search(%q, %s): %v", text, sort, err)
			}
			if res.Total < len(res.Hits) || len(res.Hits) > catalog.DefaultLimit {
				t.Fatalf("Search(%q): Total %d with %d hits", text, res.Total, len(res.Hits))
			}
		}
	})
}
