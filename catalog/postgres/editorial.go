package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
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
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	defer tx.Rollback(ctx)
	const q = `UPDATE documents SET state = $1, state_reason = $2, embargo_until = $3 WHERE id = ANY ($4)`
	tag, err := tx.Exec(ctx, q, string(c.State), c.Reason, nullTime(utc(c.Embargo)), ids)
	if err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	n := int(tag.RowsAffected())
	if n != len(ids) {
		return 0, fmt.Errorf("set document state: %d of %d documents: %w", len(ids)-n, len(ids), catalog.ErrNotFound)
	}
	// What search finds changes with the state: recount.
	if err := bumpGeneration(ctx, tx); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("set document state: %w", err)
	}
	return n, nil
}

// ReviewQueue lists the documents in q.State (pending by default) that
// match q's filters, the longest waiting first (by harvest time, then ID),
// one page of them, with the total. Errors are the database's only.
func (s *Store) ReviewQueue(ctx context.Context, q catalog.ReviewQuery) ([]catalog.Document, int, error) {
	q.Normalize()
	where := []string{`state = @state`}
	args := pgx.NamedArgs{"state": string(q.State)}
	if q.SourceID != 0 {
		where = append(where, `source_id = @source`)
		args["source"] = q.SourceID
	}
	if q.ContentType != "" {
		where = append(where, `content_type = @type`)
		args["type"] = cleanText(q.ContentType)
	}
	if q.Language != "" {
		where = append(where, `language = @language`)
		args["language"] = cleanText(q.Language)
	}
	if q.Theme != "" {
		where = append(where, `@theme = ANY (themes)`)
		args["theme"] = cleanText(q.Theme)
	}
	if q.Country != "" {
		where = append(where, `@country = ANY (countries)`)
		args["country"] = cleanText(q.Country)
	}
	if len(q.InCountries) > 0 {
		where = append(where, `countries && @in_countries::text[]`)
		args["in_countries"] = filterList(q.InCountries)
	}
	if q.OlderThan > 0 {
		where = append(where, `harvested_at <= @before`)
		args["before"] = time.Now().Add(-q.OlderThan)
	}
	w := ` WHERE ` + strings.Join(where, ` AND `)
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	defer tx.Rollback(ctx)
	var total int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents`+w, args).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("review queue: %w", err)
	}
	args["limit"], args["offset"] = q.Limit, q.Offset
	rows, err := tx.Query(ctx, `SELECT `+documentColumns+` FROM documents`+w+`
	ORDER BY harvested_at, id LIMIT @limit OFFSET @offset`, args)
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
