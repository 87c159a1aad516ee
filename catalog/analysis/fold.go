// Package analysis is the hub's text analysis, shared by every search
// engine so that a query finds the same documents in any mode: it splits
// text into words and folds case and diacritics. It does not rank or index.
package analysis

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// special folds letters that decomposition does not reduce to ASCII.
var special = strings.NewReplacer(
	"ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ł", "l", "ħ", "h",
	"ı", "i", "þ", "th", "ð", "d",
	// Greek final sigma folds to sigma.
	"ς", "σ",
)

// Fold lower-cases s and removes diacritics (é→e, ż→z, ά→α), keeping
// scripts other than Latin in their own letters.
func Fold(s string) string {
	if isASCII(s) { // most words: no diacritics to remove
		return strings.ToLower(s)
	}
	// Decomposing is the costly part, and in a text with one accent most
	// words need none: the text is folded word by word, between ASCII
	// spaces, which nothing composes with or is reordered across, so the
	// result is the same as folding it whole.
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, ' ')
		w := s
		if i >= 0 {
			w = s[:i]
		}
		if isASCII(w) {
			for j := 0; j < len(w); j++ {
				c := w[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
		} else {
			b.WriteString(foldWhole(w))
		}
		if i < 0 {
			return b.String()
		}
		b.WriteByte(' ')
		s = s[i+1:]
	}
}

// foldWhole is Fold of a text that is not all ASCII, decomposed whole.
func foldWhole(s string) string {
	s = strings.ToLower(s)
	s = special.Replace(s)
	t := removeMarks.Get().(transform.Transformer)
	defer removeMarks.Put(t)
	out, _, err := transform.String(t, s) // which resets t first
	if err != nil {
		return s
	}
	return out
}

// removeMarks holds transformers removing diacritics: a new one allocates
// kilobytes of buffers, more than folding a word takes otherwise.
var removeMarks = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// MaxTokens bounds how many words one call returns, so a hostile query or a
// huge document cannot make analysis unbounded.
const MaxTokens = 200000

// Tokens splits s into folded words: runs of letters and digits. A word
// longer than 64 bytes is cut, since no real word is.
func Tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		if len(w) > 64 {
			i := 64
			for i > 0 && !utf8.RuneStart(w[i]) {
				i--
			}
			w = w[:i]
		}
		out = append(out, w)
		if len(out) >= MaxTokens {
			break
		}
	}
	return out
}

// IndexText returns the folded words of s joined by spaces: what the
// engines index and what queries are matched against.
func IndexText(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, w := range Tokens(p) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
