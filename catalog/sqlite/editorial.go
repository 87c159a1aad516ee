package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// SetDocumentState applies an editor's decision to every document of
// c.IDs at once, or to none: it validates c (errors wrap
// catalog.ErrInvalid) and fails with an error wrapping catalog.ErrNotFound
// when one of the IDs is unknown. It returns how many documents it changed.
func (s *Store) SetDocumentState(ctx context.Context, c *catalog.StateChange) (int, error) {
	if err := c.Validate(); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	if err := checkText("state change", c.Reason); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	ids := slices.Clone(c.IDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	list, _ := json.Marshal(ids) // []int64 always marshals
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	defer tx.Rollback()
	const q = `UPDATE documents SET state = ?, state_reason = ?, embargo_until = ?
	WHERE id IN (SELECT value FROM json_each(?))`
	res, err := tx.ExecContext(ctx, q, string(c.State), c.Reason, micros(utc(c.Embargo)), string(list))
	if err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	if int(n) != len(ids) {
		return 0, fmt.Errorf("set document state: %d of %d documents: %w", len(ids)-int(n), len(ids), catalog.ErrNotFound)
	}
	// What search finds changes with the state: recount.
	if err := bumpGeneration(ctx, tx); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	return int(n), nil
}

// ReviewQueue lists the documents in q.State (pending by default) that
// match q's filters, the longest waiting first (by harvest time, then ID),
// one page of them, with the total. Errors are the database's only.
func (s *Store) ReviewQueue(ctx context.Context, q catalog.ReviewQuery) ([]catalog.Document, int, error) {
	q.Normalize()
	where := []string{`state = @state`}
	args := []any{sql.Named("state", string(q.State))}
	if q.SourceID != 0 {
		where = append(where, `source_id = @source`)
		args = append(args, sql.Named("source", q.SourceID))
	}
	if q.ContentType != "" {
		where = append(where, `content_type = @type`)
		args = append(args, sql.Named("type", cleanText(q.ContentType)))
	}
	if q.Language != "" {
		where = append(where, `language = @language`)
		args = append(args, sql.Named("language", cleanText(q.Language)))
	}
	if q.Theme != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(themes) t WHERE t.value = @theme)`)
		args = append(args, sql.Named("theme", cleanText(q.Theme)))
	}
	if q.Country != "" {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(countries) c WHERE c.value = @country)`)
		args = append(args, sql.Named("country", cleanText(q.Country)))
	}
	if len(q.InCountries) > 0 {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(countries) c WHERE c.value IN (SELECT value FROM json_each(@in_countries)))`)
		args = append(args, sql.Named("in_countries", filterList(q.InCountries)))
	}
	if q.OlderThan > 0 {
		where = append(where, `harvested_at <= @before`)
		args = append(args, sql.Named("before", time.Now().Add(-q.OlderThan).UnixMicro()))
	}
	w := ` WHERE ` + strings.Join(where, ` AND `)
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents`+w, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	page := append(args, sql.Named("limit", q.Limit), sql.Named("offset", q.Offset))
	rows, err := tx.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents`+w+`
	ORDER BY harvested_at, id LIMIT @limit OFFSET @offset`, page...)
	if err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	defer rows.Close()
	out := []catalog.Document{}
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("review queue: %w", err)
		}
		out = append(out, *d)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	return out, total, nil
}
