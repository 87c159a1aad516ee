package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
)

// MarkMissing records which documents of a source a successful harvest
// saw (their keys) and returns how many it marked gone and how many came
// back. A document not seen, published at or after since (an event: starting
// at or after since; any document
// when since is zero: a feed shows only its latest items, and those that
// aged out of it are not gone), has its count of missed runs raised; at after
// runs in a row (catalog.GoneAfterRuns when after <= 0) it is marked gone
// at the given time and leaves the search index (its search vector is
// emptied). A seen document has its count reset and, if it was gone, is
// indexed again. Call it only after a successful harvest that read the
// whole source: a failing source must never lose documents.
func (s *Store) MarkMissing(ctx context.Context, sourceID int64, seen []string, since, at time.Time, after int) (gone, back int, err error) {
	if after <= 0 {
		after = catalog.GoneAfterRuns
	}
	if err := checkText("seen keys", seen...); err != nil {
		return 0, 0, fmt.Errorf("mark missing documents of source %d: %w", sourceID, err)
	}
	if seen == nil {
		seen = []string{}
	}
	fail := func(err error) (int, int, error) {
		return 0, 0, fmt.Errorf("mark missing documents of source %d: %w", sourceID, err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback(ctx)

	const unGone = `UPDATE documents SET missing_runs = 0, gone_at = NULL
	WHERE source_id = $1 AND key = ANY($2) AND gone_at IS NOT NULL`
	backTag, err := tx.Exec(ctx, unGone, sourceID, seen)
	if err != nil {
		return fail(err)
	}
	const reset = `UPDATE documents SET missing_runs = 0
	WHERE source_id = $1 AND key = ANY($2) AND missing_runs > 0`
	if _, err := tx.Exec(ctx, reset, sourceID, seen); err != nil {
		return fail(err)
	}
	const miss = `UPDATE documents SET missing_runs = missing_runs + 1
	WHERE source_id = $1 AND gone_at IS NULL AND NOT (key = ANY($2))
		AND ($3::timestamptz IS NULL OR coalesce((event->>'Start')::timestamptz, published_at) >= $3::timestamptz)`
	if _, err := tx.Exec(ctx, miss, sourceID, seen, nullTime(since)); err != nil {
		return fail(err)
	}
	const markGone = `UPDATE documents SET gone_at = $1
	WHERE source_id = $2 AND gone_at IS NULL AND missing_runs >= $3`
	tag, err := tx.Exec(ctx, markGone, utc(at), sourceID, after)
	if err != nil {
		return fail(err)
	}
	gone, returned := int(tag.RowsAffected()), int(backTag.RowsAffected())
	// Search hides gone documents; its cached counts must be recounted.
	if gone+returned > 0 {
		if err := bumpGeneration(ctx, tx); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fail(err)
	}
	return gone, returned, nil
}

// PutRawObject keeps o as the latest raw object of (o.SourceID, o.URL),
// replacing the one before. It sets o.Hash when empty and o.Fetched to now
// when zero. An unknown source yields an error wrapping
// catalog.ErrNotFound; a URL or content type that cannot be stored, one
// wrapping catalog.ErrInvalid.
func (s *Store) PutRawObject(ctx context.Context, o *catalog.RawObject) error {
	if err := checkText("raw object", o.URL, o.ContentType); err != nil || o.URL == "" {
		return fmt.Errorf("put raw object of source %d: %w: bad URL or content type", o.SourceID, catalog.ErrInvalid)
	}
	if o.Hash == "" {
		o.Hash = catalog.HashBody(o.Body)
	}
	if o.Fetched.IsZero() {
		o.Fetched = now()
	}
	o.Fetched = utc(o.Fetched)
	body := o.Body
	if body == nil {
		body = []byte{}
	}
	const q = `INSERT INTO raw_objects (source_id, url, fetched_at, content_type, hash, body)
	VALUES ($1, $2, $3, $4, $5, $6)
	ON CONFLICT (source_id, url) DO UPDATE SET fetched_at = excluded.fetched_at,
		content_type = excluded.content_type, hash = excluded.hash, body = excluded.body`
	_, err := s.pool.Exec(ctx, q, o.SourceID, o.URL, o.Fetched, o.ContentType, o.Hash, body)
	if isForeignKey(err) {
		return fmt.Errorf("put raw object: source %d: %w", o.SourceID, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("put raw object of source %d: %w", o.SourceID, err)
	}
	return nil
}

// RawObjects returns the raw objects kept for a source, by URL. A source
// with none, or unknown, yields an empty list.
func (s *Store) RawObjects(ctx context.Context, sourceID int64) ([]catalog.RawObject, error) {
	const q = `SELECT source_id, url, fetched_at, content_type, hash, body FROM raw_objects
	WHERE source_id = $1 ORDER BY url`
	rows, err := s.pool.Query(ctx, q, sourceID)
	if err != nil {
		return nil, fmt.Errorf("raw objects of source %d: %w", sourceID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.RawObject, error) {
		var o catalog.RawObject
		err := r.Scan(&o.SourceID, &o.URL, &o.Fetched, &o.ContentType, &o.Hash, &o.Body)
		o.Fetched = o.Fetched.UTC()
		return o, err
	})
	if err != nil {
		return nil, fmt.Errorf("raw objects of source %d: %w", sourceID, err)
	}
	if out == nil {
		out = []catalog.RawObject{}
	}
	return out, nil
}

// MarkGone marks the documents of a source stored under keys gone at the
// given time, at once, and takes them out of the search index: the source
// said they were deleted (an OAI-PMH deleted record). It returns how many
// it marked; unknown or already gone keys are skipped.
func (s *Store) MarkGone(ctx context.Context, sourceID int64, keys []string, at time.Time) (int, error) {
	if err := checkText("gone keys", keys...); err != nil {
		return 0, fmt.Errorf("mark documents of source %d gone: %w", sourceID, err)
	}
	if len(keys) == 0 {
		return 0, nil
	}
	fail := func(err error) (int, error) {
		return 0, fmt.Errorf("mark documents of source %d gone: %w", sourceID, err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback(ctx)
	const q = `UPDATE documents SET gone_at = $1
	WHERE source_id = $2 AND gone_at IS NULL AND key = ANY($3)`
	tag, err := tx.Exec(ctx, q, utc(at), sourceID, keys)
	if err != nil {
		return fail(err)
	}
	// Search hides gone documents; its cached counts must be recounted.
	if tag.RowsAffected() > 0 {
		if err := bumpGeneration(ctx, tx); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fail(err)
	}
	return int(tag.RowsAffected()), nil
}
