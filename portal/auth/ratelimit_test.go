package auth

import (
	"testing"
	"time"
)

func TestMemoryLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewMemoryLimiter(3, time.Minute, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.Allow("ip:1"); !ok {
			t.Fatalf("attempt %d refused", i+1)
		}
		now = now.Add(10 * time.Second)
	}
	ok, wait := l.Allow("ip:1")
	if ok || wait != 30*time.Second {
		t.Errorf("4th attempt = %v, retry after %v; want refused, 30s", ok, wait)
	}
	if ok, _ := l.Allow("ip:2"); !ok {
		t.Error("another key is limited too")
	}
	now = now.Add(31 * time.Second) // the first attempt leaves the window
	if ok, _ := l.Allow("ip:1"); !ok {
		t.Error("not allowed again after the window slid")
	}
	if ok, _ := l.Allow("ip:1"); ok {
		t.Error("allowed beyond the limit again")
	}
	now = now.Add(2 * time.Minute)
	l.Allow("ip:3")
	l.mu.Lock()
	n := len(l.hits)
	l.mu.Unlock()
	if n != 1 {
		t.Errorf("%d keys kept after they went quiet, want 1", n)
	}
}
