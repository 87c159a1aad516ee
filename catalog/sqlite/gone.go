package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// MarkMissing records which documents of a source a successful harvest
// saw (their keys) and returns how many it marked gone and how many came
// back. A document not seen, published at or after since (an event: starting
// at or after since; any document
// when since is zero: a feed shows only its latest items, and those that
// aged out of it are not gone), has its count of missed runs raised; at after
// runs in a row (catalog.GoneAfterRuns when after <= 0) it is marked gone
// at the given time and leaves the search index. A seen document has its
// count reset and, if it was gone, is indexed again. Call it only after a
// successful harvest that read the whole source: a failing source must
// never lose documents.
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
	keys, _ := json.Marshal(seen) // []string always marshals
	fail := func(err error) (int, int, error) {
		return 0, 0, fmt.Errorf("mark missing documents of source %d: %w", sourceID, err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()

	const unGone = `UPDATE documents SET missing_runs = 0, gone_at = NULL
	WHERE source_id = ? AND key IN (SELECT value FROM json_each(?)) AND gone_at IS NOT NULL`
	res, err := tx.ExecContext(ctx, unGone, sourceID, string(keys))
	if err != nil {
		return fail(err)
	}
	returned, err := res.RowsAffected()
	if err != nil {
		return fail(err)
	}
	const reset = `UPDATE documents SET missing_runs = 0
	WHERE source_id = ? AND key IN (SELECT value FROM json_each(?)) AND missing_runs > 0`
	if _, err := tx.ExecContext(ctx, reset, sourceID, string(keys)); err != nil {
		return fail(err)
	}
	const miss = `UPDATE documents SET missing_runs = missing_runs + 1
	WHERE source_id = ? AND gone_at IS NULL AND key NOT IN (SELECT value FROM json_each(?))
		AND (? IS NULL OR coalesce(unixepoch(json_extract(event, '$.Start')) * 1000000, published_at) >= ?)`
	sinceArg := micros(since)
	if _, err := tx.ExecContext(ctx, miss, sourceID, string(keys), sinceArg, sinceArg); err != nil {
		return fail(err)
	}
	const markGone = `UPDATE documents SET gone_at = ?
	WHERE source_id = ? AND gone_at IS NULL AND missing_runs >= ?`
	res, err = tx.ExecContext(ctx, markGone, utc(at).UnixMicro(), sourceID, after)
	if err != nil {
		return fail(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err)
	}
	// Search hides gone documents; its cached counts must be recounted.
	if n+returned > 0 {
		if err := bumpGeneration(ctx, tx); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return int(n), int(returned), nil
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
	list, _ := json.Marshal(keys)
	fail := func(err error) (int, error) {
		return 0, fmt.Errorf("mark documents of source %d gone: %w", sourceID, err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	const markGone = `UPDATE documents SET gone_at = ?
	WHERE source_id = ? AND gone_at IS NULL AND key IN (SELECT value FROM json_each(?))`
	res, err := tx.ExecContext(ctx, markGone, utc(at).UnixMicro(), sourceID, string(list))
	if err != nil {
		return fail(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err)
	}
	// Search hides gone documents; its cached counts must be recounted.
	if n > 0 {
		if err := bumpGeneration(ctx, tx); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return int(n), nil
}
