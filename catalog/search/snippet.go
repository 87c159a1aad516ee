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
	return newMatcher(m).snippet(lang, text)
}

// AttachSnippets gives each hit a snippet from its summary, else from the
// start of its body (bodies by document id, as the engine read them).
func AttachSnippets(hits []catalog.Hit, m Match, bodies map[int64]string) {
	mt := newMatcher(m)
	for i := range hits {
		h := &hits[i]
		if sn, ok := mt.snippet(h.Language, h.Summary); ok {
			h.Snippet = sn
		} else if sn, ok := mt.snippet(h.Language, bodies[h.ID]); ok {
			h.Snippet = sn
		}
	}
}

// matcher tells which words of documents match the words of a query. It
// remembers each folded word's answer in each language: the words of a
// page of hits repeat, and stemming each anew took most of the time of a
// search's own code at 16 clients in the scale benchmark.
type matcher struct {
	toks []Token
	seen map[string]map[string]bool // by language, then folded word
}

func newMatcher(m Match) *matcher {
	return &matcher{toks: Words(m), seen: map[string]map[string]bool{}}
}

// matches reports whether the folded word w of a document in lang matches
// a word of the query: its surface word, a prefix of it, or its stem.
func (mt *matcher) matches(lang, w string) bool {
	seen := mt.seen[lang]
	if seen == nil {
		seen = map[string]bool{}
		mt.seen[lang] = seen
	}
	if ok, found := seen[w]; found {
		return ok
	}
	ok := mt.match(lang, w)
	seen[w] = ok
	return ok
}

func (mt *matcher) match(lang, w string) bool {
	var stem string
	stemmed := false
	for _, t := range mt.toks {
		switch {
		case t.Prefix && strings.HasPrefix(w, t.Text), !t.Prefix && t.Text == w:
			return true
		case strings.HasPrefix(t.Text, "·"):
			if !stemmed {
				stem, stemmed = analysis.StemTokenOf(lang, w), true
			}
			if stem == t.Text {
				return true
			}
		}
	}
	return false
}

// snippet is Snippet with mt's query. It reads the words of text up to
// the end of the passage, not further.
func (mt *matcher) snippet(lang, text string) (catalog.Snippet, bool) {
	if len(mt.toks) == 0 {
		return catalog.Snippet{}, false
	}
	// words holds the words from a few before the match on; dropped
	// counts the earlier ones, let go while looking for the match.
	words := make([]analysis.WordSpan, 0, 32)
	first, start, dropped := -1, 0, 0
	for w := range analysis.EachWordSpan(text) {
		if first < 0 {
			if dropped+len(words) >= maxSnippetWords {
				break
			}
			if len(words) == cap(words) {
				dropped += len(words) - 6
				words = words[:copy(words, words[len(words)-6:])]
			}
			words = append(words, w)
			if mt.matches(lang, w.Folded) {
				first = len(words) - 1
				// Start a few words before the match.
				if dropped+first-6 > 0 {
					start = words[first-6].Start
				}
			}
			continue
		}
		words = append(words, w)
		// The passage ends at about SnippetBytes from its start, or
		// with the match, in a word that starts before: a word starting
		// past both is past the passage.
		if w.Start >= max(start+SnippetBytes, words[first].End) {
			break
		}
	}
	if first < 0 {
		return catalog.Snippet{}, false
	}
	startWord := max(first-6, 0)
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
		if w.Start >= start && mt.matches(lang, w.Folded) {
			snip.Marks = append(snip.Marks, catalog.Span{Start: w.Start - start, End: w.End - start})
		}
	}
	return snip, true
}
