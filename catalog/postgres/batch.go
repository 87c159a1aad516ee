package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
)

// UpsertDocuments stores several documents in one transaction, each as
// UpsertDocument would (the same validation, defaults, results, search
// vectors and race handling), and returns their results in order. It is
// the loader of bulk work (benchmarks, imports): one commit and one
// generation bump for the whole batch rather than one per document.
// Nothing is written when any document fails; the error names it.
func (s *Store) UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error) {
	for _, d := range docs {
		if err := prepareDocument(d); err != nil {
			return nil, err
		}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	defer tx.Rollback(ctx)
	btx := &batchTx{Tx: tx}
	out := make([]catalog.UpsertResult, len(docs))
	changed := false
	for i, d := range docs {
		if out[i], err = upsertRetrying(ctx, btx, d); err != nil {
			return nil, err
		}
		changed = changed || out[i] != catalog.Unchanged
	}
	if !changed {
		return out, nil
	}
	// The words of the whole batch go in at once, in order: batches
	// adding the same words in different orders would deadlock.
	slices.Sort(btx.terms)
	if err := addTerms(ctx, tx, slices.Compact(btx.terms)); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	created := 0
	for _, r := range out {
		if r == catalog.Created {
			created++
		}
	}
	if err := s.analyzeAfter(ctx, created); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	// A batch leaves the GIN index's pending list merged, so that searches
	// do not scan it (see migration 00091).
	if _, err := s.pool.Exec(ctx, `SELECT gin_clean_pending_list('documents_search'::regclass)`); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	return out, nil
}

// analyzeAfter refreshes the planner's statistics of documents when the
// documents just created are a tenth of those it knows of or more. The
// plans of searches depend on them (without, PostgreSQL filters every
// document by state and reads its vector rather than use the GIN index),
// and a bulk load is done before autovacuum, when it runs at all, gets to
// them.
func (s *Store) analyzeAfter(ctx context.Context, created int) error {
	if created == 0 {
		return nil
	}
	var known float64
	if err := s.pool.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'documents'::regclass`).Scan(&known); err != nil {
		return err
	}
	if known >= 0 && float64(created) < known/10 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `ANALYZE documents`)
	return err
}

// batchTx is the transaction of a batch: it holds back the words of "did
// you mean" until the batch has written its documents.
type batchTx struct {
	pgx.Tx
	terms []string
}

// upsertRetrying runs upsertDocument until it does not lose a race with a
// concurrent insert of the same key (see UpsertDocument).
func upsertRetrying(ctx context.Context, tx pgx.Tx, d *catalog.Document) (catalog.UpsertResult, error) {
	for range 3 {
		res, err := upsertDocument(ctx, tx, d)
		if errors.Is(err, errRetry) {
			continue
		}
		return res, err
	}
	return 0, fmt.Errorf("upsert document %q: lost too many races with concurrent writers", d.Key)
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
