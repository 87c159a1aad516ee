package analysis

import (
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
	start := -1
	flush := func(end int) {
		if start >= 0 {
			if f := Tokens(s[start:end]); len(f) > 0 {
				out = append(out, WordSpan{Start: start, End: end, Folded: f[0]})
			}
			start = -1
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		word := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r))
		if word && start < 0 {
			start = i
		} else if !word {
			flush(i)
			if max > 0 && len(out) >= max {
				return out
			}
		}
		i += n
	}
	flush(len(s))
	return out
}
