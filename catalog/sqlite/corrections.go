package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
)

// RecordCorrection stores an editor's correction and applies it to the
// document (catalog.ApplyCorrection: the field and its labels), in one
// transaction; the document's content hash
// is kept, so an unchanged re-harvest leaves the correction in place (a
// changed one reclassifies, unless a source rule says otherwise). It
// validates c (errors wrap catalog.ErrInvalid), sets At to now when zero
// and sets c.ID. An unknown document yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) RecordCorrection(ctx context.Context, c *catalog.Correction) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	if err := checkText("correction", c.OldValue, c.NewValue, c.Editor); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	if c.At.IsZero() {
		c.At = now()
	}
	c.At = utc(c.At)
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	defer tx.Rollback()
	d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, c.DocumentID))
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("record correction: document %d: %w", c.DocumentID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	catalog.ApplyCorrection(d, *c)
	themes, subthemes := catalog.ThemeFacets(d.Themes)
	const apply = `UPDATE documents SET content_type = ?, themes = ?, countries = ?, labels = ?,
		theme_roots = ?, subthemes = ? WHERE id = ?`
	if _, err := tx.ExecContext(ctx, apply, d.ContentType, list(d.Themes), list(d.Countries), jsonArray(d.Labels),
		list(themes), list(subthemes), d.ID); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	// What search filters and counts by changed: the index and the
	// generation follow (see search.CountCache).
	if err := index(ctx, tx, d, true); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	const q = `INSERT INTO corrections (document_id, field, old_value, new_value, editor, at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	if err := tx.QueryRowContext(ctx, q, c.DocumentID, c.Field, c.OldValue, c.NewValue, c.Editor,
		micros(c.At)).Scan(&c.ID); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record correction: %w", err)
	}
	return nil
}

// CorrectionsForSource lists the corrections of the documents of a
// source, newest first, at most limit (all when limit <= 0). An unknown
// source gives none.
func (s *Store) CorrectionsForSource(ctx context.Context, sourceID int64, limit int) ([]catalog.Correction, error) {
	if limit <= 0 {
		limit = -1
	}
	const q = `SELECT c.id, c.document_id, c.field, c.old_value, c.new_value, c.editor, c.at
		FROM corrections c JOIN documents d ON d.id = c.document_id
		WHERE d.source_id = ? ORDER BY c.at DESC, c.id DESC LIMIT ?`
	rows, err := s.read.QueryContext(ctx, q, sourceID, limit)
	if err != nil {
		return nil, fmt.Errorf("corrections of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	var out []catalog.Correction
	for rows.Next() {
		var (
			c  catalog.Correction
			at int64
		)
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.Field, &c.OldValue, &c.NewValue, &c.Editor, &at); err != nil {
			return nil, fmt.Errorf("corrections of source %d: %w", sourceID, err)
		}
		c.At = timeOf(sql.NullInt64{Int64: at, Valid: true})
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corrections of source %d: %w", sourceID, err)
	}
	return out, nil
}

// AddSourceRule stores a rule for its source. It validates r (errors
// wrap catalog.ErrInvalid), sets CreatedAt to now when zero and sets
// r.ID. An unknown source or correction yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) AddSourceRule(ctx context.Context, r *catalog.SourceRule) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("add source rule: %w", err)
	}
	if err := checkText("source rule", r.URLPrefix, r.TitleKeyword, r.Value, r.CreatedBy); err != nil {
		return fmt.Errorf("add source rule: %w", err)
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now()
	}
	r.CreatedAt = utc(r.CreatedAt)
	var correction any
	if r.CorrectionID > 0 {
		correction = r.CorrectionID
	}
	const q = `INSERT INTO source_rules (source_id, url_prefix, title_keyword, field, value, remove,
		correction_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	err := s.write.QueryRowContext(ctx, q, r.SourceID, r.URLPrefix, r.TitleKeyword, r.Field, r.Value,
		r.Remove, correction, r.CreatedBy, micros(r.CreatedAt)).Scan(&r.ID)
	if isForeignKey(err) {
		return fmt.Errorf("add source rule: source %d or correction %d: %w", r.SourceID, r.CorrectionID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("add source rule: %w", err)
	}
	return nil
}

// SourceRules lists a source's rules in the order they were added, the
// order the normalizer applies them in.
func (s *Store) SourceRules(ctx context.Context, sourceID int64) ([]catalog.SourceRule, error) {
	const q = `SELECT id, source_id, url_prefix, title_keyword, field, value, remove,
		coalesce(correction_id, 0), created_by, created_at FROM source_rules WHERE source_id = ? ORDER BY id`
	rows, err := s.read.QueryContext(ctx, q, sourceID)
	if err != nil {
		return nil, fmt.Errorf("rules of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	var out []catalog.SourceRule
	for rows.Next() {
		var (
			r  catalog.SourceRule
			at int64
		)
		if err := rows.Scan(&r.ID, &r.SourceID, &r.URLPrefix, &r.TitleKeyword, &r.Field, &r.Value, &r.Remove,
			&r.CorrectionID, &r.CreatedBy, &at); err != nil {
			return nil, fmt.Errorf("rules of source %d: %w", sourceID, err)
		}
		r.CreatedAt = timeOf(sql.NullInt64{Int64: at, Valid: true})
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rules of source %d: %w", sourceID, err)
	}
	return out, nil
}

// DeleteSourceRule deletes a rule; an unknown ID yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) DeleteSourceRule(ctx context.Context, id int64) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM source_rules WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete source rule %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete source rule %d: %w", id, catalog.ErrNotFound)
	}
	return nil
}
