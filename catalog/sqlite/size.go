package sqlite

import (
	"context"
	"fmt"
)

// IndexSize returns the bytes on disk of the search index: the pages of
// documents_fts, documents_head and their shadow tables.
func (s *Store) IndexSize(ctx context.Context) (int64, error) {
	var n int64
	const q = `SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'documents\_fts%' ESCAPE '\' OR name LIKE 'documents\_head%' ESCAPE '\'`
	if err := s.read.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("index size: %w", err)
	}
	return n, nil
}
