package analysis

import (
	"fmt"
	"testing"
)

// TestStemTokenOf checks that the shared tables give the stem token Stem
// gives, none for stop words and unstemmed languages, before and after a
// table fills and starts again, one word at a time and a text at a time.
func TestStemTokenOf(t *testing.T) {
	want := func(lang, w string) string {
		s, ok := Stem(lang, w)
		if !ok || IsStop(lang, w) {
			return ""
		}
		return StemToken(lang, s)
	}
	cases := [][2]string{{"en", "housing"}, {"fr", "integration"}, {"de", "wohnungen"}, {"en", "the"}, {"de", "den"}, {"da", "den"}, {"pl", "mieszkania"}}
	for range 2 {
		for _, c := range cases {
			if got := StemTokenOf(c[0], c[1]); got != want(c[0], c[1]) {
				t.Errorf("StemTokenOf(%s, %s) = %q, want %q", c[0], c[1], got, want(c[0], c[1]))
			}
		}
	}
	words := []string{"housing", "the", "houses", "housing", "of", "housing"}
	for range 2 {
		f := AnalyzeWords("en", words, 0)
		for i, w := range words {
			if f.Stems[i] != want("en", w) {
				t.Errorf("AnalyzeWords: %s has %q, want %q", w, f.Stems[i], want("en", w))
			}
		}
	}
	many := make([]string, maxCachedStems+10)
	for i := range many {
		many[i] = fmt.Sprint("word", i)
	}
	for _, batch := range [][]string{many, many[:100]} {
		f := AnalyzeWords("en", batch, 0)
		if f.Stems[len(batch)-1] != want("en", batch[len(batch)-1]) {
			t.Errorf("the last of %d words: %q", len(batch), f.Stems[len(batch)-1])
		}
		if n := len(stemTables["en"].m); n > maxCachedStems {
			t.Errorf("the table holds %d words, more than %d", n, maxCachedStems)
		}
	}
	for i := range maxCachedStems + 10 {
		StemTokenOf("en", many[i])
	}
	if n := len(stemTables["en"].m); n > maxCachedStems {
		t.Errorf("the table holds %d words, more than %d", n, maxCachedStems)
	}
	if got := StemTokenOf("en", "housing"); got != want("en", "housing") {
		t.Errorf("after filling: %s, want %s", got, want("en", "housing"))
	}
}
