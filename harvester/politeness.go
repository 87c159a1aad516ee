package harvester

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// DefaultHostDelay is the least time between two requests to one host.
const DefaultHostDelay = time.Second

// ErrHostBusy means a host cannot take a request now: another is in
// flight, the minimum delay since the last has not passed, or the host
// asked us to pause. It is wrapped in a *HostBusyError.
var ErrHostBusy = errors.New("host busy")

// HostBusyError says how long to wait before asking a host again.
type HostBusyError struct {
	Host string
	Wait time.Duration
}

func (e *HostBusyError) Error() string {
	return fmt.Sprintf("%v: %s, try again in %s", ErrHostBusy, e.Host, e.Wait)
}

func (e *HostBusyError) Unwrap() error { return ErrHostBusy }

// Limiter keeps requests polite per host, across every worker that shares
// it: at most one request in flight per host, a minimum delay between two
// requests, and pauses the host asked for. RedisLimiter shares it across
// machines; MemoryLimiter within one process.
type Limiter interface {
	// Acquire takes the host's turn. It returns at once: either a release
	// function, to call once the request is over (it starts the minimum
	// delay), or an error wrapping ErrHostBusy (a *HostBusyError saying
	// how long to wait) or the limiter's own failure.
	Acquire(ctx context.Context, host string) (release func(), err error)
	// Pause keeps every worker off host until the given time (a 429 or 503
	// with Retry-After). An earlier time than a pause already set is
	// ignored.
	Pause(ctx context.Context, host string, until time.Time) error
	// SetDelay sets host's own minimum delay, such as a robots.txt
	// Crawl-delay: the longer of it and the limiter's delay applies,
	// capped at MaxCrawlDelay. Zero goes back to the limiter's delay.
	SetDelay(ctx context.Context, host string, d time.Duration) error
}

// MaxCrawlDelay caps a host's own delay: a Crawl-delay of an hour would
// stop a source.
const MaxCrawlDelay = time.Minute

// hostDelay is the delay that applies to a host whose own delay is own.
func hostDelay(base, own time.Duration) time.Duration {
	return max(base, min(own, MaxCrawlDelay))
}

// MemoryLimiter is a Limiter for one process: `ewsi sources harvest` and
// tests. It is safe for concurrent use.
type MemoryLimiter struct {
	delay time.Duration
	now   func() time.Time
	mu    sync.Mutex
	hosts map[string]*hostTurn
}

type hostTurn struct {
	busy  bool
	next  time.Time     // no request before
	delay time.Duration // the host's own, 0 for the limiter's
}

// NewMemoryLimiter returns a limiter spacing requests to one host by at
// least delay (DefaultHostDelay when <= 0).
func NewMemoryLimiter(delay time.Duration) *MemoryLimiter {
	if delay <= 0 {
		delay = DefaultHostDelay
	}
	return &MemoryLimiter{delay: delay, now: time.Now, hosts: map[string]*hostTurn{}}
}

// busyRetry is how soon to ask again a host with a request in flight.
const busyRetry = 200 * time.Millisecond

// Acquire implements Limiter; it never fails but with ErrHostBusy.
func (m *MemoryLimiter) Acquire(_ context.Context, host string) (func(), error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.hosts[host]
	if h == nil {
		h = &hostTurn{}
		m.hosts[host] = h
	}
	now := m.now()
	switch {
	case h.busy:
		return nil, &HostBusyError{Host: host, Wait: busyRetry}
	case now.Before(h.next):
		return nil, &HostBusyError{Host: host, Wait: h.next.Sub(now)}
	}
	h.busy = true
	var once sync.Once
	return func() {
		once.Do(func() {
			m.mu.Lock()
			defer m.mu.Unlock()
			h.busy = false
			if next := m.now().Add(hostDelay(m.delay, h.delay)); next.After(h.next) {
				h.next = next
			}
		})
	}, nil
}

// Pause implements Limiter; it never fails.
func (m *MemoryLimiter) Pause(_ context.Context, host string, until time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.hosts[host]
	if h == nil {
		h = &hostTurn{}
		m.hosts[host] = h
	}
	if until.After(h.next) {
		h.next = until
	}
	return nil
}

// maxTurnWait is the longest waitTurn sleeps for one turn: a host paused
// for longer (Retry-After) is reported busy instead.
const maxTurnWait = 30 * time.Second

// SetDelay implements Limiter; it never fails.
func (m *MemoryLimiter) SetDelay(_ context.Context, host string, d time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.hosts[host]
	if h == nil {
		h = &hostTurn{}
		m.hosts[host] = h
	}
	h.delay = max(d, 0)
	return nil
}

// waitTurn acquires host from l, sleeping while it is busy, until ctx
// ends; a wait longer than maxTurnWait returns the *HostBusyError.
func waitTurn(ctx context.Context, l Limiter, host string) (func(), error) {
	for {
		release, err := l.Acquire(ctx, host)
		var busy *HostBusyError
		if !errors.As(err, &busy) || busy.Wait > maxTurnWait {
			return release, err
		}
		t := time.NewTimer(busy.Wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for %s: %w", host, ctx.Err())
		case <-t.C:
		}
	}
}
