package postgres_test

import (
	"fmt"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
)

// TestBandsGoWithDocuments checks that the band keys of deleted documents
// go with them, however they are deleted, now that no foreign key removes
// them (migration 00133), and that those of the others stay.
func TestBandsGoWithDocuments(t *testing.T) {
	s := mustOpen(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://bands.example/feed", Name: "s"}
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatal(err)
	}
	var docs []*catalog.Document
	for i := range 4 {
		d := catalogtest.SyntheticDocument(src.ID, i)
		docs = append(docs, &d)
	}
	if _, err := s.UpsertDocuments(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	bands := func() map[string]string {
		t.Helper()
		got, err := postgres.QueryPairs(t.Context(), s, `SELECT document_id::text, count(*)::text FROM document_bands GROUP BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := bands(); len(got) != 4 {
		t.Fatalf("bands of %d documents, want 4: %v", len(got), got)
	}
	del := fmt.Sprintf(`DELETE FROM documents WHERE id IN (%d, %d)`, docs[0].ID, docs[1].ID)
	if err := postgres.Exec(s, del); err != nil {
		t.Fatal(err)
	}
	got := bands()
	for i, d := range docs {
		if _, ok := got[fmt.Sprint(d.ID)]; ok != (i >= 2) {
			t.Errorf("document %d (deleted: %v) has bands: %v", d.ID, i < 2, ok)
		}
	}
	if err := postgres.Exec(s, `TRUNCATE documents CASCADE`); err != nil {
		t.Fatal(err)
	}
	if got := bands(); len(got) != 0 {
		t.Errorf("bands left after TRUNCATE: %v", got)
	}
}
