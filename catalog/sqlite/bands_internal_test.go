package sqlite

import (
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestBandKeysMigration applies 00142 to a catalog whose band keys the
// table of 00022 holds: the keys are kept, a near-duplicate upserted
// afterwards is found by them, and deleting a document still removes its
// keys, now by trigger rather than by foreign key.
func TestBandKeysMigration(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	p, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 141); err != nil {
		t.Fatal(err)
	}
	var srcs [2]catalog.Source
	for i := range srcs {
		srcs[i] = catalog.Source{Kind: catalog.KindFeed, URL: "https://news" + string(rune('a'+i)) + ".example/feed", Name: "News"}
		if err := s.CreateSource(ctx, &srcs[i]); err != nil {
			t.Fatal(err)
		}
	}
	text := strings.Repeat("The city council opens free evening language classes for newly arrived adults in every district. ", 5)
	orig := catalog.Document{SourceID: srcs[0].ID, Key: "a", URL: "https://newsa.example/a", Language: "en",
		Title: "Language classes", Text: text}
	if _, err := s.UpsertDocument(ctx, &orig); err != nil {
		t.Fatal(err)
	}
	if n := bandCount(t, s, orig.ID); n != 21 {
		t.Fatalf("before 00142: %d band keys, want 21", n)
	}

	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := bandCount(t, s, orig.ID); n != 21 {
		t.Errorf("after 00142: %d band keys, want 21", n)
	}
	cp := catalog.Document{SourceID: srcs[1].ID, Key: "b", URL: "https://newsb.example/b", Language: "en",
		Title: "Language classes", Text: text + " Registration opens on Monday."}
	if _, err := s.UpsertDocument(ctx, &cp); err != nil {
		t.Fatal(err)
	}
	if cp.DuplicateOf != orig.ID {
		t.Errorf("after 00142: the copy's DuplicateOf = %d, want %d", cp.DuplicateOf, orig.ID)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, orig.ID); err != nil {
		t.Fatal(err)
	}
	if n := bandCount(t, s, orig.ID); n != 0 {
		t.Errorf("after deleting the document: %d band keys, want none", n)
	}
	if n := bandCount(t, s, cp.ID); n != 21 {
		t.Errorf("the copy's band keys: %d, want 21", n)
	}
}

// bandCount counts the band keys of the document id.
func bandCount(t *testing.T, s *Store, id int64) int {
	t.Helper()
	var n int
	if err := s.read.QueryRowContext(t.Context(), `SELECT count(*) FROM document_bands WHERE document_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
