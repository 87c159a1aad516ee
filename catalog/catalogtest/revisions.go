package catalogtest

import (
	"slices"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testRevisions(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
	src := mustSource(t, s, feed("https://edits.example/feed"))
	d := doc(src.ID, "item")
	d.Title, d.Summary, d.ContentType, d.Themes, d.Countries = "Harvested title", "Harvested summary", "news", []string{"health"}, []string{"FR"}
	d = mustUpsert(t, s, d, catalog.Created)

	// The editor fixes the title and the themes.
	fields := catalog.FieldsOf(&d)
	fields.Title, fields.Themes = "  Mentoring for young refugees  ", []string{"employment", "health"}
	before := time.Now().Add(-time.Second)
	rev, err := s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, EditorID: editor.ID, Fields: fields})
	if err != nil || rev == nil {
		t.Fatalf("EditDocument: %+v, %v", rev, err)
	}
	if !slices.Equal(rev.Fields, []string{catalog.FieldTitle, catalog.FieldThemes}) || rev.Before.Title != "Harvested title" ||
		rev.After.Title != "Mentoring for young refugees" || rev.EditorID != editor.ID || rev.At.Before(before) || rev.ID <= 0 {
		t.Errorf("revision = %+v", rev)
	}
	got, _ := s.Document(ctx, d.ID)
	if got.Title != "Mentoring for young refugees" || !slices.Equal(got.Themes, []string{"employment", "health"}) || got.Summary != "Harvested summary" {
		t.Errorf("edited document = %+v", got)
	}
	if locked, err := s.LockedFields(ctx, d.ID); err != nil || !slices.Equal(locked, []string{catalog.FieldTitle, catalog.FieldThemes}) {
		t.Errorf("LockedFields = %v, %v", locked, err)
	}
	// Search reads the edited title.
	if res, err := s.Search(ctx, catalog.Query{Text: "mentoring"}); err != nil || res.Total != 1 {
		t.Errorf("search for the edited title: %+v, %v", res, err)
	}
	// Nothing changed: no revision.
	if again, err := s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, EditorID: editor.ID, Fields: catalog.FieldsOf(got)}); err != nil || again != nil {
		t.Errorf("an edit changing nothing: %+v, %v", again, err)
	}

	// A later harvest changes title, summary and themes: the editor's
	// fields stay, the others follow the source.
	h := doc(src.ID, "item")
	h.Title, h.Summary, h.Text, h.ContentType, h.Themes, h.Countries = "New harvested title", "New summary", "New body", "news", []string{"housing"}, []string{"FR"}
	h = mustUpsert(t, s, h, catalog.Updated)
	got, _ = s.Document(ctx, d.ID)
	if got.Title != "Mentoring for young refugees" || !slices.Equal(got.Themes, []string{"employment", "health"}) ||
		got.Summary != "New summary" || got.Text != "New body" {
		t.Errorf("after a harvest, the document = title %q themes %v summary %q text %q", got.Title, got.Themes, got.Summary, got.Text)
	}

	// A second edit, then restore the first: the title goes back.
	fields = catalog.FieldsOf(got)
	fields.ContentType = "report"
	second, err := s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, EditorID: editor.ID, Fields: fields})
	if err != nil || second == nil {
		t.Fatal(err)
	}
	restored, err := s.RestoreRevision(ctx, rev.ID, editor.ID)
	if err != nil || restored == nil {
		t.Fatalf("RestoreRevision: %+v, %v", restored, err)
	}
	got, _ = s.Document(ctx, d.ID)
	if got.Title != "Harvested title" || !slices.Equal(got.Themes, []string{"health"}) || got.ContentType != "report" {
		t.Errorf("after restoring the first revision: title %q themes %v type %q", got.Title, got.Themes, got.ContentType)
	}
	list, err := s.DocumentRevisions(ctx, d.ID)
	if err != nil || len(list) != 3 {
		t.Fatalf("DocumentRevisions = %d, %v", len(list), err)
	}
	if list[0].ID != restored.ID || list[2].ID != rev.ID {
		t.Errorf("revisions not newest first: %d %d %d", list[0].ID, list[1].ID, list[2].ID)
	}
	if diff := cmp.Diff(*rev, list[2]); diff != "" {
		t.Errorf("stored revision (-want +got):\n%s", diff)
	}
	checkUTC(t, "revision", list[0].At)

	// Errors.
	_, err = s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: 404, Fields: fields})
	wantErr(t, "unknown document", err, catalog.ErrNotFound)
	bad := fields
	bad.Title = " "
	_, err = s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, Fields: bad})
	wantErr(t, "empty title", err, catalog.ErrInvalid)
	bad = fields
	bad.Themes = []string{"nope"}
	_, err = s.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, Fields: bad})
	wantErr(t, "unknown theme", err, catalog.ErrInvalid)
	_, err = s.RestoreRevision(ctx, 404, editor.ID)
	wantErr(t, "unknown revision", err, catalog.ErrNotFound)
	_, err = s.LockedFields(ctx, 404)
	wantErr(t, "locked fields of unknown", err, catalog.ErrNotFound)
}
