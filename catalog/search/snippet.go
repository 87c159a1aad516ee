package search

import (
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// SnippetBytes is about how long a snippet is.
const SnippetBytes = 240

// maxSnippetWords bounds the words of a text scanned for a snippet.
const maxSnippetWords = 5000

// Snippet returns a passage of text, of a document in lang, around the
// first word that m matches (its surface word, a prefix of it, or its stem
// in lang), with every matching word of the passage marked; ok is false
// when no word matches. Negated words are not marked.
func Snippet(lang, text string, m Match) (catalog.Snippet, bool) {
	toks := Words(m)
	if len(toks) == 0 {
		return catalog.Snippet{}, false
	}
	matches := func(w string) bool {
		var stem string
		for _, t := range toks {
			switch {
			case t.Prefix && strings.HasPrefix(w, t.Text), !t.Prefix && t.Text == w:
				return true
			case strings.HasPrefix(t.Text, "·"):
				if stem == "" {
					if s, ok := analysis.Stem(lang, w); ok && !analysis.IsStop(lang, w) {
						stem = analysis.StemToken(lang, s)
					} else {
						stem = "-"
					}
				}
				if stem == t.Text {
					return true
				}
			}
		}
		return false
	}
	words := analysis.WordSpans(text, maxSnippetWords)
	first := -1
	for i, w := range words {
		if matches(w.Folded) {
			first = i
			break
		}
	}
	if first < 0 {
		return catalog.Snippet{}, false
	}
	// Start a few words before the match, end at about SnippetBytes.
	startWord := max(first-6, 0)
	start := words[startWord].Start
	if startWord == 0 {
		start = 0
	}
	end := min(len(text), start+SnippetBytes)
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	if words[first].End > end {
		end = words[first].End
	}
	// End between words.
	for i := first; i < len(words); i++ {
		if words[i].Start < end && words[i].End > end {
			end = words[i].End
			break
		}
	}
	snip := catalog.Snippet{Text: text[start:end]}
	for _, w := range words[startWord:] {
		if w.Start >= end {
			break
		}
		if w.Start >= start && matches(w.Folded) {
			snip.Marks = append(snip.Marks, catalog.Span{Start: w.Start - start, End: w.End - start})
		}
	}
	return snip, true
}
