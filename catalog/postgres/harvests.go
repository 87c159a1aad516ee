package postgres

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Run statuses, as harvest_runs stores them.
const (
	runOK          = "ok"
	runNotModified = "not_modified"
	runFailed      = "failed"
)

// RecordHarvest records one harvest of a source and updates the source from
// it, in one transaction, and returns the run's ID.
//
// A harvest without Err succeeds: the source becomes ok with FailCount 0, no
// LastError, LastSuccess = Finished, and takes the outcome's ETag and
// LastModified when they are not empty. A harvest with Err fails: the
// source becomes failing, FailCount grows by one, LastError = Err, and its
// validators are kept. Either way LastHarvest = Finished (now when zero),
// and NextCheck and Interval are taken from the outcome when set. A disabled
// source stays disabled. An unknown source yields an error wrapping
// catalog.ErrNotFound and records nothing.
func (s *Store) RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error) {
	if err := checkText("harvest outcome", o.Err, o.Stage, o.ETag, o.LastModified); err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	if o.Interval < 0 {
		return 0, fmt.Errorf("record harvest of source %d: %w: negative interval %v",
			o.SourceID, catalog.ErrInvalid, o.Interval)
	}
	finished := utc(o.Finished)
	if finished.IsZero() {
		finished = now()
	}
	ok := o.Err == ""
	status, run := catalog.StatusOK, runOK
	etag, lastModified := o.ETag, o.LastModified
	switch {
	case !ok:
		status, run = catalog.StatusFailing, runFailed
		etag, lastModified = "", ""
	case o.NotModified:
		run = runNotModified
	}

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	defer tx.Rollback(ctx)

	const update = `UPDATE sources SET
		status        = CASE WHEN status = 'disabled' THEN status ELSE @status END,
		fail_count    = CASE WHEN @ok THEN 0 ELSE fail_count + 1 END,
		last_error    = @err,
		last_success  = CASE WHEN @ok THEN @finished ELSE last_success END,
		last_harvest  = @finished,
		etag          = CASE WHEN @etag = '' THEN etag ELSE @etag END,
		last_modified = CASE WHEN @last_modified = '' THEN last_modified ELSE @last_modified END,
		next_check    = coalesce(@next_check::timestamptz, next_check),
		interval_ns   = CASE WHEN @interval::bigint > 0 THEN @interval::bigint ELSE interval_ns END
	WHERE id = @id`
	tag, err := tx.Exec(ctx, update, pgx.NamedArgs{
		"status": string(status), "ok": ok, "err": o.Err, "finished": finished,
		"etag": etag, "last_modified": lastModified, "next_check": nullTime(o.NextCheck),
		"interval": int64(o.Interval), "id": o.SourceID,
	})
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	if tag.RowsAffected() == 0 {
		return 0, fmt.Errorf("record harvest: source %d: %w", o.SourceID, catalog.ErrNotFound)
	}

	const insert = `INSERT INTO harvest_runs (source_id, started_at, finished_at, status, stage, error,
		docs_new, docs_updated, docs_unchanged, docs_failed)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	RETURNING id`
	var id int64
	err = tx.QueryRow(ctx, insert, o.SourceID, nullTime(utc(o.Started)), finished, run,
		o.Stage, o.Err, o.New, o.Updated, o.Unchanged, o.Failed).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	return id, nil
}

// Runs returns up to limit recorded harvests of a source (all when
// limit <= 0), newest first. An unknown source yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error) {
	var max *int // NULL: no limit
	if limit > 0 {
		max = &limit
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	defer tx.Rollback(ctx)
	var exists bool
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE id = $1)`, sourceID).Scan(&exists)
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	if !exists {
		return nil, fmt.Errorf("runs: source %d: %w", sourceID, catalog.ErrNotFound)
	}
	const q = `SELECT id, source_id, started_at, finished_at, status, stage, error,
		docs_new, docs_updated, docs_unchanged, docs_failed
	FROM harvest_runs WHERE source_id = $1
	ORDER BY id DESC
	LIMIT $2`
	rows, err := tx.Query(ctx, q, sourceID, max)
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	out := []catalog.Run{}
	for rows.Next() {
		var (
			r                 catalog.Run
			started, finished pgtype.Timestamptz
		)
		if err := rows.Scan(&r.ID, &r.SourceID, &started, &finished, &r.Status, &r.Stage, &r.Err,
			&r.New, &r.Updated, &r.Unchanged, &r.Failed); err != nil {
			return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
		}
		r.Started, r.Finished = timeOf(started), timeOf(finished)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	return out, nil
}
