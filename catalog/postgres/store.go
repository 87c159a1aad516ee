// Package postgres is the catalog store of the several-machines mode:
// sources, harvest runs and documents in PostgreSQL (pgx), with a tsvector
// column and a GIN index for full-text search.
//
// It holds the SQL of that mode and nothing else: the domain types and
// their rules live in package catalog, text folding in catalog/analysis.
// catalog/catalogtest states the behaviour it shares with catalog/sqlite.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/ewsi/hub/catalog/search"
)

// Store is the catalog in a PostgreSQL database. It is safe for concurrent
// use.
type Store struct {
	pool   *pgxpool.Pool
	schema string // "" for the server's search_path
	// search holds the expander and the time limit of searches.
	search.Settings
	counts *search.CountCache
	// analyzing is held while an upsert refreshes the planner's
	// statistics; createdSince counts the documents created since they
	// were last refreshed, and analyzed says they know of enough (see
	// analyzeAfter).
	analyzing    sync.Mutex
	createdSince atomic.Int64
	analyzed     atomic.Bool
	// oneTier is the most hits whose page tieredHits reads in one
	// statement; tests set it to -1 to read every page by tiers.
	oneTier int
}

// oneTierHits is a Store's oneTier: a page of a few hundred hits, whose
// head tier may be short of it, is read at once.
const oneTierHits = 500

// Option changes how Open connects.
type Option func(*options)

type options struct {
	schema string
}

// WithSchema keeps the catalog's tables in the named schema, which Open
// creates if needed and puts first on the search_path of every pooled
// connection. The name must be a plain lower-case identifier (letters,
// digits, underscores). Tests use it to give each test a fresh catalog.
func WithSchema(name string) Option {
	return func(o *options) { o.schema = name }
}

var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// defaultConnectTimeout bounds each connection attempt when the URL sets no
// connect_timeout, so an unreachable server fails in seconds, not minutes.
const defaultConnectTimeout = 10 * time.Second

// minPoolConns is the fewest connections a store pools unless the URL
// sets pool_max_conns: pgxpool's default, max(4, CPUs), left 16 clients
// of the scale benchmark queueing for a connection while a search held
// its own through its round trips and snippets; 8 served about a fifth
// more searches a second on 2 cores, 16 no more than 8.
const minPoolConns = 8

// Open connects to the PostgreSQL database at url (postgres://user@host:port/db
// or key=value form), checks that it answers and brings the catalog's
// schema up to date. When the server cannot be reached the error reads
// "cannot connect to PostgreSQL at host:port: reason", fit to show to the
// person who configured it; no error carries the password.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.schema != "" && !schemaName.MatchString(o.schema) {
		return nil, fmt.Errorf("open catalog: invalid PostgreSQL schema name %q (use lower-case letters, digits and _)", o.schema)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the URL, and may fail to mask a password
		// in a malformed one: say what is wrong without it.
		return nil, errors.New("open catalog: the PostgreSQL URL is not valid; expected postgres://user:password@host:port/database")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = max(cfg.MaxConns, minPoolConns)
	}
	if o.schema != "" {
		cfg.ConnConfig.RuntimeParams["search_path"] = pgx.Identifier{o.schema}.Sanitize()
	}
	// Searches scan the GIN indexes' pending lists in full: a write
	// outside a batch merges them once they pass 512 kB (see migrations
	// 00091 and 00130).
	cfg.ConnConfig.RuntimeParams["gin_pending_list_limit"] = "512"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(cfg.ConnConfig, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, connectError(cfg.ConnConfig, err)
	}
	s := &Store{pool: pool, schema: o.schema, counts: search.NewCountCache(countCacheSize), oneTier: oneTierHits}
	if o.schema != "" {
		// Two sessions creating the same schema at once can both miss it
		// and one then fails on the catalog's unique index: the schema is
		// there all the same.
		_, err := pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{o.schema}.Sanitize())
		if err != nil && !isUnique(err) {
			pool.Close()
			return nil, fmt.Errorf("open catalog: create schema %s: %w", o.schema, err)
		}
	}
	if err := s.Migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open catalog: %w", err)
	}
	return s, nil
}

// ConnectError is returned by Open when the server cannot be reached or
// refuses the connection. Its message names the server and the reason,
// never the password; Unwrap gives pgx's error.
type ConnectError struct {
	Addr   string // host:port, or the socket directory
	Reason string
	err    error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot connect to PostgreSQL at %s: %s", e.Addr, e.Reason)
}

func (e *ConnectError) Unwrap() error { return e.err }

func connectError(cfg *pgx.ConnConfig, err error) error {
	addr := cfg.Host
	if !strings.HasPrefix(addr, "/") {
		addr = net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	}
	return &ConnectError{Addr: addr, Reason: connectReason(err), err: err}
}

// connectReason is the part of a connection error a person can act on.
func connectReason(err error) string {
	var (
		pgErr  *pgconn.PgError
		dnsErr *net.DNSError
		opErr  *net.OpError
		sysErr *os.SyscallError
	)
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Message // e.g. password authentication failed for user "x"
	case errors.As(err, &dnsErr):
		return "unknown host " + dnsErr.Name
	case errors.As(err, &sysErr):
		return sysErr.Err.Error() // e.g. connection refused
	case errors.As(err, &opErr):
		return opErr.Err.Error()
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		return "no answer in time"
	}
	return err.Error() // pgx names the user and database, never the password
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping catalog: %w", err)
	}
	return nil
}

// Close closes every pooled connection, waiting for those in use. It
// always returns nil.
func (s *Store) Close() error {
	s.FacetHolder.Close()
	s.pool.Close()
	return nil
}
