package auth

import (
	"sync"
	"time"
)

// Limiter counts attempts per key (an IP address, an account) and says
// when a key has had enough. The portal keeps one per kind of attempt.
type Limiter interface {
	// Allow records one attempt under key and reports whether it is within
	// the limit; when it is not, retryAfter says how long until the next
	// attempt would be allowed.
	Allow(key string) (ok bool, retryAfter time.Duration)
}

// MemoryLimiter is a Limiter that keeps its counts in this process: a
// sliding log of the attempts within the window, per key. With several
// portal nodes each counts on its own, so the effective limit is the
// per-node limit times the nodes behind the balancer; a limiter shared
// through Redis can take its place behind the same interface.
type MemoryLimiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu        sync.Mutex
	hits      map[string][]time.Time
	lastSweep time.Time
}

// NewMemoryLimiter allows limit attempts per key in any window of the
// given length. now is time.Now outside tests.
func NewMemoryLimiter(limit int, window time.Duration, now func() time.Time) *MemoryLimiter {
	if now == nil {
		now = time.Now
	}
	return &MemoryLimiter{limit: limit, window: window, now: now, hits: map[string][]time.Time{}}
}

// Allow implements Limiter. A refused attempt is not recorded, so a client
// that keeps trying is let in again once the window has passed.
func (l *MemoryLimiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.now()
	l.sweep(t)
	cut := t.Add(-l.window)
	hs := l.hits[key]
	i := 0
	for i < len(hs) && !hs[i].After(cut) {
		i++
	}
	hs = hs[i:]
	if len(hs) >= l.limit {
		l.hits[key] = hs
		return false, hs[0].Add(l.window).Sub(t)
	}
	l.hits[key] = append(hs, t)
	return true, 0
}

// sweep forgets keys with no attempt inside the window, at most once per
// window, so memory stays bounded by the keys active recently.
func (l *MemoryLimiter) sweep(t time.Time) {
	if t.Sub(l.lastSweep) < l.window {
		return
	}
	l.lastSweep = t
	cut := t.Add(-l.window)
	for k, hs := range l.hits {
		if len(hs) == 0 || !hs[len(hs)-1].After(cut) {
			delete(l.hits, k)
		}
	}
}
