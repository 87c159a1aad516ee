package postgres

import (
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
)

// BenchmarkDerive derives batches of 500 synthetic documents on every
// core, as UpsertDocuments does before writing them: the Go side of a
// load's CPU (analysis, vectors, hash and signature), which shares two
// cores with the server on this project's machines. It reports the
// documents derived per second.
func BenchmarkDerive(b *testing.B) {
	docs := make([]*catalog.Document, 500)
	next := 0
	for b.Loop() {
		b.StopTimer()
		for i := range docs {
			d := catalogtest.SyntheticDocument(int64(1+next%10), next)
			docs[i] = &d
			next++
		}
		b.StartTimer()
		deriveAll(docs)
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}
