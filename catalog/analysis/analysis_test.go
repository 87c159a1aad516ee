package analysis

import (
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func TestStem(t *testing.T) {
	for _, tc := range []struct {
		lang, word, want string
		ok               bool
	}{
		{"en", "housing", "hous", true},
		{"en", "migrants", "migrant", true},
		{"fr", "integration", "integr", true},
		{"fr", "refugies", "refug", true},
		{"de", "integrationskurse", "integrationskurs", true},
		{"es", "integracion", "integracion", true},
		{"it", "integrazione", "integr", true},
		{"nl", "integratie", "integratie", true},
		{"sv", "integrationen", "integration", true},
		{"el", "ενταξη", "", false}, // no Go stemmer for Greek
		{"pl", "integracja", "", false},
		{"", "housing", "", false},
	} {
		got, ok := Stem(tc.lang, tc.word)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Stem(%q, %q) = %q, %v; want %q, %v", tc.lang, tc.word, got, ok, tc.want, tc.ok)
		}
	}
	for _, l := range StemLanguages {
		if !HasStemmer(l) || len(stopWords[l]) == 0 {
			t.Errorf("language %s: stemmer %v, %d stop words", l, HasStemmer(l), len(stopWords[l]))
		}
		if !strings.Contains(strings.Join(catalog.EULanguages, " "), l) {
			t.Errorf("stemmed language %s is not an EU language", l)
		}
	}
	if len(stemmers) != len(StemLanguages) {
		t.Errorf("%d stemmers, %d StemLanguages", len(stemmers), len(StemLanguages))
	}
}

func TestAnalyze(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		max              int
		want             Field
	}{
		{"english", "en", "The Housing of Migrants", 0, Field{
			Words: []string{"the", "housing", "of", "migrants"},
			Stems: []string{"", "·en·hous", "", "·en·migrant"}}},
		{"no stemmer: folding only", "el", "Ελληνικά ΜΑΘΉΜΑΤΑ", 0, Field{
			Words: []string{"ελληνικα", "μαθηματα"}, Stems: []string{"", ""}}},
		{"diacritics folded before stemming", "fr", "Intégration des réfugiés", 0, Field{
			Words: []string{"integration", "des", "refugies"},
			Stems: []string{"·fr·integr", "", "·fr·refug"}}},
		{"cut between words", "", "aaa bbb ccc", 7, Field{
			Words: []string{"aaa", "bbb"}, Stems: []string{"", ""}}},
		{"empty", "en", " ,; ", 0, Field{Stems: []string{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Analyze(tc.lang, tc.text, tc.max)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Analyze (-want +got):\n%s", diff)
			}
		})
	}
	f := Analyze("en", "the housing", 0)
	if got := f.Surface() + "|" + f.StemText(); got != "the housing|·en·hous" {
		t.Errorf("Surface|StemText = %q", got)
	}
}

func TestQueryStems(t *testing.T) {
	for _, tc := range []struct {
		word  string
		langs []string
		want  []string
	}{
		{"housing", []string{"en"}, []string{"·en·hous"}},
		{"housing", []string{"en", "el"}, []string{"·en·hous"}},
		{"the", []string{"en"}, nil},
		{"integration", []string{"de", "fr"}, []string{"·de·integration", "·fr·integr"}},
	} {
		if diff := cmp.Diff(tc.want, QueryStems(tc.word, tc.langs)); diff != "" {
			t.Errorf("QueryStems(%q, %v) (-want +got):\n%s", tc.word, tc.langs, diff)
		}
	}
	if n := len(QueryStems("integration", nil)); n != len(StemLanguages) {
		t.Errorf("QueryStems without languages: %d stems, want one per stemmed language (%d)", n, len(StemLanguages))
	}
}

func TestIsStopIn(t *testing.T) {
	for _, tc := range []struct {
		word  string
		langs []string
		want  bool
	}{
		{"the", nil, true},
		{"the", []string{"en"}, true},
		{"the", []string{"en", "de"}, false},
		{"housing", nil, false},
		{"die", []string{"de"}, true},
	} {
		if got := IsStopIn(tc.word, tc.langs); got != tc.want {
			t.Errorf("IsStopIn(%q, %v) = %v", tc.word, tc.langs, got)
		}
	}
}

func TestDocument(t *testing.T) {
	d := &catalog.Document{Language: "en", Title: "Housing", Summary: strings.Repeat("word ", 5000),
		Text: strings.Repeat("body ", 40000)}
	a := Document(d)
	if len(a.Summary.Surface()) > MaxIndexedSummary || len(a.Body.Surface()) > MaxIndexedBody {
		t.Errorf("summary %d bytes, body %d: over the bounds", len(a.Summary.Surface()), len(a.Body.Surface()))
	}
	if diff := cmp.Diff([]string{"·en·hous"}, a.Title.Stems); diff != "" {
		t.Errorf("title stems (-want +got):\n%s", diff)
	}
}

func TestWordSpans(t *testing.T) {
	text := "Intégration, des réfugiés!"
	want := []WordSpan{{0, 12, "integration"}, {14, 17, "des"}, {18, 28, "refugies"}}
	if diff := cmp.Diff(want, WordSpans(text, 0)); diff != "" {
		t.Errorf("WordSpans (-want +got):\n%s", diff)
	}
	if got := WordSpans(text, 1); len(got) != 1 {
		t.Errorf("WordSpans(max 1) = %v", got)
	}
}
