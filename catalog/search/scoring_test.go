package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScoring(t *testing.T) {
	typed := anyOf(tk("sprachkurse"), tk("·de·sprachkurs"))
	for _, tc := range []struct {
		name    string
		in, out Match
	}{
		{"a token", tk("housing"), tk("housing")},
		{"a sequence", Sequence{Tokens: []Token{tk("a"), tk("b")}}, Sequence{Tokens: []Token{tk("a"), tk("b")}}},
		{
			// The words as typed stand twice among their alternatives;
			// "language" and its stem, in three equivalents, count once.
			"equivalents sharing words",
			anyOf(tk("sprachkurse"), tk("·de·sprachkurs"),
				all(anyOf(tk("language"), tk("·en·languag")), tk("course")),
				all(anyOf(tk("language"), tk("·en·languag")), tk("classes")),
				all(anyOf(tk("language"), tk("·en·languag")), ptok("learn")),
				tk("sprachkurse"), tk("·de·sprachkurs")),
			anyOf(tk("sprachkurse"), tk("sprachkurse"), tk("·de·sprachkurs"), tk("·de·sprachkurs"),
				tk("language"), tk("·en·languag"), tk("course"), tk("classes"), ptok("learn")),
		},
		{
			// A typed group repeated as a whole weighs each of its tokens.
			"typed group",
			anyOf(all(typed, tk("x")), tk("y"), all(typed, tk("x"))),
			anyOf(tk("sprachkurse"), tk("sprachkurse"), tk("·de·sprachkurs"), tk("·de·sprachkurs"),
				tk("x"), tk("x"), tk("y")),
		},
		{
			"negations do not rank",
			all(tk("housing"), MatchNone{Node: tk("rent")}),
			tk("housing"),
		},
		{"only negations", MatchNone{Node: tk("rent")}, MatchNone{Node: tk("rent")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.out, Scoring(tc.in)); diff != "" {
				t.Errorf("Scoring (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoringMatches(t *testing.T) {
	seq := Sequence{Tokens: []Token{tk("a"), tk("b")}}
	for _, tc := range []struct {
		in   Match
		want bool
	}{
		{tk("housing"), true},
		{seq, true},
		{anyOf(tk("housing"), anyOf(seq, ptok("hous")), tk("housing")), true},
		{all(tk("a"), tk("b")), false},
		{anyOf(tk("a"), all(tk("b"), tk("c"))), false},
		{all(tk("a"), MatchNone{Node: tk("b")}), false},
		{MatchNone{Node: tk("b")}, false},
	} {
		if got := ScoringMatches(tc.in); got != tc.want {
			t.Errorf("ScoringMatches(%#v) = %v, want %v", tc.in, got, tc.want)
		}
		// What it promises: the scoring query is then alternatives of
		// the same tokens.
		if tc.want && !cmp.Equal(tokenSet(tc.in), tokenSet(Scoring(tc.in))) {
			t.Errorf("Scoring(%#v) = %#v, other tokens", tc.in, Scoring(tc.in))
		}
	}
}

func tokenSet(m Match) map[Token]bool {
	out := map[Token]bool{}
	for _, t := range Words(m) {
		out[t] = true
	}
	return out
}
