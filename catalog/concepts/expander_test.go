package concepts

import (
	"testing"

	"github.com/ewsi/hub/catalog"
)

func TestExpanderGivesOtherLanguages(t *testing.T) {
	var e catalog.Expander = Expander{}
	for _, tc := range []struct{ word, lang, wantLang string }{
		{"naturalisation", "en", "de"},
		{"Einbürgerung", "de", "fr"},
		{"naturalisation", "", "it"},
	} {
		got := e.Expand(tc.word, tc.lang)
		found := false
		for _, eq := range got {
			if eq.Language == tc.lang && tc.lang != "" {
				t.Errorf("Expand(%q, %q) returned a label in the query's own language: %+v", tc.word, tc.lang, eq)
			}
			if eq.Language == tc.wantLang && eq.Text != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("Expand(%q, %q) = %+v, want a label in %s", tc.word, tc.lang, got, tc.wantLang)
		}
	}
	if got := e.Expand("zzzqx", "en"); got != nil {
		t.Errorf("an unknown word has equivalents: %+v", got)
	}
}

func TestExpanderGivesEquivalentsOfSeveralWords(t *testing.T) {
	var e catalog.Expander = Expander{}
	got := e.Expand("integration professionnelle", "")
	want := map[catalog.Equivalent]bool{
		{Language: "de", Text: "berufliche Integration"}:                  false,
		{Language: "en", Text: "labour market integration"}:               false,
		{Language: "de", Text: "Arbeitsmarkt", Prefix: true}:              false,
		{Language: "it", Text: "inserimento lavorativo"}:                  false,
		{Language: "fr", Text: "insertion professionnelle"}:               true, // the query's own language
		{Language: "fr", Text: "intégration professionnelle"}:             true,
		{Language: "en", Text: "labour market integration", Prefix: true}: true,
	}
	for _, eq := range got {
		if skip, ok := want[eq]; ok && skip {
			t.Errorf("Expand gave %+v", eq)
		}
		delete(want, eq)
	}
	for eq, skip := range want {
		if !skip {
			t.Errorf("Expand(%q) lacks %+v; got %+v", "integration professionnelle", eq, got)
		}
	}
	if got := e.Expand("professionnelle integration", "fr"); got != nil {
		t.Errorf("words in another order name nothing, got %+v", got)
	}
}
