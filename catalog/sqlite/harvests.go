package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ewsi/hub/catalog"
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

	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	defer tx.Rollback()

	const update = `UPDATE sources SET
		status        = CASE WHEN status = 'disabled' THEN status ELSE @status END,
		fail_count    = CASE WHEN @ok THEN 0 ELSE fail_count + 1 END,
		last_error    = @err,
		last_success  = CASE WHEN @ok THEN @finished ELSE last_success END,
		last_harvest  = @finished,
		etag          = CASE WHEN @etag = '' THEN etag ELSE @etag END,
		last_modified = CASE WHEN @last_modified = '' THEN last_modified ELSE @last_modified END,
		next_check    = coalesce(@next_check, next_check),
		interval_ns   = CASE WHEN @interval > 0 THEN @interval ELSE interval_ns END
	WHERE id = @id`
	res, err := tx.ExecContext(ctx, update,
		sql.Named("status", status), sql.Named("ok", ok), sql.Named("err", o.Err),
		sql.Named("finished", finished.UnixMicro()), sql.Named("etag", etag),
		sql.Named("last_modified", lastModified), sql.Named("next_check", micros(o.NextCheck)),
		sql.Named("interval", int64(o.Interval)), sql.Named("id", o.SourceID))
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	} else if n == 0 {
		return 0, fmt.Errorf("record harvest: source %d: %w", o.SourceID, catalog.ErrNotFound)
	}

	const insert = `INSERT INTO harvest_runs (source_id, started_at, finished_at, status, stage, error,
		docs_new, docs_updated, docs_unchanged, docs_failed)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	RETURNING id`
	var id int64
	err = tx.QueryRowContext(ctx, insert, o.SourceID, micros(o.Started), finished.UnixMicro(), run,
		o.Stage, o.Err, o.New, o.Updated, o.Unchanged, o.Failed).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	return id, nil
}

// Runs returns up to limit recorded harvests of a source (all when
// limit <= 0), newest first. An unknown source yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error) {
	if limit <= 0 {
		limit = -1
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	defer tx.Rollback()
	var exists bool
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sources WHERE id = ?)`, sourceID).Scan(&exists)
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	if !exists {
		return nil, fmt.Errorf("runs: source %d: %w", sourceID, catalog.ErrNotFound)
	}
	const q = `SELECT id, source_id, started_at, finished_at, status, stage, error,
		docs_new, docs_updated, docs_unchanged, docs_failed
	FROM harvest_runs WHERE source_id = ?
	ORDER BY id DESC
	LIMIT ?`
	rows, err := tx.QueryContext(ctx, q, sourceID, limit)
	if err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	defer rows.Close()
	out := []catalog.Run{}
	for rows.Next() {
		var (
			r                 catalog.Run
			started, finished sql.NullInt64
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
