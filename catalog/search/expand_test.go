package search

import (
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/catalog/concepts"
	"github.com/google/go-cmp/cmp"
)

type mapExpander map[string][]catalog.Equivalent

func (m mapExpander) Expand(word, lang string) []catalog.Equivalent { return m[word] }

func tk(s string) Token   { return Token{Text: s} }
func ptok(s string) Token { return Token{Text: s, Prefix: true} }

// st is a word with its stem in lang, as a word resolves.
func st(lang, w string) Match {
	s, _ := analysis.Stem(lang, w)
	return anyOf(tk(w), tk(analysis.StemToken(lang, s)))
}

func anyOf(m ...Match) Match { return MatchAny{Nodes: m} }
func all(m ...Match) Match   { return MatchAll{Nodes: m} }

func TestResolveRuns(t *testing.T) {
	exp := mapExpander{
		"integration professionnelle": {
			{Language: "de", Text: "berufliche Integration"},
			{Language: "de", Text: "Arbeitsmarkt", Prefix: true},
			{Language: "en", Text: "labour market integration"},
		},
		"marche du travail": {{Language: "en", Text: "the labour market"}},
	}
	for _, tc := range []struct {
		text string
		want Match
	}{
		// The words as typed come TypedWeight times.
		{"integration professionnelle", anyOf(
			all(st("fr", "integration"), st("fr", "professionnelle")),
			all(st("de", "berufliche"), st("de", "integration")),
			ptok("arbeitsmarkt"),
			all(st("en", "labour"), st("en", "market"), st("en", "integration")),
			all(st("fr", "integration"), st("fr", "professionnelle")),
		)},
		{`"integration professionnelle"`, anyOf(
			Sequence{[]Token{tk("integration"), tk("professionnelle")}},
			Sequence{[]Token{tk("berufliche"), tk("integration")}},
			ptok("arbeitsmarkt"),
			Sequence{[]Token{tk("labour"), tk("market"), tk("integration")}},
			Sequence{[]Token{tk("integration"), tk("professionnelle")}},
		)},
		// The run is found inside a longer query; the rest resolves alone,
		// and stop words of the typed words and of equivalents drop out.
		{"femmes marche du travail", all(st("fr", "femmes"), anyOf(
			all(st("fr", "marche"), st("fr", "travail")),
			all(st("en", "labour"), st("en", "market")),
			all(st("fr", "marche"), st("fr", "travail")),
		))},
		// Words that only name something apart, a prefix or a negation
		// break a run.
		{"integration -professionnelle", all(st("fr", "integration"), MatchNone{st("fr", "professionnelle")})},
		{"integration professionnel*", all(st("fr", "integration"), ptok("professionnel"))},
		{"professionnelle integration", all(st("fr", "professionnelle"), st("fr", "integration"))},
	} {
		p, err := Parse(tc.text, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		got := Resolve(p.Root, []string{"fr"}, exp)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Resolve(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}

func TestResolveWithoutExpanderKeepsWords(t *testing.T) {
	p, err := Parse(`integration professionnelle "marche du travail"`, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	// Maltese has no stemmer nor stop words: the words stay as typed.
	want := all(tk("integration"), tk("professionnelle"),
		Sequence{[]Token{tk("marche"), tk("du"), tk("travail")}})
	if diff := cmp.Diff(want, Resolve(p.Root, []string{"mt"}, nil)); diff != "" {
		t.Errorf("Resolve without expander (-want +got):\n%s", diff)
	}
}

// FuzzResolveWithVocabulary resolves any query with the hub's vocabulary:
// no panic, expansion never turns a query of exclusions into a positive
// one or back, and equivalents add at most about MaxExpansionTokens (the
// last word to expand may pass the budget by what one word brings).
func FuzzResolveWithVocabulary(f *testing.F) {
	for _, s := range []string{"intégration professionnelle", `"marché du travail"`, "berufliche Integration -Wohnen",
		"cours d'intégration OR Sprachkurse", "labour market integration of refugee women in vocational training",
		"demandeurs d'emploi", "NOT reconnaissance des diplômes", "a b c d e f g h", strings.Repeat("emploi ", 32)} {
		f.Add(s)
	}
	exp := concepts.Expander{}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text, DefaultLimits)
		if err != nil || p.Root == nil {
			return
		}
		plain, expanded := Resolve(p.Root, nil, nil), Resolve(p.Root, nil, exp)
		if Positive(plain) != Positive(expanded) {
			t.Fatalf("%q: expansion changed whether the query is positive", text)
		}
		if n := tokens(expanded); n > MaxExpansionTokens+2*tokens(plain)+1000 {
			t.Fatalf("%q resolves to %d tokens", text, n)
		}
	})
}
