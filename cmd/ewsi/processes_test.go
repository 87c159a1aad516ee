package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ewsi/hub/internal/testenv"
)

// TestMain lets a test start this binary as `ewsi`: with EWSI_TEST_ARGS
// set, the test binary runs the real main with those arguments instead of
// the tests, so a test can start separate worker processes.
func TestMain(m *testing.M) {
	if args := os.Getenv("EWSI_TEST_ARGS"); args != "" {
		ctx, stop := signalContext()
		err := run(ctx, strings.Split(args, "\x1f"), os.Stdout, os.Stderr, os.Getenv)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "ewsi:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startProcess runs `ewsi args…` as a child process until the test ends.
func startProcess(t *testing.T, args ...string) *syncBuffer {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "EWSI_TEST_ARGS="+strings.Join(args, "\x1f"))
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return out
}

// hostLog records, per host, the requests a farm of feed servers answers.
type hostLog struct {
	mu       sync.Mutex
	inFlight map[string]int
	most     map[string]int
	spans    map[string][][2]time.Time
	paths    map[string]int
}

func (l *hostLog) serve(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	l.mu.Lock()
	l.inFlight[r.Host]++
	l.most[r.Host] = max(l.most[r.Host], l.inFlight[r.Host])
	l.paths[r.Host+r.URL.Path]++
	l.mu.Unlock()
	time.Sleep(20 * time.Millisecond) // a request takes time, so overlaps would show
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%[1]s</title>`+
		`<item><title>Integration news %[1]s</title><link>http://%[2]s%[1]s/1</link>`+
		`<description>Civic orientation and language courses for newcomers, part %[1]s.</description></item>`+
		`</channel></rss>`, r.URL.Path, r.Host)
	l.mu.Lock()
	l.inFlight[r.Host]--
	l.spans[r.Host] = append(l.spans[r.Host], [2]time.Time{start, time.Now()})
	l.mu.Unlock()
}

// TestTwoWorkerProcessesShareOneRedis starts two `ewsi worker` processes
// and one `ewsi scheduler` on one real Redis and one catalog: every feed
// is fetched once, no two requests to one host overlap and requests to a
// host keep the minimum delay.
func TestTwoWorkerProcessesShareOneRedis(t *testing.T) {
	addr := testenv.RedisAddr(t)
	const db = 11 // this test's Redis database, flushed
	rdb := redis.NewClient(&redis.Options{Addr: addr, DB: db})
	defer rdb.Close()
	if err := rdb.FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	log := &hostLog{inFlight: map[string]int{}, most: map[string]int{},
		spans: map[string][][2]time.Time{}, paths: map[string]int{}}
	data := t.TempDir()
	const hosts, perHost = 3, 4
	for range hosts {
		srv := httptest.NewServer(http.HandlerFunc(log.serve))
		defer srv.Close()
		for i := range perHost {
			runOK(t, "sources", "add", "--data", data, fmt.Sprintf("%s/feed/%d", srv.URL, i))
		}
	}
	const delay = 150 * time.Millisecond
	common := []string{"--data", data, "--redis", fmt.Sprintf("redis://%s/%d", addr, db),
		"--allow-private", "127.0.0.1/32", "--host-delay", delay.String(), "--log-level", "info"}
	// One task at a time each, and both ready before any work is queued:
	// politeness makes the run last seconds, so both take a share.
	workers := []*syncBuffer{
		startProcess(t, append([]string{"worker", "--workers", "1"}, common...)...),
		startProcess(t, append([]string{"worker", "--workers", "1"}, common...)...),
	}
	ready := time.Now().Add(30 * time.Second)
	for i, w := range workers {
		for !strings.Contains(w.String(), "EWSI Hub worker:") {
			if time.Now().After(ready) {
				t.Fatalf("worker process %d did not start:\n%s", i, w.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	startProcess(t, append([]string{"scheduler", "--scheduler-tick", "1s"}, common...)...)

	deadline := time.Now().Add(90 * time.Second)
	for {
		list := runOK(t, "sources", "list", "--data", data)
		if strings.Count(list, " ok ") == hosts*perHost {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not every source was harvested in time:\n%s", list)
		}
		time.Sleep(200 * time.Millisecond)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	for p, n := range log.paths {
		if n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	if len(log.paths) != hosts*perHost {
		t.Errorf("%d URLs fetched, want %d", len(log.paths), hosts*perHost)
	}
	for host, spans := range log.spans {
		if log.most[host] != 1 {
			t.Errorf("%s: %d requests in flight at once, want 1", host, log.most[host])
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i][0].Before(spans[j][0]) })
		for i := 1; i < len(spans); i++ {
			if gap := spans[i][0].Sub(spans[i-1][1]); gap < delay-10*time.Millisecond {
				t.Errorf("%s: request %d began %s after the previous ended, want at least %s", host, i, gap, delay)
			}
		}
	}
	// Which process takes which task is the queue's affair; how the work
	// was shared is logged, the guarantees above hold whatever the split.
	for i, w := range workers {
		t.Logf("worker process %d harvested %d sources", i, strings.Count(w.String(), "msg=harvested"))
	}
}
