package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// checkOutcome validates o for RecordHarvest; errors wrap
// catalog.ErrInvalid.
func checkOutcome(o *catalog.HarvestOutcome) error {
	if o.Interval < 0 {
		return fmt.Errorf("%w: negative interval %v", catalog.ErrInvalid, o.Interval)
	}
	if o.Status != "" && !o.Status.Valid() {
		return fmt.Errorf("%w: unknown source status %q", catalog.ErrInvalid, o.Status)
	}
	fields := []string{o.Err, o.Stage, o.ETag, o.LastModified, string(o.ErrorClass)}
	for _, e := range o.Errors {
		fields = append(fields, e.Stage, e.URL, e.Message)
	}
	return checkText("harvest outcome", fields...)
}

// runErrors encodes a run's errors as a JSON array, keeping at most
// catalog.MaxRunErrors.
func runErrors(errs []catalog.RunError) string {
	if len(errs) == 0 {
		return "[]"
	}
	if len(errs) > catalog.MaxRunErrors {
		errs = errs[:catalog.MaxRunErrors]
	}
	b, _ := json.Marshal(errs) // strings always marshal
	return string(b)
}

// StartRun opens a run of a source, with status running, and returns its
// ID; RecordHarvest closes it when the outcome names it. An unknown source
// yields an error wrapping catalog.ErrNotFound.
func (s *Store) StartRun(ctx context.Context, sourceID int64, started time.Time) (int64, error) {
	if started.IsZero() {
		started = now()
	}
	const q = `INSERT INTO harvest_runs (source_id, started_at, status) VALUES (?, ?, 'running') RETURNING id`
	var id int64
	err := s.write.QueryRowContext(ctx, q, sourceID, utc(started).UnixMicro()).Scan(&id)
	if isForeignKey(err) {
		return 0, fmt.Errorf("start run: source %d: %w", sourceID, catalog.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("start run of source %d: %w", sourceID, err)
	}
	return id, nil
}

// AbortStaleRuns closes as aborted, with reason as their error, the runs
// still running that started before the given time (their process died),
// and returns how many it closed.
func (s *Store) AbortStaleRuns(ctx context.Context, startedBefore time.Time, reason string) (int, error) {
	if err := checkText("abort reason", reason); err != nil {
		return 0, fmt.Errorf("abort stale runs: %w", err)
	}
	const q = `UPDATE harvest_runs SET status = 'aborted', finished_at = ?, stage = 'run', error = ?
	WHERE status = 'running' AND started_at < ?`
	res, err := s.write.ExecContext(ctx, q, now().UnixMicro(), reason, startedBefore.UnixMicro())
	if err != nil {
		return 0, fmt.Errorf("abort stale runs: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("abort stale runs: %w", err)
	}
	return int(n), nil
}

// RecordHarvest records one harvest of a source and updates the source from
// it, in one transaction, and returns the run's ID. When o.RunID names a
// run of the source (see StartRun) that run is closed; otherwise a new one
// is added.
//
// The store applies what the harvester decided (o.SourceStatus):
//   - a success makes the source ok: FailCount and ErrorStreak 0, no
//     LastError or ErrorClass, LastSuccess = Finished; it takes the
//     outcome's ETag and LastModified when they are not empty;
//   - a failure (Err, or Aborted) gives the source o.Status (failing when
//     empty), FailCount + 1, LastError = Err, ErrorClass = o.ErrorClass and
//     ErrorStreak + 1 when the class is the one recorded last, else 1; its
//     validators are kept;
//   - a deferred run (the server asked us to wait) changes neither status
//     nor error nor counts.
//
// Either way LastHarvest = Finished (now when zero), and NextCheck and
// Interval are taken from the outcome when set. A disabled source stays
// disabled unless the outcome itself decides a status. Errors wrap
// catalog.ErrInvalid (bad outcome) or catalog.ErrNotFound (unknown source
// or run), and then nothing is recorded.
func (s *Store) RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error) {
	if err := checkOutcome(&o); err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	finished := utc(o.Finished)
	if finished.IsZero() {
		finished = now()
	}
	failed := o.Err != "" || o.Aborted
	ok := !failed && !o.Deferred
	etag, lastModified := o.ETag, o.LastModified
	if !ok {
		etag, lastModified = "", ""
	}

	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
	}
	defer tx.Rollback()

	const update = `UPDATE sources SET
		status        = CASE WHEN @deferred THEN status
		                     WHEN status = 'disabled' AND NOT @decided THEN status
		                     ELSE @status END,
		fail_count    = CASE WHEN @deferred THEN fail_count WHEN @ok THEN 0 ELSE fail_count + 1 END,
		error_streak  = CASE WHEN @deferred THEN error_streak WHEN @ok THEN 0
		                     WHEN error_class = @class THEN error_streak + 1 ELSE 1 END,
		error_class   = CASE WHEN @deferred THEN error_class ELSE @class END,
		last_error    = CASE WHEN @deferred THEN last_error ELSE @err END,
		last_success  = CASE WHEN @ok THEN @finished ELSE last_success END,
		last_harvest  = @finished,
		etag          = CASE WHEN @etag = '' THEN etag ELSE @etag END,
		last_modified = CASE WHEN @last_modified = '' THEN last_modified ELSE @last_modified END,
		next_check    = coalesce(@next_check, next_check),
		interval_ns   = CASE WHEN @interval > 0 THEN @interval ELSE interval_ns END
	WHERE id = @id`
	class := string(o.ErrorClass)
	if !failed {
		class = ""
	}
	res, err := tx.ExecContext(ctx, update,
		sql.Named("deferred", o.Deferred), sql.Named("decided", o.Status != ""),
		sql.Named("status", string(o.SourceStatus())), sql.Named("ok", ok),
		sql.Named("class", class), sql.Named("err", o.Err),
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

	args := []any{
		sql.Named("source_id", o.SourceID), sql.Named("started", micros(o.Started)),
		sql.Named("finished", finished.UnixMicro()), sql.Named("status", o.RunStatus()),
		sql.Named("stage", o.Stage), sql.Named("err", o.Err),
		sql.Named("new", o.New), sql.Named("updated", o.Updated),
		sql.Named("unchanged", o.Unchanged), sql.Named("failed", o.Failed),
		sql.Named("errors", runErrors(o.Errors)), sql.Named("id", o.RunID),
	}
	id := o.RunID
	if o.RunID != 0 {
		const closeRun = `UPDATE harvest_runs SET
			started_at = coalesce(@started, started_at), finished_at = @finished, status = @status,
			stage = @stage, error = @err, docs_new = @new, docs_updated = @updated,
			docs_unchanged = @unchanged, docs_failed = @failed, errors = @errors
		WHERE id = @id AND source_id = @source_id`
		res, err := tx.ExecContext(ctx, closeRun, args...)
		if err != nil {
			return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
		} else if n == 0 {
			return 0, fmt.Errorf("record harvest of source %d: run %d: %w", o.SourceID, o.RunID, catalog.ErrNotFound)
		}
	} else {
		const insert = `INSERT INTO harvest_runs (source_id, started_at, finished_at, status, stage, error,
			docs_new, docs_updated, docs_unchanged, docs_failed, errors)
		VALUES (@source_id, @started, @finished, @status, @stage, @err, @new, @updated, @unchanged, @failed, @errors)
		RETURNING id`
		if err := tx.QueryRowContext(ctx, insert, args...).Scan(&id); err != nil {
			return 0, fmt.Errorf("record harvest of source %d: %w", o.SourceID, err)
		}
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
		docs_new, docs_updated, docs_unchanged, docs_failed, errors
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
			errs              string
		)
		if err := rows.Scan(&r.ID, &r.SourceID, &started, &finished, &r.Status, &r.Stage, &r.Err,
			&r.New, &r.Updated, &r.Unchanged, &r.Failed, &errs); err != nil {
			return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
		}
		if err := json.Unmarshal([]byte(errs), &r.Errors); err != nil {
			return nil, fmt.Errorf("runs of source %d: corrupt errors of run %d: %w", sourceID, r.ID, err)
		}
		if len(r.Errors) == 0 {
			r.Errors = nil
		}
		r.Started, r.Finished = timeOf(started), timeOf(finished)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runs of source %d: %w", sourceID, err)
	}
	return out, nil
}
