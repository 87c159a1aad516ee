package harvester

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester/fetch"
	"github.com/ewsi/hub/normalizer"
)

var (
	normOnce sync.Once
	norm     *normalizer.Normalizer
	normErr  error
)

// sharedNormalizer builds the normalizer once per test binary: loading the
// language models is the slow part.
func sharedNormalizer(t testing.TB) *normalizer.Normalizer {
	t.Helper()
	normOnce.Do(func() { norm, normErr = normalizer.New(normalizer.Options{}) })
	if normErr != nil {
		t.Fatal(normErr)
	}
	return norm
}

func newStore(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testHostDelay spaces requests to one test server: short, so that tests
// harvesting many sources of one host stay fast.
const testHostDelay = 5 * time.Millisecond

func newHarvester(t testing.TB, s Store, opts ...Option) *Harvester {
	t.Helper()
	client := fetch.New(fetch.Options{Timeout: 5 * time.Second,
		AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	opts = append([]Option{WithLimiter(NewMemoryLimiter(testHostDelay))}, opts...)
	return New(s, client, sharedNormalizer(t), nil, opts...)
}

func addSource(t testing.TB, s *sqlite.Store, src catalog.Source) int64 {
	t.Helper()
	if src.Kind == "" {
		src.Kind = catalog.KindFeed
	}
	if err := s.CreateSource(context.Background(), &src); err != nil {
		t.Fatal(err)
	}
	return src.ID
}

func TestHarvestFixtureFeedsTwice(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()

	var ids []int64
	for _, src := range fixtureweb.Sources(web.URL) {
		if src.Kind == catalog.KindFeed {
			ids = append(ids, addSource(t, store, src))
		}
	}
	if len(ids) < 5 {
		t.Fatalf("fixture web has only %d feeds", len(ids))
	}
	created := 0
	for _, id := range ids {
		o, err := h.HarvestSource(ctx, id)
		if err != nil || o.Err != "" {
			t.Fatalf("source %d: %v %s", id, err, o.Err)
		}
		if o.New == 0 {
			t.Errorf("source %d gave no documents", id)
		}
		created += o.New
	}
	n, _ := store.CountDocuments(ctx)
	if n != created || n < 20 {
		t.Fatalf("%d documents stored, %d reported created", n, created)
	}
	// A second harvest of unchanged feeds creates nothing and, the server
	// answering 304, parses nothing.
	var parses atomic.Int32
	h.parsed = func() { parses.Add(1) }
	for _, id := range ids {
		o, err := h.HarvestSource(ctx, id)
		if err != nil || o.Err != "" {
			t.Fatalf("second harvest of %d: %v %s", id, err, o.Err)
		}
		if o.New+o.Updated != 0 || !o.NotModified {
			t.Errorf("second harvest of %d: %+v, want not modified", id, o)
		}
	}
	if n2, _ := store.CountDocuments(ctx); n2 != n {
		t.Errorf("second harvest changed the count from %d to %d", n, n2)
	}
	if p := parses.Load(); p != 0 {
		t.Errorf("second harvest of unchanged feeds parsed %d times, want 0", p)
	}
	src, _ := store.Source(ctx, ids[0])
	if src.Status != catalog.StatusOK || src.LastSuccess.IsZero() || !src.NextCheck.After(time.Now()) {
		t.Errorf("source state after success: %+v", src)
	}
}

func TestFeedReusingOneGUIDKeepsEveryItem(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Same GUID</title><link>http://x/</link>`)
		for i, title := range []string{"Integration of refugees in Lyon", "Language courses for migrant women", "Housing support for newcomers"} {
			fmt.Fprintf(w, `<item><title>%s</title><link>%s/item/%d</link><guid>same</guid><description>An article about the integration of migrants in European cities, number %d.</description></item>`, title, "http://"+r.Host, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed"})
	for range 2 {
		if _, err := h.HarvestSource(context.Background(), id); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := store.CountDocuments(context.Background()); n != 3 {
		t.Errorf("%d documents, want 3", n)
	}
}

func TestNextCheck(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		interval time.Duration
		fails    int
		o        catalog.HarvestOutcome
		want     time.Duration
	}{
		{"new items shorten", time.Hour, 0, catalog.HarvestOutcome{New: 2}, 30 * time.Minute},
		{"nothing new lengthens", time.Hour, 0, catalog.HarvestOutcome{NotModified: true}, 90 * time.Minute},
		{"never below the minimum", catalog.MinInterval, 0, catalog.HarvestOutcome{New: 1}, catalog.MinInterval},
		{"never above the maximum", catalog.MaxInterval, 0, catalog.HarvestOutcome{}, catalog.MaxInterval},
		{"first failure backs off", time.Hour, 0, catalog.HarvestOutcome{Err: "x"}, 2 * catalog.MinInterval},
		{"third failure backs off more", time.Hour, 2, catalog.HarvestOutcome{Err: "x"}, 8 * catalog.MinInterval},
		{"back-off is capped", time.Hour, 30, catalog.HarvestOutcome{Err: "x"}, catalog.MaxInterval},
	}
	for _, tt := range tests {
		src := &catalog.Source{Interval: tt.interval, FailCount: tt.fails}
		iv, next := nextCheck(src, &tt.o, serverHints{}, now)
		if iv != tt.want {
			t.Errorf("%s: interval %s, want %s", tt.name, iv, tt.want)
		}
		if d := next.Sub(now); d < tt.want*89/100 || d > tt.want*111/100 {
			t.Errorf("%s: next check in %s, want %s ±10%%", tt.name, d, tt.want)
		}
	}
	// Retry-After is honoured beyond the interval.
	_, next := nextCheck(&catalog.Source{Interval: time.Hour}, &catalog.HarvestOutcome{Err: "503", RetryAfter: 3 * time.Hour}, serverHints{}, now)
	if d := next.Sub(now); d < 2*time.Hour {
		t.Errorf("Retry-After of 3h gave a next check in %s", d)
	}
}
