package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Integración":              "integracion",
		"Ελληνικά":                 "ελληνικα",
		"ΚΟΙΝΩΝΙΚΉ ΈνταξΗ":         "κοινωνικη ενταξη",
		"Straße":                   "strasse",
		"Għaqda ċentrali żgħażagħ": "ghaqda centrali zghazagh",
		"Łódź":                     "lodz",
		"Ærø Œuvre":                "aero oeuvre",
		"интеграция":               "интеграция",
		"Übergang":                 "ubergang",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("L'intégration, c'est — «la clé» ; 2026/27!")
	want := []string{"l", "integration", "c", "est", "la", "cle", "2026", "27"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Tokens (-want +got):\n%s", diff)
	}
	long := strings.Repeat("ż", 100)
	for _, w := range Tokens(long) {
		if len(w) > 64 || !utf8.ValidString(w) {
			t.Errorf("long word cut badly: %d bytes, valid=%v", len(w), utf8.ValidString(w))
		}
	}
}

func TestIndexText(t *testing.T) {
	if got := IndexText("Berufliche Integration", "", "für Geflüchtete"); got != "berufliche integration fur gefluchtete" {
		t.Errorf("IndexText = %q", got)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"", "Integración", "ΕΛΛΗΝΙΚΑ", "\xff\xfe", strings.Repeat("a", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		if len(toks) > MaxTokens {
			t.Fatalf("%d tokens", len(toks))
		}
		for _, w := range toks {
			if w == "" || len(w) > 64 {
				t.Fatalf("bad token %q", w)
			}
		}
	})
}

// FuzzFold checks that folding word by word gives what folding the text
// whole gives.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Integración sociale", "e\u0301 x", "e \u0301", "ΚΟΙΝΩΝΙΚΉ  Ένταξη ", " Straße\tÆ", "\xff a\xe9 b",
		"\u1100\u1161 \u11a8", "a\u0301\u0327 b", "Ł ódź"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isASCII(s) {
			return
		}
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Errorf("Fold(%q) = %q, folded whole %q", s, got, want)
		}
	})
}
