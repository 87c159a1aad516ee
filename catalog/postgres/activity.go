package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Activity returns, for every source by ID, its documents not gone, the
// documents its runs created since the given time and when a run last
// created one.
func (s *Store) Activity(ctx context.Context, since time.Time) ([]catalog.Activity, error) {
	const q = `SELECT s.id,
		(SELECT count(*) FROM documents d WHERE d.source_id = s.id AND d.gone_at IS NULL),
		(SELECT coalesce(sum(r.docs_new), 0) FROM harvest_runs r WHERE r.source_id = s.id AND r.finished_at >= $1),
		(SELECT max(r.finished_at) FROM harvest_runs r WHERE r.source_id = s.id AND r.docs_new > 0)
	FROM sources s ORDER BY s.id`
	rows, err := s.pool.Query(ctx, q, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("source activity: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.Activity, error) {
		var (
			a         catalog.Activity
			docs, new int64
			last      pgtype.Timestamptz
		)
		err := r.Scan(&a.SourceID, &docs, &new, &last)
		a.Documents, a.NewSince, a.LastNew = int(docs), int(new), timeOf(last)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("source activity: %w", err)
	}
	if out == nil {
		out = []catalog.Activity{}
	}
	return out, nil
}
