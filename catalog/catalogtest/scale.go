package catalogtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// ScaleOptions says how big a catalog BenchScale builds and what it
// measures.
type ScaleOptions struct {
	Docs    int                                      // documents to load
	Writers int                                      // goroutines loading them
	Batch   int                                      // documents per UpsertDocuments call; 0 or 1: UpsertDocument each
	Clients int                                      // concurrent searchers for the throughput figure; 0 skips it
	Runs    int                                      // searches per case for the latency figures
	Size    func(ctx context.Context) (int64, error) // the store's index size on disk
	Out     io.Writer                                // where the figures go
	// Facets, when set, is the store's SetFacetMode: before the queries
	// the benchmark builds the facet index with FacetsSync and times it,
	// then sets FacetMode. Nil leaves the store's default.
	Facets    func(search.FacetMode)
	FacetMode search.FacetMode
	// Forget empties the store's cache of counts (search.CountCache):
	// finding the words of each case searches them, which would
	// otherwise leave their counts cached for the first asking. Nil
	// leaves them, and the first asking of those cases is then not cold.
	Forget func()
	// Reuse measures a store that already holds opt.Docs searchable
	// documents (a catalog kept by an earlier run) without loading it
	// again; the indexing figures are then left out.
	Reuse bool
	// Reindex times s.Reindex after the load: the search index rebuilt
	// from the stored catalog, the other way documents are indexed.
	Reindex bool
	// Stale, when set, makes the index of every document out of date in
	// a store whose Reindex writes only what differs; Reindex is then
	// timed a second time, after it, for the figure of a full rebuild.
	Stale func() error
}

// BenchScale loads opt.Docs synthetic documents (in twelve languages, from
// ten sources) into s, an empty store, and measures: indexing throughput
// and index size; p50 and p95 latency of selective full-text queries
// (hundreds of hits), broad ones (tens of thousands; at 10,000 documents,
// thousands) and the empty query with filters only, each counting every facet; and
// queries per second with opt.Clients searching at once. It writes the
// figures to opt.Out and reports them as metrics of b.
func BenchScale(b *testing.B, s Store, opt ScaleOptions) {
	ctx := b.Context()
	// The figures are the point: a slow search on a loaded machine is
	// measured, not cut short.
	s.SetSearchTimeout(5 * time.Minute)
	defer s.SetSearchTimeout(0)
	if opt.Reuse {
		res, err := s.Search(ctx, catalog.Query{Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		if res.Total == opt.Docs {
			fmt.Fprintf(opt.Out, "docs %d: the catalog of an earlier run, not loaded again\n", opt.Docs)
			measure(b, s, opt)
			return
		}
		if res.Total != 0 {
			b.Fatalf("the store holds %d documents, neither none nor %d", res.Total, opt.Docs)
		}
	}
	start, cpu0 := time.Now(), CPUTime()
	if err := LoadSynthetic(ctx, s, opt.Docs, opt.Writers, opt.Batch); err != nil {
		b.Fatal(err)
	}
	took, cpu := time.Since(start), CPUTime()-cpu0
	rate := float64(opt.Docs) / took.Seconds()
	size, err := opt.Size(ctx)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(opt.Out, "docs %d: indexed in %v, %.0f docs/s (%d writers, batches of %d); index %.1f MB (%.0f bytes/doc)\n",
		opt.Docs, took.Round(time.Millisecond), rate, opt.Writers, max(opt.Batch, 1), float64(size)/1e6, float64(size)/float64(opt.Docs))
	// On a shared machine the wall-clock rate depends on the others' load;
	// the rate per second of this process's CPU does much less.
	fmt.Fprintf(opt.Out, "  loading used %v of CPU in this process: %.0f docs per CPU-second\n",
		cpu.Round(time.Millisecond), float64(opt.Docs)/cpu.Seconds())
	b.ReportMetric(rate, "docs/s")
	b.ReportMetric(float64(size)/1e6, "index-MB")
	measure(b, s, opt)
	// Last, as it leaves the index another than the load's.
	if opt.Reindex {
		reindex(b, s, opt)
	}
}

// reindex times the rebuilding of s's search index from its opt.Docs
// documents: as they are, then, with opt.Stale, every one out of date.
func reindex(b *testing.B, s Store, opt ScaleOptions) {
	timed := func(what string) float64 {
		start, cpu0 := time.Now(), CPUTime()
		if err := s.Reindex(b.Context()); err != nil {
			b.Fatal(err)
		}
		took, cpu := time.Since(start), CPUTime()-cpu0
		rate := float64(opt.Docs) / took.Seconds()
		fmt.Fprintf(opt.Out, "  Reindex %s in %v, %.0f docs/s, with %v of CPU in this process\n",
			what, took.Round(time.Millisecond), rate, cpu.Round(time.Millisecond))
		return rate
	}
	b.ReportMetric(timed("rebuilt the index from the catalog"), "reindex-docs/s")
	if opt.Stale == nil {
		return
	}
	if err := opt.Stale(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(timed("rebuilt an index out of date for every document"), "reindex-stale-docs/s")
}

// measure builds the facet index when opt.Facets says so and measures the
// searches of BenchScale.
func measure(b *testing.B, s Store, opt ScaleOptions) {
	ctx := b.Context()
	if opt.Facets != nil {
		opt.Facets(search.FacetsSync)
		t0 := time.Now()
		if _, err := s.Search(ctx, catalog.Query{Limit: 1}); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(opt.Out, "  facet index built (with one search) in %v\n", time.Since(t0).Round(time.Millisecond))
		opt.Facets(opt.FacetMode)
	}
	// Words whose hits fall in each band, found by searching.
	selective, broad := bandWords(b, s, opt.Docs)
	pairs := wordPairs(b, s)
	if opt.Forget != nil {
		opt.Forget()
	}
	filters := []catalog.Query{
		{Languages: []string{"en"}},
		{ContentTypes: []string{"report", "news"}},
		{Countries: []string{"DE"}, Languages: []string{"de", "en"}},
		{Themes: []string{"social-cohesion"}},
	}
	var cases []scaleCase
	for _, w := range selective {
		cases = append(cases, scaleCase{"selective", catalog.Query{Text: w}})
		cases = append(cases, scaleCase{"selective+filter", catalog.Query{Text: w, Languages: []string{"en", "fr", "de"}}})
	}
	for _, w := range pairs {
		cases = append(cases, scaleCase{"rare+common", catalog.Query{Text: w}})
	}
	for _, w := range broad {
		cases = append(cases, scaleCase{"broad", catalog.Query{Text: w}})
	}
	for _, q := range filters {
		cases = append(cases, scaleCase{"filters only", q})
	}
	for _, name := range []string{"selective", "selective+filter", "rare+common", "broad", "filters only"} {
		var lat []time.Duration
		totals := 0
		var qs []catalog.Query
		for _, c := range cases {
			if c.name == name {
				qs = append(qs, c.q)
			}
		}
		if len(qs) == 0 {
			fmt.Fprintf(opt.Out, "  %-17s no words in the band\n", name)
			continue
		}
		// The first round asks each query once: its counts are not cached
		// yet (cold); the rounds after reuse them while nothing is written
		// (warm), as a page of results, its next pages and its feed do.
		var cold []time.Duration
		for i := range max(opt.Runs, len(qs)) {
			q := qs[i%len(qs)]
			t0 := time.Now()
			res, err := s.Search(ctx, q)
			if err != nil {
				b.Fatalf("Search(%+v): %v", q, err)
			}
			if i < len(qs) {
				cold = append(cold, time.Since(t0))
			} else {
				lat = append(lat, time.Since(t0))
			}
			totals += res.Total
		}
		p50, p95 := percentile(lat, 50), percentile(lat, 95)
		fmt.Fprintf(opt.Out, "  %-17s cold p50 %7.1f ms  max %7.1f ms | warm p50 %7.1f ms  p95 %7.1f ms | mean hits %d (%d queries)\n",
			name, ms(percentile(cold, 50)), ms(percentile(cold, 100)), ms(p50), ms(p95), totals/(len(lat)+len(cold)), len(qs))
		b.ReportMetric(ms(percentile(cold, 50)), strings.ReplaceAll(name, " ", "-")+"-cold-p50-ms")
		b.ReportMetric(ms(p95), strings.ReplaceAll(name, " ", "-")+"-p95-ms")
	}
	if opt.Clients > 0 {
		const window = 10 * time.Second
		var done atomic.Int64
		deadline := time.Now().Add(window)
		var wg sync.WaitGroup
		for c := range opt.Clients {
			wg.Go(func() {
				for i := c; time.Now().Before(deadline); i += opt.Clients {
					if _, err := s.Search(ctx, cases[i%len(cases)].q); err != nil {
						b.Errorf("Search: %v", err)
						return
					}
					done.Add(1)
				}
			})
		}
		wg.Wait()
		qps := float64(done.Load()) / window.Seconds()
		fmt.Fprintf(opt.Out, "  %d clients: %.0f queries/s over %v (the mix of cases above)\n", opt.Clients, qps, window)
		b.ReportMetric(qps, "q/s")
	}
}

// LoadSynthetic makes ten feed sources in s and upserts n synthetic
// documents (SyntheticDocument) into them, with writers goroutines each
// upserting batch documents at a time (one by one when batch is 0 or 1).
func LoadSynthetic(ctx context.Context, s Store, n, writers, batch int) error {
	var sources []int64
	for i := range 10 {
		src := feed(fmt.Sprintf("https://scale%d.example/feed", i))
		if err := s.CreateSource(ctx, &src); err != nil {
			return fmt.Errorf("CreateSource: %w", err)
		}
		sources = append(sources, src.ID)
	}
	size := max(batch, 1)
	var (
		next atomic.Int64
		wg   sync.WaitGroup
		errs = make([]error, max(writers, 1))
	)
	for w := range errs {
		wg.Go(func() {
			for {
				first := int(next.Add(int64(size))) - size
				if first >= n {
					return
				}
				if errs[w] = load(ctx, s, sources, first, min(first+size, n), batch > 1); errs[w] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// load upserts the synthetic documents first to end-1, in one batch or
// one by one.
func load(ctx context.Context, s Store, sources []int64, first, end int, batch bool) error {
	docs := make([]*catalog.Document, 0, end-first)
	for i := first; i < end; i++ {
		d := SyntheticDocument(sources[i%len(sources)], i)
		docs = append(docs, &d)
	}
	if batch {
		if _, err := s.UpsertDocuments(ctx, docs); err != nil {
			return fmt.Errorf("UpsertDocuments %d to %d: %w", first, end-1, err)
		}
		return nil
	}
	for i, d := range docs {
		if _, err := s.UpsertDocument(ctx, d); err != nil {
			return fmt.Errorf("UpsertDocument %d: %w", first+i, err)
		}
	}
	return nil
}

type scaleCase struct {
	name string
	q    catalog.Query
}

// bandWords returns up to five query texts with hundreds of hits among n
// documents (selective, 100 to 999, at most a tenth of n), and up to
// three words, the commonest, with tens of thousands (broad, 10,000 to
// 99,999, at most 60% of n; in a catalog of fewer than 100,000
// documents, a tenth of n to 60%). Selective texts are single words
// where the vocabulary has them; at a million documents even its rarest
// words have thousands of hits, so pairsOfWords are tried next.
func bandWords(b *testing.B, s Store, n int) (selective, broad []string) {
	broadMin, broadMax := min(10000, n/10), min(99999, n*6/10)
	selectiveMax := min(999, n/10)
	total := func(text string) int {
		res, err := s.Search(b.Context(), catalog.Query{Text: text, Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		return res.Total
	}
	for rank := 2; rank < len(vocabulary) && (len(selective) < 5 || len(broad) < 3); rank += 7 {
		switch t := total(vocabulary[rank]); {
		case t >= broadMin && t <= broadMax && len(broad) < 3:
			broad = append(broad, vocabulary[rank])
		case t >= 100 && t <= selectiveMax && len(selective) < 5:
			selective = append(selective, vocabulary[rank])
		}
	}
	for _, pair := range pairsOfWords() {
		if len(selective) == 5 {
			break
		}
		if t := total(pair); t >= 100 && t <= selectiveMax {
			selective = append(selective, pair)
		}
	}
	return selective, broad
}

// pairsOfWords are queries of two words, a rare one of the vocabulary and
// a common one (ranks 203 to 392, a tenth of the documents or so; never
// one of the hub's own words).
func pairsOfWords() []string {
	var out []string
	for rank := len(vocabulary) - 1; rank > len(vocabulary)/2; rank -= 97 {
		out = append(out, vocabulary[rank]+" "+vocabulary[203+7*((rank/97)%28)])
	}
	return out
}

// wordPairs returns five pairsOfWords with 20 hits or more: queries whose
// scoring finds many more documents than their hits, each word alone
// being found in many titles.
func wordPairs(b *testing.B, s Store) []string {
	var out []string
	for _, pair := range pairsOfWords() {
		res, err := s.Search(b.Context(), catalog.Query{Text: pair, Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		if res.Total >= 20 {
			out = append(out, pair)
		}
		if len(out) == 5 {
			break
		}
	}
	return out
}

func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// CPUTime returns the user and system CPU time this process has used.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
