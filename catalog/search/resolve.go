package search

import (
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// Match is a resolved query, in the tokens the index holds: MatchAll,
// MatchAny, MatchNone, Token or Sequence. The stores compile it
// mechanically into their engine's syntax.
type Match interface{ match() }

// MatchAll matches documents that every node matches.
type MatchAll struct{ Nodes []Match }

// MatchAny matches documents that any node matches.
type MatchAny struct{ Nodes []Match }

// MatchNone matches documents that Node does not match; it only stands in
// a MatchAll beside a positive node, or at the top.
type MatchNone struct{ Node Match }

// Token is one index token: a folded surface word (a prefix of one when
// Prefix) or a stem token (see analysis.StemToken).
type Token struct {
	Text   string
	Prefix bool
}

// Sequence is surface words that must follow each other.
type Sequence struct{ Tokens []Token }

func (MatchAll) match()  {}
func (MatchAny) match()  {}
func (MatchNone) match() {}
func (Token) match()     {}
func (Sequence) match()  {}

// Resolve turns a parsed query into index tokens, for documents in langs
// (every language when empty). A word matches its surface form, its stem
// in each of langs that has a stemmer, and, when exp is not nil, the
// equivalents exp gives in other languages; a prefix matches surface words
// only, and a phrase its surface words in sequence. With exp, consecutive
// words that together name an entry of the vocabulary, and a phrase that
// does, also match that entry's equivalents (see and, phrase): unquoted as
// groups of words, quoted as phrases. A word that is a stop word in langs (see
// analysis.IsStopIn) is left out of a group that has other words, so
// "the integration of migrants" does not require "the" and "of" of
// documents in other languages. It returns nil for a nil root.
func Resolve(root Node, langs []string, exp catalog.Expander) Match {
	budget := MaxExpansionTokens
	r := resolver{langs: langs, exp: exp, budget: &budget}
	if len(langs) == 1 {
		r.lang = langs[0]
	}
	return r.node(root)
}

type resolver struct {
	langs []string
	lang  string // the query's one language, or ""
	exp   catalog.Expander
	// budget is what is left of MaxExpansionTokens for this query.
	budget *int
}

func (r resolver) node(n Node) Match {
	switch n := n.(type) {
	case And:
		return r.and(n.Nodes)
	case Or:
		out := make([]Match, len(n.Nodes))
		for i, c := range n.Nodes {
			out[i] = r.node(c)
		}
		return MatchAny{Nodes: out}
	case Not:
		return MatchNone{Node: r.node(n.Node)}
	case Phrase:
		return r.phrase(n)
	case Word:
		return r.word(n)
	}
	return nil
}

// stop reports whether n is a plain word that is a stop word in r.langs.
func (r resolver) stop(n Node) bool {
	w, ok := n.(Word)
	return ok && !w.Prefix && analysis.IsStopIn(w.Word, r.langs)
}

func (r resolver) word(w Word) Match {
	tok := Token{Text: w.Word, Prefix: w.Prefix}
	if w.Prefix {
		return tok
	}
	alts := alternatives{}
	alts.add(tok)
	for _, s := range analysis.QueryStems(w.Word, r.langs) {
		alts.add(Token{Text: s})
	}
	if r.expanding() {
		typed := len(alts.nodes)
		for _, e := range r.exp.Expand(w.Word, r.lang) {
			alts.add(r.equivalent(e, false))
		}
		alts.weigh(typed)
		r.spend(alts.nodes[typed:])
	}
	return alts.match()
}

func sequence(words []Word) Sequence {
	s := Sequence{Tokens: make([]Token, len(words))}
	for i, w := range words {
		s.Tokens[i] = Token{Text: w.Word, Prefix: w.Prefix}
	}
	return s
}

// Positive reports whether m matches by tokens it requires, rather than by
// what it excludes alone (a MatchNone or a MatchAll of them): engines rank
// positive queries and answer the others as "every document but".
func Positive(m Match) bool {
	switch m := m.(type) {
	case MatchNone:
		return false
	case MatchAll:
		for _, c := range m.Nodes {
			if Positive(c) {
				return true
			}
		}
		return false
	}
	return true
}

// Words returns the surface words and prefixes of m that a document
// matching it may contain, for highlighting, leaving out negated ones.
func Words(m Match) []Token {
	var out []Token
	var walk func(Match)
	walk = func(m Match) {
		switch m := m.(type) {
		case MatchAll:
			for _, c := range m.Nodes {
				walk(c)
			}
		case MatchAny:
			for _, c := range m.Nodes {
				walk(c)
			}
		case Sequence:
			out = append(out, m.Tokens...)
		case Token:
			out = append(out, m)
		}
	}
	walk(m)
	return out
}

// Languages returns the languages a query's documents may be in, as far
// as its filters say: those of the text's lang: filter, else those of the
// query's; none means any. Both filters apply, so either set holds every
// language a hit can have.
func Languages(filter, text []string) []string {
	if len(text) > 0 {
		return text
	}
	return filter
}

// Negated returns what a query of negations alone excludes (see
// Positive), as one positive match: the query matches the documents that
// this does not.
func Negated(m Match) Match {
	switch m := m.(type) {
	case MatchNone:
		return m.Node
	case MatchAll:
		var any MatchAny
		for _, c := range m.Nodes {
			any.Nodes = append(any.Nodes, c.(MatchNone).Node)
		}
		return any
	}
	return m
}
