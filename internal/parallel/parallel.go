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
