// Package parallel runs a function over a slice on every core.
package parallel

import (
	"runtime"
	"sync"
)

// Map returns f of each element of in, in order, computed by up to
// GOMAXPROCS goroutines, each taking every n-th element.
func Map[T, R any](in []T, f func(T) R) []R {
	out := make([]R, len(in))
	workers := min(runtime.GOMAXPROCS(0), len(in))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(in); i += workers {
				out[i] = f(in[i])
			}
		})
	}
	wg.Wait()
	return out
}

// Keyed is Map as a map from each element of in to f of it.
func Keyed[T comparable, R any](in []T, f func(T) R) map[T]R {
	out := Map(in, f)
	m := make(map[T]R, len(in))
	for i, x := range in {
		m[x] = out[i]
	}
	return m
}

// Pages reads pages with next until it returns an empty one, and calls
// write with each page and f of each of its elements (Map). The elements
// of a page are computed while write handles the page before: a
// transaction reading and writing a table page by page (a reindex) keeps
// its writes going on one core while the next page is analysed on the
// others. next and write run in the caller's goroutine, never at once.
// The first error of next or write stops it and is returned, once the
// computation under way has ended.
func Pages[T, R any](next func() ([]T, error), f func(*T) R, write func([]T, []R) error) error {
	type page struct {
		in  []T
		out chan []R
	}
	start := func(in []T) *page {
		p := &page{in, make(chan []R, 1)}
		ptrs := make([]*T, len(in))
		for i := range in {
			ptrs[i] = &in[i]
		}
		go func() { p.out <- Map(ptrs, f) }()
		return p
	}
	var pending *page
	for {
		in, err := next()
		var ahead *page
		if err == nil && len(in) > 0 {
			ahead = start(in)
		}
		if pending != nil {
			out := <-pending.out
			if err == nil {
				err = write(pending.in, out)
			}
		}
		if err != nil || ahead == nil {
			if ahead != nil {
				<-ahead.out
			}
			return err
		}
		pending = ahead
	}
}
