package postgres_test

import (
	"cmp"
	"flag"
	"os"
	"testing"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/ewsi/hub/catalog/search"
	"github.com/ewsi/hub/internal/testenv"
)

var (
	scaleDocs    = flag.Int("scale.docs", 0, "documents of BenchmarkScale's catalog; 0 skips it")
	scaleBatch   = flag.Int("scale.batch", 500, "documents per UpsertDocuments call while loading; 1 loads one by one")
	scaleWriters = flag.Int("scale.writers", 0, "goroutines loading documents; 0 for the store's default")
	scaleSQL     = flag.Bool("scale.sql", false, "count facets in SQL, without the facet index")
	scaleReindex = flag.Bool("scale.reindex", true, "after loading, time Reindex too")
	scaleCopies  = flag.Int("scale.copies", 0, "with -scale.schema holding -scale.docs/N documents (loaded by a run before), copy them N-1 times in SQL before measuring: query figures at a size that takes hours to load")
	scaleSchema  = flag.String("scale.schema", "", "a schema to build the catalog in and keep, to study its plans afterwards; a catalog of -scale.docs documents already there is measured without loading it again")
)

// BenchmarkScale builds a synthetic catalog of -scale.docs documents and
// prints indexing throughput, index size, search latencies and queries
// per second at 16 clients; see docs/search.md for the command and the
// figures:
//
//	go test -run XXX -bench Scale -benchtime 1x ./catalog/postgres/ -scale.docs=10000
func BenchmarkScale(b *testing.B) {
	if *scaleDocs == 0 {
		b.Skip("set -scale.docs")
	}
	for b.Loop() {
		s := openScaleStore(b)
		if *scaleSchema != "" {
			if *scaleCopies > 1 {
				if err := copyCatalog(b.Context(), testenv.PostgresURL(b), *scaleSchema, *scaleDocs, *scaleCopies); err != nil {
					b.Fatal(err)
				}
			}
		}
		catalogtest.BenchScale(b, s, catalogtest.ScaleOptions{
			Docs: *scaleDocs, Writers: cmp.Or(*scaleWriters, 4), Batch: *scaleBatch, Clients: 16, Runs: 60, Size: s.IndexSize, Out: os.Stdout,
			Facets: s.SetFacetMode, FacetMode: facetMode(), Forget: func() { postgres.ForgetCounts(s) }, Reuse: *scaleSchema != "", Reindex: *scaleReindex,
			Stale: func() error { return postgres.Exec(s, `UPDATE documents SET search_head = ''::tsvector`) },
		})
	}
}

// openScaleStore opens the store of a benchmark's catalog: in
// -scale.schema, kept, or in a schema of its own that goes with the test.
func openScaleStore(b *testing.B) *postgres.Store {
	if *scaleSchema == "" {
		return mustOpen(b)
	}
	s, err := postgres.Open(b.Context(), testenv.PostgresURL(b), postgres.WithSchema(*scaleSchema))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func facetMode() search.FacetMode {
	if *scaleSQL {
		return search.FacetsOff
	}
	return search.FacetsBackground
}
