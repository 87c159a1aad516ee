package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
)

// MergeDocuments marks duplicateID (and the copies it represented) as a
// duplicate of intoID's group, and locks that against later harvests.
// Errors wrap catalog.ErrInvalid (a document merged into itself or its
// own group) or catalog.ErrNotFound (an unknown document).
func (s *Store) MergeDocuments(ctx context.Context, duplicateID, intoID int64) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	defer tx.Rollback(ctx)
	var (
		rep, dupRep int64
		locked      []string
	)
	err = tx.QueryRow(ctx, `SELECT coalesce(duplicate_of, id) FROM documents WHERE id = $1 FOR UPDATE`, intoID).Scan(&rep)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("merge into document %d: %w", intoID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	err = tx.QueryRow(ctx, `SELECT coalesce(duplicate_of, id), locked_fields FROM documents WHERE id = $1 FOR UPDATE`,
		duplicateID).Scan(&dupRep, &locked)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("merge document %d: %w", duplicateID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if dupRep == rep {
		return fmt.Errorf("merge document %d: %w: it is already in the group of %d", duplicateID, catalog.ErrInvalid, intoID)
	}
	if !slices.Contains(locked, catalog.FieldDuplicateOf) {
		locked = append(locked, catalog.FieldDuplicateOf)
	}
	if _, err := tx.Exec(ctx, `UPDATE documents SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2`, rep, duplicateID); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE documents SET locked_fields = $1 WHERE id = $2`, locked, duplicateID); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	// The group decides which copy search counts: the generation follows.
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	return nil
}
