package search

import "fmt"

// Scoring returns what the engines rank the documents matching m by: every
// distinct token and sequence of m's positive nodes once, as alternatives,
// those repeated among the alternatives of a MatchAny (the words as
// typed, see TypedWeight) as many times as they stand there. m decides
// which documents match; Scoring only how they rank. The engines sum
// their score over the terms of a query, so ranking by m itself counts a
// token once per equivalent holding it: a document with "language" would
// score it once for each of "language course", "language classes",
// "language learning" and so on, and a document matching many
// equivalents would outrank one with the very words typed. It returns m
// when m has no positive node.
func Scoring(m Match) Match {
	s := scorer{weight: map[string]int{}}
	s.collect(m, 1)
	if len(s.order) == 0 {
		return m
	}
	var out MatchAny
	for _, k := range s.order {
		for range s.weight[k] {
			out.Nodes = append(out.Nodes, s.leaf[k])
		}
	}
	if len(out.Nodes) == 1 {
		return out.Nodes[0]
	}
	return out
}

type scorer struct {
	order  []string
	weight map[string]int
	leaf   map[string]Match
}

func (s *scorer) collect(m Match, w int) {
	switch m := m.(type) {
	case MatchAll:
		for _, c := range m.Nodes {
			s.collect(c, w)
		}
	case MatchAny:
		count := map[string]int{}
		for _, c := range m.Nodes {
			count[key(c)]++
		}
		for _, c := range m.Nodes {
			k := key(c)
			if n := count[k]; n > 0 {
				s.collect(c, w*n)
				count[k] = 0
			}
		}
	case Token, Sequence:
		k := key(m)
		if s.leaf == nil {
			s.leaf = map[string]Match{}
		}
		if _, ok := s.leaf[k]; !ok {
			s.order = append(s.order, k)
			s.leaf[k] = m
		}
		s.weight[k] = max(s.weight[k], w)
	}
}

func key(m Match) string { return fmt.Sprintf("%#v", m) }

// ScoringMatches reports whether Scoring(m) matches the very documents m
// matches: when m is alternatives of tokens and sequences alone, with no
// group requiring several and no negation. An engine can then match with
// the scoring query alone rather than with both.
func ScoringMatches(m Match) bool {
	switch m := m.(type) {
	case MatchAny:
		for _, c := range m.Nodes {
			if !ScoringMatches(c) {
				return false
			}
		}
		return true
	case Token, Sequence:
		return true
	}
	return false
}
