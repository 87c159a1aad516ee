package analysis

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WordSpan is one word of a text: its byte range in the text and its
// folded form, as Tokens would give it.
type WordSpan struct {
	Start, End int
	Folded     string
}

// WordSpans returns the words of s with their places, at most max of them
// (all when max <= 0). Invalid UTF-8 separates words.
func WordSpans(s string, max int) []WordSpan {
	var out []WordSpan
	for w := range EachWordSpan(s) {
		out = append(out, w)
		if max > 0 && len(out) >= max {
			break
		}
	}
	return out
}

// EachWordSpan yields the words of s with their places, as WordSpans
// returns them, one at a time: a caller that stops early (a snippet, soon
// after its first match) does not fold the rest of the text.
func EachWordSpan(s string) iter.Seq[WordSpan] {
	return func(yield func(WordSpan) bool) {
		start := -1
		// flush yields the word from start to end, if any; false stops.
		flush := func(end int) bool {
			if start < 0 {
				return true
			}
			st := start
			start = -1
			// Most words are ASCII letters and digits, folded by
			// lower-casing alone: no need for Tokens' allocations.
			if w := s[st:end]; len(w) <= 64 && isASCII(w) {
				return yield(WordSpan{Start: st, End: end, Folded: strings.ToLower(w)})
			}
			if f := Tokens(s[st:end]); len(f) > 0 {
				return yield(WordSpan{Start: st, End: end, Folded: f[0]})
			}
			return true
		}
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			word := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r))
			if word && start < 0 {
				start = i
			} else if !word && !flush(i) {
				return
			}
			i += n
		}
		flush(len(s))
	}
}
