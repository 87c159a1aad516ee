package harvester

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// BenchmarkHarvestFixtureWeb harvests every feed of the fixture web into a
// fresh embedded catalog per iteration: fetch, parse, normalise (language
// detection included) and store. It reports documents per second.
func BenchmarkHarvestFixtureWeb(b *testing.B) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	sharedNormalizer(b)
	ctx := context.Background()
	docs := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		store := newStore(b)
		h := newHarvester(b, store)
		var ids []int64
		for _, src := range fixtureweb.Sources(web.URL) {
			if src.Kind == catalog.KindFeed {
				ids = append(ids, addSource(b, store, src))
			}
		}
		b.StartTimer()
		for _, id := range ids {
			o, err := h.HarvestSource(ctx, id)
			if err != nil || o.Err != "" {
				b.Fatalf("source %d: %v %s", id, err, o.Err)
			}
			docs += o.New
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
}
