package search_test

import (
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/search"
)

// BenchmarkAttachSnippets snippets a page of 20 synthetic documents of the
// scale benchmark for a common word, as a broad search does: most hold it
// in their body alone, some nowhere but in their title.
func BenchmarkAttachSnippets(b *testing.B) {
	p, err := search.Parse("kamipe", search.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	m := search.Resolve(p.Root, nil, nil)
	var hits []catalog.Hit
	bodies := map[int64]string{}
	for i := range 20 {
		d := catalogtest.SyntheticDocument(1, i)
		hits = append(hits, catalog.Hit{ID: int64(i), Language: d.Language, Summary: d.Summary})
		bodies[int64(i)] = d.Text
	}
	for b.Loop() {
		search.AttachSnippets(hits, m, bodies)
	}
}
