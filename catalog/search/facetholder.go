package search

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// FacetMode says when a store builds its FacetIndex.
type FacetMode int32

const (
	// FacetsBackground (the default) builds the index in the background
	// when a search finds it missing or stale; searches count in SQL until
	// it is ready.
	FacetsBackground FacetMode = iota
	// FacetsSync builds it within the search that finds it missing or
	// stale (tests, to run every count through it).
	FacetsSync
	// FacetsOff counts every search in SQL.
	FacetsOff
)

// facetBuildTimeout bounds one build of the index.
const facetBuildTimeout = 10 * time.Minute

// facetRest is how many times the last build's duration the holder rests
// between builds in the background, so that a catalog written to without
// pause spends at most a fifth of a core rebuilding.
const facetRest = 4

// FacetHolder keeps a store's current FacetIndex and builds the next one.
// The zero value is ready, in FacetsBackground mode; it is safe for
// concurrent use.
type FacetHolder struct {
	mode     atomic.Int32
	cur      atomic.Pointer[FacetIndex]
	building atomic.Bool
	mu       sync.Mutex // guards next and wg.Add against Wait
	next     time.Time  // no background build before
	closed   bool
	wg       sync.WaitGroup
}

// SetFacetMode says when the index is built; FacetsOff also drops it.
func (h *FacetHolder) SetFacetMode(m FacetMode) {
	h.mode.Store(int32(m))
	if m == FacetsOff {
		h.cur.Store(nil)
	}
}

// Facets returns the index built under stamp and, when there is none,
// builds one with build: in the background, and then it returns nil, or
// in FacetsSync mode at once. build reads the catalog in a snapshot of
// its own and builds the index of what it sees, with the stamp of that
// snapshot; an index of another stamp than the search's is not used.
func (h *FacetHolder) Facets(ctx context.Context, stamp string, build func(ctx context.Context) (*FacetIndex, error)) *FacetIndex {
	mode := FacetMode(h.mode.Load())
	if mode == FacetsOff {
		return nil
	}
	if x := h.cur.Load(); x != nil && x.stamp == stamp {
		return x
	}
	if mode == FacetsSync {
		if x, err := build(ctx); err == nil && x != nil {
			h.cur.Store(x)
			if x.stamp == stamp {
				return x
			}
		}
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed || time.Now().Before(h.next) || !h.building.CompareAndSwap(false, true) {
		return nil
	}
	h.wg.Go(func() {
		defer h.building.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), facetBuildTimeout)
		defer cancel()
		start := time.Now()
		x, err := build(ctx)
		if err == nil && x != nil && FacetMode(h.mode.Load()) != FacetsOff {
			h.cur.Store(x)
		}
		h.mu.Lock()
		h.next = time.Now().Add(facetRest * time.Since(start))
		h.mu.Unlock()
	})
	return nil
}

// Close waits for a build in progress and starts no other; a store calls
// it before it closes its connections.
func (h *FacetHolder) Close() {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	h.wg.Wait()
}
