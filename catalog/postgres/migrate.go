package postgres

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies the embedded migrations that the database lacks; it does
// nothing when the schema is current. Open runs it. A PostgreSQL advisory
// lock (one per schema) makes processes that start together migrate one
// after the other. The error names the migration that failed.
func (s *Store) Migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	lockOpts := []lock.SessionLockerOption{lock.WithLockTimeout(1, 300)}
	if s.schema != "" {
		h := fnv.New64a()
		h.Write([]byte("ewsi catalog " + s.schema))
		lockOpts = append(lockOpts, lock.WithLockID(int64(h.Sum64())))
	}
	locker, err := lock.NewPostgresSessionLocker(lockOpts...)
	if err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	db := stdlib.OpenDBFromPool(s.pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker),
		goose.WithAllowOutofOrder(true)) // branches number migrations in ranges
	if err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate catalog: %w", err)
	}
	for _, r := range results {
		if r.Source != nil && reindexVersions[r.Source.Version] {
			if err := s.Reindex(ctx); err != nil {
				return fmt.Errorf("migrate catalog: %w", err)
			}
			break
		}
	}
	return nil
}

// reindexVersions are the migrations that change how documents are
// indexed: after applying one, Migrate rebuilds the index. Two processes
// migrating together may both rebuild it, which is harmless.
var reindexVersions = map[int64]bool{30: true, 132: true}
