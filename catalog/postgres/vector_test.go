package postgres_test

import (
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
)

// TestVectorsLikeText checks that the search vectors sent in binary are
// stored exactly as the text form was: lexemes merged and sorted,
// positions merged, at most 256 per lexeme, clamped at 16383.
func TestVectorsLikeText(t *testing.T) {
	s := mustOpen(t)
	docs := []catalog.Document{
		{Language: "en", Title: "Housing housing HOUSING", Summary: "houses for housing", Text: "house"},
		{Language: "de", Title: "Straße und Strasse", Summary: "Öffentliche Ämter", Text: "Ämter ämter Amt"},
		{Language: "fr", Title: "l'école d'été", Summary: "", Text: strings.Repeat("école ", 300)},
		{Language: "en", Title: "long", Summary: "words", Text: strings.Repeat("alpha beta gamma delta ", 4500)},
		{Language: "xx", Title: "no stemmer", Text: "unknown language words words"},
		{Language: "en"},
	}
	for i := range 20 {
		docs = append(docs, catalogtest.SyntheticDocument(1, i))
	}
	for i, d := range docs {
		got, want, err := postgres.Vectors(t.Context(), s, &d)
		if err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		for j, name := range []string{"search", "search_head"} {
			if got[j] != want[j] {
				t.Errorf("document %d: %s from binary differs from the text form:\n got %.300s\nwant %.300s", i, name, got[j], want[j])
			}
		}
	}
}
