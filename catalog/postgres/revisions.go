package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// EditDocument applies an editor's metadata to a document, in one
// transaction: the changed fields are written (and re-indexed for search),
// locked against later harvests, and recorded as a revision, which it
// returns. Nothing changed gives a nil revision and no error. Errors wrap
// catalog.ErrInvalid (validation) or catalog.ErrNotFound (no document).
func (s *Store) EditDocument(ctx context.Context, e *catalog.DocumentEdit) (*catalog.Revision, error) {
	if err := e.Fields.Validate(); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", e.DocumentID, err)
	}
	f := e.Fields
	fields := append([]string{f.Title, f.Summary, f.Language, f.ContentType}, f.Themes...)
	if err := checkText("document edit", append(fields, f.Countries...)...); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", e.DocumentID, err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("edit document %d: %w", e.DocumentID, err)
	}
	defer tx.Rollback(ctx)
	rev, err := editDocument(ctx, tx, e.DocumentID, e.EditorID, f)
	if err != nil || rev == nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", e.DocumentID, err)
	}
	return rev, nil
}

func editDocument(ctx context.Context, tx pgx.Tx, id, editorID int64, f catalog.DocumentFields) (*catalog.Revision, error) {
	d, err := scanDocument(tx.QueryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1 FOR UPDATE`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("edit document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	var locked []string
	if err := tx.QueryRow(ctx, `SELECT locked_fields FROM documents WHERE id = $1`, id).Scan(&locked); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	before := catalog.FieldsOf(d)
	changed := before.Changed(f)
	if len(changed) == 0 {
		return nil, nil
	}
	f.Apply(d, changed)
	for _, c := range changed {
		if !slices.Contains(locked, c) {
			locked = append(locked, c)
		}
	}
	// The edited fields are searched and faceted at once.
	ia := analysis.Document(d)
	themes, subthemes := catalog.ThemeFacets(d.Themes)
	const upd = `UPDATE documents SET title = $1, summary = $2, language = $3, themes = $4, content_type = $5,
		countries = $6, locked_fields = $7, search = $8::tsvector, search_head = $9::tsvector,
		theme_roots = $10, subthemes = $11 WHERE id = $12`
	if _, err := tx.Exec(ctx, upd, d.Title, d.Summary, d.Language, list(d.Themes), d.ContentType,
		list(d.Countries), locked, tsVector(ia), tsHead(ia), list(themes), list(subthemes), id); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	if err := addTerms(ctx, tx, terms(ia)); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	rev := &catalog.Revision{DocumentID: id, EditorID: editorID, At: now(), Fields: changed, Before: before, After: catalog.FieldsOf(d)}
	b, _ := json.Marshal(rev.Before) // strings and lists always marshal
	a, _ := json.Marshal(rev.After)
	var editor any
	if editorID != 0 {
		editor = editorID
	}
	err = tx.QueryRow(ctx, `INSERT INTO document_revisions (document_id, editor_id, at, fields, before, after)
	VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING id`, id, editor, rev.At, changed, string(b), string(a)).Scan(&rev.ID)
	if isForeignKey(err) {
		return nil, fmt.Errorf("edit document %d: editor %d: %w", id, editorID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("edit document %d: %w", id, err)
	}
	return rev, nil
}

// LockedFields lists the fields of a document that editors changed, which
// harvests keep. An unknown document yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) LockedFields(ctx context.Context, documentID int64) ([]string, error) {
	var locked []string
	err := s.pool.QueryRow(ctx, `SELECT locked_fields FROM documents WHERE id = $1`, documentID).Scan(&locked)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("locked fields of document %d: %w", documentID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("locked fields of document %d: %w", documentID, err)
	}
	return listOf(locked), nil
}

func scanRevision(r pgx.Row) (*catalog.Revision, error) {
	var (
		rev           catalog.Revision
		editor        pgtype.Int8
		at            pgtype.Timestamptz
		before, after []byte
	)
	if err := r.Scan(&rev.ID, &rev.DocumentID, &editor, &at, &rev.Fields, &before, &after); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(before, &rev.Before); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(after, &rev.After); err != nil {
		return nil, err
	}
	rev.Fields = listOf(rev.Fields)
	rev.EditorID, rev.At = editor.Int64, timeOf(at)
	return &rev, nil
}

// DocumentRevisions lists a document's revisions, newest first. Errors are
// the database's only; an unknown document has none.
func (s *Store) DocumentRevisions(ctx context.Context, documentID int64) ([]catalog.Revision, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, document_id, editor_id, at, fields, before, after
	FROM document_revisions WHERE document_id = $1 ORDER BY id DESC`, documentID)
	if err != nil {
		return nil, fmt.Errorf("revisions of document %d: %w", documentID, err)
	}
	defer rows.Close()
	out := []catalog.Revision{}
	for rows.Next() {
		rev, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("revisions of document %d: %w", documentID, err)
		}
		out = append(out, *rev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("revisions of document %d: %w", documentID, err)
	}
	return out, nil
}

// RestoreRevision puts back the values a revision replaced, as a new
// revision by editorID, which it returns (nil when the document already
// has those values). Errors wrap catalog.ErrNotFound (no such revision).
func (s *Store) RestoreRevision(ctx context.Context, revisionID, editorID int64) (*catalog.Revision, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("restore revision %d: %w", revisionID, err)
	}
	defer tx.Rollback(ctx)
	old, err := scanRevision(tx.QueryRow(ctx, `SELECT id, document_id, editor_id, at, fields, before, after
	FROM document_revisions WHERE id = $1`, revisionID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("restore revision %d: %w", revisionID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("restore revision %d: %w", revisionID, err)
	}
	d, err := scanDocument(tx.QueryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1`, old.DocumentID))
	if err != nil {
		return nil, fmt.Errorf("restore revision %d: %w", revisionID, err)
	}
	restored := *d
	old.Before.Apply(&restored, old.Fields)
	rev, err := editDocument(ctx, tx, old.DocumentID, editorID, catalog.FieldsOf(&restored))
	if err != nil || rev == nil {
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("restore revision %d: %w", revisionID, err)
	}
	return rev, nil
}
