package sqlite

import (
	"net/url"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestUnchangedWithoutWriteLock checks that upserting documents as they
// are stored needs no write lock, alone or in a batch: they are answered
// Unchanged, with the stored ID and editorial state, while another
// connection holds the lock, as a harvest re-reading its feeds does while
// an editor or another process writes.
func TestUnchangedWithoutWriteLock(t *testing.T) {
	ctx := t.Context()
	s, path := openTemp(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://unchanged.example/feed", Name: "s"}
	if err := s.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	d := catalog.Document{SourceID: src.ID, Key: "k", URL: "https://unchanged.example/k", Language: "en",
		Title: "Evening classes", Text: "Free evening language classes for adults."}
	if _, err := s.UpsertDocument(ctx, &d); err != nil {
		t.Fatal(err)
	}
	e := catalog.Document{SourceID: src.ID, Key: "e", URL: "https://unchanged.example/e", Language: "en",
		Title: "Job fair", Text: "A job fair for newcomers and employers of the region."}
	if _, err := s.UpsertDocument(ctx, &e); err != nil {
		t.Fatal(err)
	}
	other, err := openDB(path, url.Values{"_busy_timeout": {"100"}})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)

	again := catalog.Document{SourceID: src.ID, Key: "k", URL: d.URL, Language: "en", Title: d.Title, Text: d.Text}
	res, err := s.UpsertDocument(ctx, &again)
	if err != nil || res != catalog.Unchanged {
		t.Fatalf("UpsertDocument of the stored document while the lock is held = %v, %v; want Unchanged", res, err)
	}
	if again.ID != d.ID || again.State != d.State || again.State == "" {
		t.Errorf("Unchanged document: ID %d, state %q; want %d, %q", again.ID, again.State, d.ID, d.State)
	}

	batch := []*catalog.Document{
		{SourceID: src.ID, Key: "e", URL: e.URL, Language: "en", Title: e.Title, Text: e.Text},
		{SourceID: src.ID, Key: "k", URL: d.URL, Language: "en", Title: d.Title, Text: d.Text},
	}
	got, err := s.UpsertDocuments(ctx, batch)
	if err != nil || len(got) != 2 || got[0] != catalog.Unchanged || got[1] != catalog.Unchanged {
		t.Fatalf("UpsertDocuments of two stored documents while the lock is held = %v, %v; want Unchanged twice", got, err)
	}
	if batch[0].ID != e.ID || batch[1].ID != d.ID || batch[0].State != e.State {
		t.Errorf("Unchanged batch: IDs %d, %d, state %q; want %d, %d, %q", batch[0].ID, batch[1].ID, batch[0].State, e.ID, d.ID, e.State)
	}
}
