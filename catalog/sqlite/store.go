// Package sqlite is the embedded catalog store: one SQLite file (pure-Go
// driver modernc.org/sqlite, WAL mode) holding sources, harvest runs and
// documents, with an FTS5 index over the documents' folded words.
//
// It holds the SQL of the embedded mode and nothing else: the domain types
// and their rules live in package catalog, text folding in
// catalog/analysis. catalog/catalogtest states the behaviour it shares with
// catalog/postgres.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/ewsi/hub/catalog/search"
)

// Store is the catalog in one SQLite file. It is safe for concurrent use.
//
// Writes go through a pool of exactly one connection whose transactions
// begin IMMEDIATE, so concurrent writers in this process queue in Go rather
// than fail with SQLITE_BUSY, and a writer in another process waits out
// busy_timeout. Reads use a separate pool and, in WAL mode, never wait for
// the writer.
type Store struct {
	read  *sql.DB
	write *sql.DB
	// search holds the expander and the time limit of searches.
	search.Settings
	counts *search.CountCache
	ckpt   *checkpointer
	bands  bandIndex
	// beside holds a token for each search reading its page on a second
	// read connection (beside.go).
	beside chan struct{}
}

// busyTimeoutMS bounds how long a connection waits for a lock held by
// another process before SQLITE_BUSY.
const busyTimeoutMS = 10000

// Open opens (creating if needed) the catalog in the SQLite file at path and
// brings its schema up to date. The error says which file could not be
// opened or migrated.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" {
		return nil, fmt.Errorf("open catalog: a file path is required, not %q", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", path, err)
	}
	// synchronous=NORMAL is the usual choice with WAL: a crash may lose the
	// last transactions but never corrupts the file.
	write, err := openDB(abs, url.Values{
		"_txlock":       {"immediate"},
		"_synchronous":  {"NORMAL"},
		"_foreign_keys": {"1"},
		"_busy_timeout": {fmt.Sprint(busyTimeoutMS)},
		// A batch of upserts touches the pages of every index at random
		// (tags, the search index): with the default 2 MB of
		// cache it wrote pages out mid-transaction and read them back.
		// Statement journals (the undo of one statement within a
		// transaction) are kept in memory: in a file, they cost a write
		// call per page changed by every statement of a batch.
		// The checkpointer (checkpoint.go) copies the WAL into the
		// file; the writer does it only past walCheckpointPages. A WAL
		// grown past walSizeLimit (by a reindex, one transaction of the
		// whole catalog) is cut back to it when it starts over; it would
		// otherwise keep its largest size on disk for good.
		"_pragma": {"cache_size(-65536)", "temp_store(MEMORY)", fmt.Sprintf("wal_autocheckpoint(%d)", walCheckpointPages),
			fmt.Sprintf("journal_size_limit(%d)", walSizeLimit)},
	})
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	s := &Store{write: write, counts: search.NewCountCache(countCacheSize)}
	// The writer turns the file to WAL before anything else: the read-only
	// connections could not.
	if err := s.useWAL(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	if err := s.Migrate(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	read, err := openDB(abs, url.Values{
		"_foreign_keys": {"1"},
		"_busy_timeout": {fmt.Sprint(busyTimeoutMS)},
		"_query_only":   {"1"},
		// Reads map the file rather than copy pages in with one system
		// call each; cache_size is per connection, in KiB when negative.
		"_pragma": {"mmap_size(1073741824)", "cache_size(-16384)"},
	})
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	s.beside = make(chan struct{}, n-1)
	s.read = read
	if s.ckpt, err = startCheckpointer(abs); err != nil {
		s.Close()
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	if err := read.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open catalog %s: %w", abs, err)
	}
	return s, nil
}

// useWAL switches the file to WAL mode, which it then keeps. Switching
// needs the file to itself and may fail with SQLITE_BUSY, without waiting,
// while another process opens it: it is retried for up to busy_timeout.
func (s *Store) useWAL(ctx context.Context) error {
	deadline := time.Now().Add(busyTimeoutMS * time.Millisecond)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		var mode string
		err := s.write.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		switch {
		case err == nil && mode == "wal":
			return nil
		case err == nil:
			return fmt.Errorf("cannot use WAL mode: the file stays in %s mode", mode)
		case !isBusy(err) || time.Now().After(deadline):
			return fmt.Errorf("cannot use WAL mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// openDB opens a pool on the file at the absolute path abs with the driver
// driver parameters q.
func openDB(abs string, q url.Values) (*sql.DB, error) {
	// A file: URI, so that a path holding '?' or '#' is not read as
	// parameters.
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String()
	return sql.Open("sqlite", dsn)
}

// Ping checks that the file can still be read and written.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping catalog: %w", err)
	}
	if err := s.write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping catalog: %w", err)
	}
	return nil
}

// Close closes both pools; it waits for queries in flight.
func (s *Store) Close() error {
	s.FacetHolder.Close()
	errs := []error{s.ckpt.close()}
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	return errors.Join(errs...)
}
