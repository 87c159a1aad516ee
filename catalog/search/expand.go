package search

import (
	"fmt"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// MaxExpansionTokens bounds the tokens that equivalents add to one query:
// the words after the budget is spent match as typed, so that a long
// query of words with many equivalents stays a query engines answer in
// time (a word of the vocabulary brings up to a few hundred).
const MaxExpansionTokens = 2000

// expanding reports whether equivalents are still to be added.
func (r resolver) expanding() bool { return r.exp != nil && *r.budget > 0 }

// spend takes the tokens of added alternatives from the budget.
func (r resolver) spend(added []Match) {
	for _, m := range added {
		*r.budget -= tokens(m)
	}
}

// tokens counts the tokens of m.
func tokens(m Match) int {
	switch m := m.(type) {
	case MatchAll:
		n := 0
		for _, c := range m.Nodes {
			n += tokens(c)
		}
		return n
	case MatchAny:
		n := 0
		for _, c := range m.Nodes {
			n += tokens(c)
		}
		return n
	case MatchNone:
		return tokens(m.Node)
	case Sequence:
		return len(m.Tokens)
	}
	return 1
}

// MaxRunWords bounds the consecutive query words looked up together in the
// vocabulary: no entry of it is longer.
const MaxRunWords = 6

// and resolves the nodes of an And. A run of two or more plain words that
// together name an entry of the vocabulary ("integration
// professionnelle") becomes one alternative: the words as typed, or any
// of their equivalents; the longest run from each position wins. Other
// nodes resolve alone, and a stop word is left out when the group has
// other words.
func (r resolver) and(nodes []Node) Match {
	others := false
	for _, c := range nodes {
		if !r.stop(c) {
			others = true
		}
	}
	var out []Match
	for i := 0; i < len(nodes); {
		if n, m := r.run(nodes[i:], others); n > 0 {
			out = append(out, m)
			i += n
			continue
		}
		c := nodes[i]
		i++
		if others && r.stop(c) {
			continue
		}
		out = append(out, r.node(c))
	}
	if len(out) == 1 {
		return out[0]
	}
	return MatchAll{Nodes: out}
}

// run returns how many of the first nodes form the longest run of plain
// words with equivalents, and its match; 0 when no run of two or more
// words has any. A phrase of plain words joins a run with its words, since
// the parser makes one of words joined by an apostrophe or a hyphen
// ("d'emploi").
func (r resolver) run(nodes []Node, others bool) (int, Match) {
	if !r.expanding() {
		return 0, nil
	}
	var words []string
	var ends []int // ends[k-1]: words in the first k nodes
	for _, c := range nodes {
		w := runWords(c)
		if w == nil || len(words)+len(w) > MaxRunWords {
			break
		}
		words = append(words, w...)
		ends = append(ends, len(words))
	}
	for k := len(ends); k >= 1; k-- {
		if ends[k-1] < 2 {
			break
		}
		eqs := r.exp.Expand(strings.Join(words[:ends[k-1]], " "), r.lang)
		if len(eqs) == 0 {
			continue
		}
		var typed []Match
		for _, c := range nodes[:k] {
			if others && r.stop(c) {
				continue
			}
			typed = append(typed, r.node(c))
		}
		alts := alternatives{}
		alts.add(group(typed))
		for _, e := range eqs {
			alts.add(r.equivalent(e, false))
		}
		alts.weigh(1)
		r.spend(alts.nodes[1:])
		return k, alts.match()
	}
	return 0, nil
}

// runWords returns the words of a word or phrase without prefixes, nil
// for any other node.
func runWords(n Node) []string {
	switch n := n.(type) {
	case Word:
		if !n.Prefix {
			return []string{n.Word}
		}
	case Phrase:
		out := make([]string, len(n.Words))
		for i, w := range n.Words {
			if w.Prefix {
				return nil
			}
			out[i] = w.Word
		}
		return out
	}
	return nil
}

// phrase resolves a quoted phrase: its words in sequence, or, when the
// whole phrase names an entry of the vocabulary, any of its equivalents,
// each as a phrase too.
func (r resolver) phrase(p Phrase) Match {
	seq := sequence(p.Words)
	if !r.expanding() {
		return seq
	}
	words := make([]string, len(p.Words))
	for i, w := range p.Words {
		if w.Prefix {
			return seq
		}
		words[i] = w.Word
	}
	alts := alternatives{}
	alts.add(seq)
	for _, e := range r.exp.Expand(strings.Join(words, " "), r.lang) {
		alts.add(r.equivalent(e, true))
	}
	alts.weigh(1)
	r.spend(alts.nodes[1:])
	return alts.match()
}

// equivalent resolves one equivalent, analysed in its own language: a
// word matches its surface form or its stem; several words match as a
// sequence of surface words when asPhrase, else as a group that requires
// each word but a stop word (so "berufliche Integration" also finds
// "beruflichen Integration"). The last word is a prefix when e says so.
// It returns nil for a text without words.
func (r resolver) equivalent(e catalog.Equivalent, asPhrase bool) Match {
	f := analysis.Analyze(e.Language, e.Text, 0)
	n := len(f.Words)
	if n == 0 {
		return nil
	}
	if asPhrase && n > 1 {
		s := Sequence{Tokens: make([]Token, n)}
		for i, w := range f.Words {
			s.Tokens[i] = Token{Text: w}
		}
		s.Tokens[n-1].Prefix = e.Prefix
		return s
	}
	allStop := true
	for _, w := range f.Words {
		if !analysis.IsStop(e.Language, w) {
			allStop = false
		}
	}
	var parts []Match
	for i, w := range f.Words {
		last := i == n-1
		if n > 1 && !allStop && analysis.IsStop(e.Language, w) {
			continue
		}
		if last && e.Prefix {
			parts = append(parts, Token{Text: w, Prefix: true})
			continue
		}
		if f.Stems[i] != "" && f.Stems[i] != w {
			parts = append(parts, MatchAny{Nodes: []Match{Token{Text: w}, Token{Text: f.Stems[i]}}})
			continue
		}
		parts = append(parts, Token{Text: w})
	}
	return group(parts)
}

// group is the MatchAll of parts, or the one part.
func group(parts []Match) Match {
	if len(parts) == 1 {
		return parts[0]
	}
	return MatchAll{Nodes: parts}
}

// alternatives collects the alternatives of a MatchAny without repeats,
// flattening alternatives that are themselves a MatchAny.
type alternatives struct {
	nodes []Match
	seen  map[string]bool
}

func (a *alternatives) add(m Match) {
	if m == nil {
		return
	}
	if any, ok := m.(MatchAny); ok {
		for _, c := range any.Nodes {
			a.add(c)
		}
		return
	}
	if a.seen == nil {
		a.seen = map[string]bool{}
	}
	k := fmt.Sprintf("%#v", m)
	if a.seen[k] {
		return
	}
	a.seen[k] = true
	a.nodes = append(a.nodes, m)
}

// TypedWeight is how many times the words as typed stand among their
// alternatives when equivalents join them. The engines rank by summing
// over the terms of a query (BM25 in FTS5, ts_rank), so a document
// matching many equivalents would otherwise outrank one that has the very
// words typed; repeating them weighs them above any one equivalent
// without changing which documents match. Measured on the relevance set
// (internal/relevance): 2 raised nDCG@10 over all queries from 0.72 to
// 0.74; 3 gave no more. The engines rank by search.Scoring of the query,
// which keeps the repetition and counts every other token once.
const TypedWeight = 2

// weigh repeats the first n alternatives, the words as typed, so that they
// stand TypedWeight times, when equivalents follow them.
func (a *alternatives) weigh(n int) {
	if len(a.nodes) == n {
		return
	}
	typed := a.nodes[:n:n]
	for i := 1; i < TypedWeight; i++ {
		a.nodes = append(a.nodes, typed...)
	}
}

// match is the MatchAny of the alternatives, or the one alternative.
func (a *alternatives) match() Match {
	if len(a.nodes) == 1 {
		return a.nodes[0]
	}
	return MatchAny{Nodes: a.nodes}
}
