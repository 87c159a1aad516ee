package harvester

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/harvester/fetch"
)

const okFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Integration courses for newcomers</title><link>https://x.example/1</link><description>Language and civic orientation courses for migrants arriving in the city this year.</description></item></channel></rss>`

var (
	bombOnce sync.Once
	bomb     bytes.Buffer
)

// misbehaving serves every way a source can go wrong, by path.
func misbehaving(t *testing.T) http.Handler {
	t.Helper()
	bombOnce.Do(func() {
		zw := gzip.NewWriter(&bomb)
		zw.Write(make([]byte, 64<<20)) // 64 MiB of zeros in about 64 KiB
		zw.Close()
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/503":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case "/503-retry":
			w.Header().Set("Retry-After", "120")
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		case "/429":
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/401":
			w.WriteHeader(http.StatusUnauthorized)
		case "/403":
			w.WriteHeader(http.StatusForbidden)
		case "/challenge":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><div id="cf-challenge-running"></div></body></html>`)
		case "/challenge-403":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<html><body><script src="/cdn-cgi/challenge-platform/h/b/orchestrate"></script></body></html>`)
		case "/404":
			http.NotFound(w, r)
		case "/410":
			w.WriteHeader(http.StatusGone)
		case "/html":
			fmt.Fprint(w, "<!doctype html><title>x</title><p>not a feed</p>")
		case "/badxml":
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</item></channel>`)
		case "/slow":
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
			fmt.Fprint(w, okFeed)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/huge":
			w.Header().Set("Content-Type", "application/rss+xml")
			chunk := bytes.Repeat([]byte("<!-- padding padding padding -->"), 1024)
			for range 100 { // 3.2 MB, no Content-Length
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(bomb.Bytes())
		case "/ok":
			fmt.Fprint(w, okFeed)
		}
	})
}

func TestErrorClassesAndActions(t *testing.T) {
	tests := []struct {
		path    string
		class   catalog.ErrorClass
		status  catalog.SourceStatus // after the harvest
		run     string
		fails   int
		stage   string
		reason  string        // in the error
		minWait time.Duration // until the next check, at least
		maxWait time.Duration
	}{
		{"/500", catalog.ErrServer, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "500 Internal Server Error", 2 * catalog.MinInterval * 9 / 10, 3 * catalog.MinInterval},
		{"/503", catalog.ErrServer, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "503", 2 * catalog.MinInterval * 9 / 10, 3 * catalog.MinInterval},
		{"/503-retry", catalog.ErrThrottled, catalog.StatusNew, catalog.RunDeferred, 0, "fetch", "503", 108 * time.Second, 133 * time.Second},
		{"/429", catalog.ErrThrottled, catalog.StatusNew, catalog.RunDeferred, 0, "fetch", "429", 2 * time.Hour, 2*time.Hour + 13*time.Minute},
		{"/401", catalog.ErrBlocked, catalog.StatusBlocked, catalog.RunFailed, 1, "fetch", "401", 21 * time.Hour, 27 * time.Hour},
		{"/403", catalog.ErrBlocked, catalog.StatusBlocked, catalog.RunFailed, 1, "fetch", "403", 21 * time.Hour, 27 * time.Hour},
		{"/challenge", catalog.ErrBlocked, catalog.StatusBlocked, catalog.RunFailed, 1, "fetch", "bot challenge", 21 * time.Hour, 27 * time.Hour},
		{"/challenge-403", catalog.ErrBlocked, catalog.StatusBlocked, catalog.RunFailed, 1, "fetch", "bot challenge", 21 * time.Hour, 27 * time.Hour},
		{"/404", catalog.ErrMissing, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "404", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/410", catalog.ErrGone, catalog.StatusDisabled, catalog.RunFailed, 1, "fetch", "disabled", 0, 25 * time.Hour},
		{"/html", catalog.ErrParse, catalog.StatusFailing, catalog.RunFailed, 1, "parse", "not RSS, Atom or JSON Feed", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/badxml", catalog.ErrParse, catalog.StatusFailing, catalog.RunFailed, 1, "parse", "not a feed: ", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/slow", catalog.ErrNetwork, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "timed out", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/loop", catalog.ErrRefused, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "redirects", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/huge", catalog.ErrRefused, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "too large", catalog.MinInterval, 3 * catalog.MinInterval},
		{"/bomb", catalog.ErrRefused, catalog.StatusFailing, catalog.RunFailed, 1, "fetch", "too large", catalog.MinInterval, 3 * catalog.MinInterval},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(misbehaving(t))
			defer srv.Close()
			store := newStore(t)
			client := fetch.New(fetch.Options{Timeout: time.Second, MaxBody: 1 << 20,
				AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
			limiter := NewMemoryLimiter(testHostDelay)
			h := New(store, client, sharedNormalizer(t), nil, WithLimiter(limiter))
			ctx := context.Background()
			id := addSource(t, store, catalog.Source{URL: srv.URL + tt.path})
			o, err := h.HarvestSource(ctx, id)
			if err != nil {
				t.Fatalf("a failing source is not a hub error: %v", err)
			}
			if o.Stage != tt.stage || !strings.Contains(o.Err, tt.reason) || o.ErrorClass != tt.class {
				t.Errorf("outcome stage %q class %q err %q; want %q, %q, containing %q", o.Stage, o.ErrorClass, o.Err, tt.stage, tt.class, tt.reason)
			}
			src, _ := store.Source(ctx, id)
			wantErr, wantClass := o.Err, tt.class
			if tt.run == catalog.RunDeferred {
				wantErr, wantClass = "", "" // no failure: the source is as it was
			}
			if src.Status != tt.status || src.LastError != wantErr || src.FailCount != tt.fails || src.ErrorClass != wantClass {
				t.Errorf("source after harvest: status %s, class %q, error %q, fails %d; want %s, %q, %q, %d",
					src.Status, src.ErrorClass, src.LastError, src.FailCount, tt.status, wantClass, wantErr, tt.fails)
			}
			if wait := time.Until(src.NextCheck); wait < tt.minWait || wait > tt.maxWait {
				t.Errorf("next check in %s, want between %s and %s", wait, tt.minWait, tt.maxWait)
			}
			runs, _ := store.Runs(ctx, id, 10)
			if len(runs) != 1 || runs[0].Status != tt.run || runs[0].Err != o.Err || runs[0].Finished.IsZero() ||
				len(runs[0].Errors) != 1 || runs[0].Errors[0].Stage != tt.stage {
				t.Errorf("runs = %+v, want one %s run with its error", runs, tt.run)
			}
			// A throttled host stays paused for every worker sharing the
			// limiter.
			_, err = limiter.Acquire(ctx, hostOf(srv.URL))
			var busy *HostBusyError
			paused := errors.As(err, &busy) && busy.Wait > time.Minute
			if paused != (tt.run == catalog.RunDeferred) {
				t.Errorf("host paused = %v (%v), want %v", paused, err, tt.run == catalog.RunDeferred)
			}
		})
	}
}

func TestRepeated404Quarantines(t *testing.T) {
	srv := httptest.NewServer(misbehaving(t))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/404"})
	want := []catalog.SourceStatus{catalog.StatusFailing, catalog.StatusFailing, catalog.StatusQuarantined}
	for i, st := range want {
		if _, err := h.HarvestSource(ctx, id); err != nil {
			t.Fatal(err)
		}
		src, _ := store.Source(ctx, id)
		if src.Status != st || src.ErrorStreak != i+1 {
			t.Fatalf("after 404 number %d: status %s, streak %d; want %s, %d", i+1, src.Status, src.ErrorStreak, st, i+1)
		}
	}
	src, _ := store.Source(ctx, id)
	if wait := time.Until(src.NextCheck); wait < 21*time.Hour {
		t.Errorf("quarantined source probed again in %s, want about a day", wait)
	}
	// The daily probe brings it back when the URL answers again.
	src.URL = srv.URL + "/ok"
	if err := store.UpdateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	if _, err := h.HarvestSource(ctx, id); err != nil {
		t.Fatal(err)
	}
	if src, _ := store.Source(ctx, id); src.Status != catalog.StatusOK || src.ErrorStreak != 0 || src.LastError != "" {
		t.Errorf("after recovery: %+v", src)
	}
}

func TestGoneSourceIsNoLongerDue(t *testing.T) {
	srv := httptest.NewServer(misbehaving(t))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/410"})
	if _, err := h.HarvestSource(ctx, id); err != nil {
		t.Fatal(err)
	}
	due, _ := store.DueSources(ctx, time.Now().Add(48*time.Hour), 0)
	if len(due) != 0 {
		t.Errorf("a source answering 410 is still due: %+v", due)
	}
}

// TestRedirectToLoopbackRefused serves the source on 127.0.0.2, which the
// client may reach, and redirects to 127.0.0.1, which it may not.
func TestRedirectToLoopbackRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	inner := httptest.NewServer(misbehaving(t)) // on 127.0.0.1
	defer inner.Close()
	srv := httptest.NewUnstartedServer(http.RedirectHandler(inner.URL+"/ok", http.StatusFound))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	store := newStore(t)
	client := fetch.New(fetch.Options{Timeout: time.Second,
		AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	h := New(store, client, sharedNormalizer(t), nil, WithLimiter(NewMemoryLimiter(testHostDelay)))
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/feed"})
	o, err := h.HarvestSource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if o.ErrorClass != catalog.ErrRefused || !strings.Contains(o.Err, "private or reserved") {
		t.Errorf("redirect to 127.0.0.1: class %q, err %q; want refused", o.ErrorClass, o.Err)
	}
}

// TestRunPastDeadlineIsAborted: a run that outlives its deadline is
// recorded as aborted, never left running.
func TestRunPastDeadlineIsAborted(t *testing.T) {
	srv := httptest.NewServer(misbehaving(t))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store, WithTimeout(300*time.Millisecond))
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/slow"})
	start := time.Now()
	o, err := h.HarvestSource(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the run took %s despite its deadline", took)
	}
	runs, _ := store.Runs(context.Background(), id, 0)
	if !o.Aborted || len(runs) != 1 || runs[0].Status != catalog.RunAborted || !strings.Contains(runs[0].Err, "longer than") {
		t.Errorf("outcome %+v, runs %+v; want one aborted run", o, runs)
	}
	if src, _ := store.Source(context.Background(), id); src.Status != catalog.StatusFailing || src.ErrorClass != catalog.ErrTimeout {
		t.Errorf("source after an aborted run: %s, %q", src.Status, src.ErrorClass)
	}
}

// TestStoppingWorkerLeavesSourceUntouched: a harvest interrupted by the
// worker stopping closes its run as aborted and does not count against
// the source.
func TestStoppingWorkerLeavesSourceUntouched(t *testing.T) {
	srv := httptest.NewServer(misbehaving(t))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	id := addSource(t, store, catalog.Source{URL: srv.URL + "/slow"})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := h.HarvestSource(ctx, id); err != nil {
		t.Fatal(err)
	}
	runs, _ := store.Runs(context.Background(), id, 0)
	if len(runs) != 1 || runs[0].Status != catalog.RunAborted || runs[0].Finished.IsZero() {
		t.Errorf("runs = %+v, want one closed aborted run", runs)
	}
	src, _ := store.Source(context.Background(), id)
	if src.Status != catalog.StatusNew || src.FailCount != 0 || src.LastError != "" {
		t.Errorf("source after an interrupted harvest: %s, %d fails, %q; want untouched", src.Status, src.FailCount, src.LastError)
	}
	if wait := time.Until(src.NextCheck); wait > time.Minute {
		t.Errorf("interrupted source checked again in %s, want soon", wait)
	}
}
