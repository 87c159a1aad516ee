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
