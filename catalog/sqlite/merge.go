package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
)

// MergeDocuments marks duplicateID (and the copies it represented) as a
// duplicate of intoID's group, and locks that against later harvests.
// Errors wrap catalog.ErrInvalid (a document merged into itself or its
// own group) or catalog.ErrNotFound (an unknown document).
func (s *Store) MergeDocuments(ctx context.Context, duplicateID, intoID int64) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	defer tx.Rollback()
	var (
		rep, dupRep int64
		locked      string
	)
	err = tx.QueryRowContext(ctx, `SELECT coalesce(duplicate_of, id) FROM documents WHERE id = ?`, intoID).Scan(&rep)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("merge into document %d: %w", intoID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(duplicate_of, id), locked_fields FROM documents WHERE id = ?`, duplicateID).Scan(&dupRep, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("merge document %d: %w", duplicateID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if dupRep == rep {
		return fmt.Errorf("merge document %d: %w: it is already in the group of %d", duplicateID, catalog.ErrInvalid, intoID)
	}
	fields, err := listOf(locked)
	if err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if !slices.Contains(fields, catalog.FieldDuplicateOf) {
		fields = append(fields, catalog.FieldDuplicateOf)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?`,
		rep, duplicateID, duplicateID); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET locked_fields = ? WHERE id = ?`, list(fields), duplicateID); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	// The group decides which copy search counts: the generation follows.
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("merge document %d: %w", duplicateID, err)
	}
	return nil
}
