package postgres

import (
	"context"
	"fmt"
)

// IndexSize returns the bytes on disk of the search index: the GIN index
// over the search vectors and the vectors themselves (as stored, so
// compressed or toasted). It reads every vector: slow on a large catalog.
func (s *Store) IndexSize(ctx context.Context) (int64, error) {
	var n int64
	const q = `SELECT pg_relation_size('documents_search') +
		(SELECT coalesce(sum(pg_column_size(search)), 0) FROM documents)`
	if err := s.pool.QueryRow(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return n, nil
}
