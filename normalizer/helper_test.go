package normalizer

import (
	"sync"
	"testing"
)

// shared builds the Normalizer once per test binary: loading the language
// models takes about half a second and 90 MB.
var shared = sync.OnceValues(func() (*Normalizer, error) { return New(Options{}) })

// mustNormalizer returns the test binary's Normalizer.
func mustNormalizer(tb testing.TB) *Normalizer {
	tb.Helper()
	n, err := shared()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return n
}
