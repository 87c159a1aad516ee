package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// Activity returns, for every source by ID, its documents not gone, the
// documents its runs created since the given time and when a run last
// created one.
func (s *Store) Activity(ctx context.Context, since time.Time) ([]catalog.Activity, error) {
	const q = `SELECT s.id,
		(SELECT count(*) FROM documents d WHERE d.source_id = s.id AND d.gone_at IS NULL),
		(SELECT coalesce(sum(r.docs_new), 0) FROM harvest_runs r WHERE r.source_id = s.id AND r.finished_at >= ?),
		(SELECT max(r.finished_at) FROM harvest_runs r WHERE r.source_id = s.id AND r.docs_new > 0)
	FROM sources s ORDER BY s.id`
	rows, err := s.read.QueryContext(ctx, q, since.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("source activity: %w", err)
	}
	defer rows.Close()
	out := []catalog.Activity{}
	for rows.Next() {
		var (
			a    catalog.Activity
			last sql.NullInt64
		)
		if err := rows.Scan(&a.SourceID, &a.Documents, &a.NewSince, &last); err != nil {
			return nil, fmt.Errorf("source activity: %w", err)
		}
		a.LastNew = timeOf(last)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("source activity: %w", err)
	}
	return out, nil
}
