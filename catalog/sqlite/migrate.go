package sqlite

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies the embedded migrations that the file lacks; it does
// nothing when the schema is current. Open runs it. Processes that open a
// new file together may all try to apply a migration: each runs in an
// IMMEDIATE transaction, so one succeeds and the others fail, then retry
// and find nothing left to do. The error names the migration that failed.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.migrations()
	if err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	// SQLite has no advisory lock to hold across migrations, as
	// catalog/postgres does: a failure may be another process's success, so
	// try again a few times before believing it.
	for wait := 50 * time.Millisecond; ; wait *= 2 {
		results, err := p.Up(ctx)
		if err == nil {
			return s.reindexAfter(ctx, results)
		}
		if wait > time.Second {
			return fmt.Errorf("migrate catalog: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("migrate catalog: %w (then %w)", err, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// migrations returns the provider of the embedded migrations over the
// writer's pool.
func (s *Store) migrations() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, s.write, fsys,
		goose.WithDisableGlobalRegistry(true),
		// Work on several branches numbers its migrations in ranges, which
		// may land in any order.
		goose.WithAllowOutofOrder(true))
}

// reindexVersions are the migrations that change how documents are
// indexed: after applying one, Migrate rebuilds the index.
var reindexVersions = map[int64]bool{30: true, 32: true, 120: true, 130: true, 141: true}

func (s *Store) reindexAfter(ctx context.Context, results []*goose.MigrationResult) error {
	for _, r := range results {
		if r.Source != nil && reindexVersions[r.Source.Version] {
			if err := s.Reindex(ctx); err != nil {
				return fmt.Errorf("migrate catalog: %w", err)
			}
			return nil
		}
	}
	return nil
}
