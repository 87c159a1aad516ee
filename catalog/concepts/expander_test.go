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
