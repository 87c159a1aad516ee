package sqlite_test

import (
	"cmp"
	"flag"
	"os"
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/search"
	"github.com/ewsi/hub/catalog/sqlite"
)

var (
	scaleDocs    = flag.Int("scale.docs", 0, "documents of BenchmarkScale's catalog; 0 skips it")
	scaleBatch   = flag.Int("scale.batch", 500, "documents per UpsertDocuments call while loading; 1 loads one by one")
	scaleWriters = flag.Int("scale.writers", 0, "goroutines loading documents; 0 for the store's default")
	scaleSQL     = flag.Bool("scale.sql", false, "count facets in SQL, without the facet index")
	scaleReindex = flag.Bool("scale.reindex", true, "after loading, time Reindex too")
	scalePath    = flag.String("scale.path", "", "a file to build the catalog in and keep; a catalog of -scale.docs documents already there is measured without loading it again")
)

// BenchmarkScale builds a synthetic catalog of -scale.docs documents and
// prints indexing throughput, index size and search latencies; see
// docs/search.md for the command and the figures:
//
//	go test -run XXX -bench Scale -benchtime 1x ./catalog/sqlite/ -scale.docs=10000
func BenchmarkScale(b *testing.B) {
	if *scaleDocs == 0 {
		b.Skip("set -scale.docs")
	}
	for b.Loop() {
		s := mustOpen(b)
		if *scalePath != "" {
			var err error
			if s, err = sqlite.Open(b.Context(), *scalePath); err != nil {
				b.Fatal(err)
			}
			defer s.Close()
		}
		catalogtest.BenchScale(b, s, catalogtest.ScaleOptions{
			Docs: *scaleDocs, Writers: cmp.Or(*scaleWriters, 2), Batch: *scaleBatch, Runs: 60, Size: s.IndexSize, Out: os.Stdout,
			Facets: s.SetFacetMode, FacetMode: facetMode(), Forget: func() { sqlite.ForgetCounts(s) }, Reuse: *scalePath != "", Reindex: *scaleReindex,
		})
	}
}

func facetMode() search.FacetMode {
	if *scaleSQL {
		return search.FacetsOff
	}
	return search.FacetsBackground
}
