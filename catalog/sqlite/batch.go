package sqlite

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// UpsertDocuments stores several documents in one transaction, each as
// UpsertDocument would (the same validation, defaults, results and search
// index), and returns their results in order. It is the loader of bulk
// work (benchmarks, imports): one commit and one generation bump for the
// whole batch rather than one per document. Nothing is written when any
// document fails; the error names it.
func (s *Store) UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error) {
	for _, d := range docs {
		if err := prepareDocument(d); err != nil {
			return nil, err
		}
	}
	derived := deriveAll(docs)
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	defer tx.Rollback()
	btx := newBatchTx(tx)
	btx.derived = derived
	out := make([]catalog.UpsertResult, len(docs))
	changed := false
	for i, d := range docs {
		if out[i], err = upsertDocument(ctx, btx, d); err != nil {
			return nil, err
		}
		changed = changed || out[i] != catalog.Unchanged
	}
	if !changed {
		return out, nil
	}
	if err := btx.flushFTS(ctx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	s.ckpt.committed()
	return out, nil
}

// prepareDocument validates d and sets the defaults UpsertDocument sets.
func prepareDocument(d *catalog.Document) error {
	if err := checkDocument(d); err != nil {
		return fmt.Errorf("upsert document: %w", err)
	}
	if d.ContentHash == "" {
		d.ContentHash = d.Hash()
	}
	if d.Harvested.IsZero() {
		d.Harvested = now()
	}
	d.Published, d.Updated, d.Harvested = utc(d.Published), utc(d.Updated), utc(d.Harvested)
	return nil
}
