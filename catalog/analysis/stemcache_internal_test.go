package analysis

import (
	"fmt"
	"testing"
)

// TestCachedStemToken checks that the shared cache gives the stem token
// Stem gives, before and after it fills and starts again.
func TestCachedStemToken(t *testing.T) {
	want := func(lang, w string) string {
		s, _ := Stem(lang, w)
		return StemToken(lang, s)
	}
	for range 2 {
		for _, c := range [][2]string{{"en", "housing"}, {"fr", "integration"}, {"de", "wohnungen"}, {"en", "den"}, {"da", "den"}} {
			if got := cachedStemToken(c[0], c[1]); got != want(c[0], c[1]) {
				t.Errorf("cachedStemToken(%s, %s) = %s, want %s", c[0], c[1], got, want(c[0], c[1]))
			}
		}
	}
	for i := range maxCachedStems + 10 {
		cachedStemToken("en", fmt.Sprint("word", i))
	}
	if n := len(stemCache.m); n > maxCachedStems {
		t.Errorf("cache holds %d words, more than %d", n, maxCachedStems)
	}
	if got := cachedStemToken("en", "housing"); got != want("en", "housing") {
		t.Errorf("after filling: %s, want %s", got, want("en", "housing"))
	}
}
