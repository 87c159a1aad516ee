package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog/analysis"
)

// Vocabulary is what "did you mean" needs of a store: the indexed words
// of titles and summaries that start with the given letter and have
// between min and max letters, how many documents hold a word, and
// whether a query text with the query's filters finds anything.
type Vocabulary interface {
	Words(ctx context.Context, first string, min, max int) ([]string, error)
	Count(ctx context.Context, word string) (int, error)
	Finds(ctx context.Context, text string) (bool, error)
}

// maxSuggestCandidates bounds the words counted per misspelt word.
const maxSuggestCandidates = 5

// Suggest returns text with each plain word of p (not a prefix, not in a
// phrase, not negated) that no document holds replaced by the closest
// word of v: within 1 edit for words of up to 4 letters, 2 beyond,
// starting with the same letter; the nearest wins, then the one more
// documents hold. It returns "" when no word needs or finds a
// replacement, or when the text it would suggest, with the query's
// filters, finds nothing either. Errors are v's.
func Suggest(ctx context.Context, text string, p *Parsed, v Vocabulary) (string, error) {
	repl := map[string]string{}
	for _, w := range plainWords(p.Root) {
		if _, done := repl[w]; done {
			continue
		}
		repl[w] = ""
		n, err := v.Count(ctx, w)
		if err != nil {
			return "", err
		}
		if n > 0 {
			continue
		}
		size := utf8.RuneCountInString(w)
		maxEdits := 1
		if size > 4 {
			maxEdits = 2
		}
		first, _ := utf8.DecodeRuneInString(w)
		words, err := v.Words(ctx, string(first), size-maxEdits, size+maxEdits)
		if err != nil {
			return "", err
		}
		type cand struct {
			word        string
			dist, count int
		}
		var cands []cand
		for _, c := range words {
			if d := distance(w, c, maxEdits); d <= maxEdits {
				cands = append(cands, cand{word: c, dist: d})
			}
		}
		slices.SortFunc(cands, func(a, b cand) int {
			return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(a.word, b.word))
		})
		cands = cands[:min(len(cands), maxSuggestCandidates)]
		for i := range cands {
			if cands[i].count, err = v.Count(ctx, cands[i].word); err != nil {
				return "", err
			}
		}
		slices.SortStableFunc(cands, func(a, b cand) int {
			return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.count, a.count))
		})
		if len(cands) > 0 && cands[0].count > 0 {
			repl[w] = cands[0].word
		}
	}
	var b strings.Builder
	last, changed := 0, false
	for _, s := range analysis.WordSpans(text, 0) {
		if r := repl[s.Folded]; r != "" {
			b.WriteString(text[last:s.Start])
			b.WriteString(r)
			last, changed = s.End, true
		}
	}
	if !changed {
		return "", nil
	}
	b.WriteString(text[last:])
	ok, err := v.Finds(ctx, b.String())
	if err != nil || !ok {
		return "", err
	}
	return b.String(), nil
}

// plainWords lists the words of n that are neither prefixes nor in a
// phrase nor negated.
func plainWords(n Node) []string {
	switch n := n.(type) {
	case Word:
		if !n.Prefix {
			return []string{n.Word}
		}
	case And:
		var out []string
		for _, c := range n.Nodes {
			out = append(out, plainWords(c)...)
		}
		return out
	case Or:
		var out []string
		for _, c := range n.Nodes {
			out = append(out, plainWords(c)...)
		}
		return out
	}
	return nil
}

// distance is the Levenshtein distance of a and b in runes, or max+1 when
// it is over max.
func distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
