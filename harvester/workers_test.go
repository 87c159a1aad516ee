package harvester

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// requestLog records, per host, when each request to a test server began
// and ended, and how many were in flight at once.
type requestLog struct {
	mu       sync.Mutex
	inFlight map[string]int
	most     map[string]int
	spans    map[string][][2]time.Time
	paths    map[string]int
}

func newRequestLog() *requestLog {
	return &requestLog{inFlight: map[string]int{}, most: map[string]int{},
		spans: map[string][][2]time.Time{}, paths: map[string]int{}}
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		l.mu.Lock()
		l.inFlight[r.Host]++
		l.most[r.Host] = max(l.most[r.Host], l.inFlight[r.Host])
		l.paths[r.Host+r.URL.Path]++
		l.mu.Unlock()
		time.Sleep(20 * time.Millisecond) // a request takes time, so overlaps would show
		h.ServeHTTP(w, r)
		l.mu.Lock()
		l.inFlight[r.Host]--
		l.spans[r.Host] = append(l.spans[r.Host], [2]time.Time{start, time.Now()})
		l.mu.Unlock()
	})
}

// feedServer serves /feed/N as a small feed whose items name N.
func feedServer() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%[1]s</title>`+
			`<item><title>Integration news %[1]s</title><link>http://%[2]s%[1]s/1</link>`+
			`<description>Civic orientation and language courses for newcomers in the region, part %[1]s.</description></item>`+
			`</channel></rss>`, r.URL.Path, r.Host)
	})
}

// TestTwoWorkersShareOneRedis runs two Asynq servers, each with its own
// harvester and Redis limiter, on one Redis: every URL is fetched once,
// never two requests to one host overlap, and requests to one host are
// spaced by the minimum delay.
func TestTwoWorkersShareOneRedis(t *testing.T) {
	ropt, rdb := testRedis(t)
	store := newStore(t)
	log := newRequestLog()
	const hosts, perHost = 3, 4
	const delay = 150 * time.Millisecond
	var ids []int64
	for range hosts {
		srv := httptest.NewServer(log.wrap(feedServer()))
		defer srv.Close()
		for i := range perHost {
			ids = append(ids, addSource(t, store, catalog.Source{URL: fmt.Sprintf("%s/feed/%d", srv.URL, i)}))
		}
	}
	ctx := context.Background()
	for w := range 2 {
		h := newHarvester(t, store, WithLimiter(NewRedisLimiter(rdb, delay, time.Minute)))
		h.log = h.log.With("worker", w)
		srv := NewServer(ropt, 4, h.log)
		if err := srv.Start(h.Mux()); err != nil {
			t.Fatal(err)
		}
		defer srv.Shutdown()
	}
	q := NewQueue(ropt)
	defer q.Close()
	sched := NewScheduler(store, q, rdb, time.Second, nil)
	if n, err := sched.EnqueueDue(ctx); err != nil || n != len(ids) {
		t.Fatalf("EnqueueDue = %d, %v; want %d", n, err, len(ids))
	}
	deadline := time.Now().Add(3 * time.Minute)
	for {
		done := 0
		for _, id := range ids {
			if runs, _ := store.Runs(ctx, id, 0); len(runs) > 0 && runs[0].Status != catalog.RunRunning {
				done++
			}
		}
		if done == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d sources harvested in time", done, len(ids))
		}
		time.Sleep(100 * time.Millisecond)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	for p, n := range log.paths {
		if n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	if len(log.paths) != len(ids) {
		t.Errorf("%d URLs fetched, want %d", len(log.paths), len(ids))
	}
	for host, spans := range log.spans {
		if log.most[host] != 1 {
			t.Errorf("%s: %d requests in flight at once, want 1", host, log.most[host])
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i][0].Before(spans[j][0]) })
		for i := 1; i < len(spans); i++ {
			// The delay runs from the client's release, after the server
			// has answered: the gap between one answer and the next
			// request is at least the delay, less scheduling noise.
			if gap := spans[i][0].Sub(spans[i-1][1]); gap < delay-10*time.Millisecond {
				t.Errorf("%s: request %d began %s after the previous ended, want at least %s", host, i, gap, delay)
			}
		}
	}
	for _, id := range ids {
		if src, _ := store.Source(ctx, id); src.Status != catalog.StatusOK {
			t.Errorf("source %d: %s %s", id, src.Status, src.LastError)
		}
	}
}
