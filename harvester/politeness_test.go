package harvester

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// limiterCase runs the same checks on every Limiter.
func testLimiter(t *testing.T, l Limiter, delay time.Duration) {
	ctx := context.Background()
	release, err := l.Acquire(ctx, "a.example")
	if err != nil {
		t.Fatalf("first Acquire: %v", err)
	}
	// One request in flight per host; other hosts are free.
	_, err = l.Acquire(ctx, "a.example")
	var busy *HostBusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrHostBusy) || busy.Wait <= 0 {
		t.Fatalf("second Acquire while in flight = %v, want a HostBusyError", err)
	}
	other, err := l.Acquire(ctx, "b.example")
	if err != nil {
		t.Fatalf("Acquire of another host: %v", err)
	}
	other()
	// After release, the minimum delay applies.
	release()
	release() // a second call is harmless
	_, err = l.Acquire(ctx, "a.example")
	if !errors.As(err, &busy) || busy.Wait > delay || busy.Wait < delay/2 {
		t.Fatalf("Acquire right after release = %v, want a wait of about %s", err, delay)
	}
	time.Sleep(delay + 20*time.Millisecond)
	release, err = l.Acquire(ctx, "a.example")
	if err != nil {
		t.Fatalf("Acquire after the delay: %v", err)
	}
	release()
	// A pause keeps the host off limits beyond the delay, and an earlier
	// pause does not shorten it.
	if err := l.Pause(ctx, "c.example", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := l.Pause(ctx, "c.example", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	_, err = l.Acquire(ctx, "c.example")
	if !errors.As(err, &busy) || busy.Wait < 59*time.Minute {
		t.Fatalf("Acquire of a paused host = %v, want a wait of about an hour", err)
	}

	// A host's own delay (Crawl-delay) lengthens its turns, capped.
	if err := l.SetDelay(ctx, "e.example", 3*delay); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDelay(ctx, "f.example", 10*time.Hour); err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]time.Duration{"e.example": 3 * delay, "f.example": MaxCrawlDelay} {
		rel, err := l.Acquire(ctx, host)
		if err != nil {
			t.Fatal(err)
		}
		rel()
		_, err = l.Acquire(ctx, host)
		if !errors.As(err, &busy) || busy.Wait > want || busy.Wait < want-delay/2 {
			t.Errorf("%s: Acquire after release = %v, want a wait of about %s", host, err, want)
		}
	}
	// Zero goes back to the limiter's delay.
	if err := l.SetDelay(ctx, "e.example", 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3*delay + 20*time.Millisecond)
	rel, err := l.Acquire(ctx, "e.example")
	if err != nil {
		t.Fatal(err)
	}
	rel()
	if _, err = l.Acquire(ctx, "e.example"); !errors.As(err, &busy) || busy.Wait > delay {
		t.Errorf("after SetDelay(0): %v, want the limiter's delay", err)
	}

	// Under contention, never two holders of one host at once.
	var inFlight, most, took atomic.Int32
	var wg sync.WaitGroup
	deadline := time.Now().Add(time.Second)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				rel, err := l.Acquire(ctx, "d.example")
				if err != nil {
					time.Sleep(time.Millisecond)
					continue
				}
				n := inFlight.Add(1)
				if n > most.Load() {
					most.Store(n)
				}
				took.Add(1)
				time.Sleep(2 * time.Millisecond)
				inFlight.Add(-1)
				rel()
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 || took.Load() == 0 {
		t.Errorf("under contention: at most %d in flight, %d turns; want 1 and some", most.Load(), took.Load())
	}
	// With a delay between turns, one second allows about 1s/delay turns.
	if maxTurns := int32(time.Second/delay) + 1; took.Load() > maxTurns {
		t.Errorf("%d turns in a second with a delay of %s, want at most %d", took.Load(), delay, maxTurns)
	}
}

func TestMemoryLimiter(t *testing.T) {
	testLimiter(t, NewMemoryLimiter(100*time.Millisecond), 100*time.Millisecond)
}

func TestRedisLimiter(t *testing.T) {
	_, rdb := testRedis(t)
	testLimiter(t, NewRedisLimiter(rdb, 100*time.Millisecond, time.Minute), 100*time.Millisecond)
}

// TestRedisLimiterLockExpires: a worker that dies mid-request does not
// lock its host for ever.
func TestRedisLimiterLockExpires(t *testing.T) {
	_, rdb := testRedis(t)
	l := NewRedisLimiter(rdb, time.Millisecond, 200*time.Millisecond)
	if _, err := l.Acquire(context.Background(), "dead.example"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	release, err := l.Acquire(context.Background(), "dead.example")
	if err != nil {
		t.Fatalf("Acquire after the holder's lock expired: %v", err)
	}
	release()
}
