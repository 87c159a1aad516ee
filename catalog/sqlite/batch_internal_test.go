package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/catalogtest"
)

// TestUpsertDocumentsCancelled checks that a batch whose context is
// cancelled writes nothing and says why, though its statements run
// without the context's cancellation (stmtContext).
func TestUpsertDocumentsCancelled(t *testing.T) {
	s, _ := openTemp(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://news.example/feed", Name: "News"}
	if err := s.CreateSource(t.Context(), &src); err != nil {
		t.Fatal(err)
	}
	docs := make([]*catalog.Document, 3)
	for i := range docs {
		d := catalogtest.SyntheticDocument(src.ID, i)
		docs[i] = &d
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.UpsertDocuments(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("UpsertDocuments with a cancelled context: %v, want context.Canceled", err)
	}
	if n, err := s.CountDocuments(t.Context()); err != nil || n != 0 {
		t.Errorf("after a cancelled batch: %d documents (%v), want none", n, err)
	}
}
