package catalogtest

import (
	"slices"
	"testing"

	"github.com/ewsi/hub/catalog"
)

func testMerge(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	a := mustSource(t, s, feed("https://a.example/feed"))
	b := mustSource(t, s, feed("https://b.example/feed"))
	first := mustUpsert(t, s, doc(a.ID, "report"), catalog.Created)
	other := doc(b.ID, "copy")
	other.Title, other.Text = "A different title", "An entirely different text about housing"
	copyDoc := mustUpsert(t, s, other, catalog.Created)
	if copyDoc.DuplicateOf != 0 {
		t.Fatalf("unrelated texts grouped: %+v", copyDoc)
	}

	if err := s.MergeDocuments(ctx, copyDoc.ID, first.ID); err != nil {
		t.Fatalf("MergeDocuments: %v", err)
	}
	group, err := s.DocumentGroup(ctx, copyDoc.ID)
	if err != nil || len(group) != 2 || group[0].ID != first.ID || group[1].ID != copyDoc.ID {
		t.Errorf("group after merge = %+v, %v", group, err)
	}
	if got, _ := s.Document(ctx, copyDoc.ID); got.DuplicateOf != first.ID {
		t.Errorf("DuplicateOf = %d, want %d", got.DuplicateOf, first.ID)
	}
	if locked, _ := s.LockedFields(ctx, copyDoc.ID); !slices.Contains(locked, catalog.FieldDuplicateOf) {
		t.Errorf("locked = %v", locked)
	}
	// A harvest with new content leaves the editor's merge alone.
	other.Text, other.ContentHash = "Yet another text, about schools", ""
	if got := mustUpsert(t, s, other, catalog.Updated); got.DuplicateOf != first.ID {
		t.Errorf("after a harvest, DuplicateOf = %d", got.DuplicateOf)
	}
	if got, _ := s.Document(ctx, copyDoc.ID); got.DuplicateOf != first.ID {
		t.Errorf("stored after a harvest, DuplicateOf = %d", got.DuplicateOf)
	}

	wantErr(t, "into its own group", s.MergeDocuments(ctx, copyDoc.ID, first.ID), catalog.ErrInvalid)
	wantErr(t, "into itself", s.MergeDocuments(ctx, first.ID, first.ID), catalog.ErrInvalid)
	wantErr(t, "unknown duplicate", s.MergeDocuments(ctx, 404, first.ID), catalog.ErrNotFound)
	wantErr(t, "unknown target", s.MergeDocuments(ctx, first.ID, 404), catalog.ErrNotFound)
}
