// Package catalogtest is the conformance suite of the catalog stores: the
// behaviour catalog/sqlite and catalog/postgres share, stated once as tests
// that each store's own tests run with Run. It also holds the synthetic
// workload of the stores' benchmarks, so their figures compare.
//
// It holds no store and no SQL.
package catalogtest

import (
	"context"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// Store is what every catalog store provides. Errors wrap catalog.ErrInvalid
// (input breaking a rule), catalog.ErrNotFound (unknown ID, URL or key) or
// catalog.ErrConflict (duplicate source URL), with the detail.
type Store interface {
	// Migrate brings the schema up to date; a no-op when it is.
	Migrate(ctx context.Context) error
	Ping(ctx context.Context) error
	Close() error

	// CreateSource validates s, sets ID and CreatedAt, and defaults
	// Status (new), NextCheck (now) and Interval (catalog.DefaultInterval).
	CreateSource(ctx context.Context, s *catalog.Source) error
	Source(ctx context.Context, id int64) (*catalog.Source, error)
	SourceByURL(ctx context.Context, url string) (*catalog.Source, error)
	// Sources lists every source by ID.
	Sources(ctx context.Context) ([]catalog.Source, error)
	// UpdateSource saves the editable fields (empty status, zero NextCheck
	// or Interval keep the stored value) and reloads s.
	UpdateSource(ctx context.Context, s *catalog.Source) error
	// DueSources lists sources not disabled with NextCheck <= now, the
	// longest overdue first, at most limit (all when limit <= 0).
	DueSources(ctx context.Context, now time.Time, limit int) ([]catalog.Source, error)

	// RecordHarvest records a run and moves the source's state, in one
	// transaction, and returns the run's ID.
	RecordHarvest(ctx context.Context, o catalog.HarvestOutcome) (int64, error)
	// Runs lists a source's runs, newest first, at most limit (all when
	// limit <= 0).
	Runs(ctx context.Context, sourceID int64, limit int) ([]catalog.Run, error)

	// UpsertDocument stores d under (SourceID, Key): Created, Updated
	// (another content hash) or Unchanged (same hash, nothing written);
	// safe for concurrent calls with the same key.
	UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error)
	Document(ctx context.Context, id int64) (*catalog.Document, error)
	DocumentByKey(ctx context.Context, sourceID int64, key string) (*catalog.Document, error)
	CountDocuments(ctx context.Context) (int, error)

	// Search returns a page of hits, the total and the facets; a query
	// text fails only with an error wrapping catalog.ErrInvalid, when the
	// query language refuses it (see catalog/search.Parse).
	Search(ctx context.Context, q catalog.Query) (*catalog.Result, error)
	// Reindex rebuilds the search index from the documents.
	Reindex(ctx context.Context) error
	// SetExpander sets the cross-language expander of searches (nil: none).
	SetExpander(e catalog.Expander)
	// SetSearchTimeout bounds each search (0: the store's default); a
	// search over it fails with an error wrapping context.DeadlineExceeded.
	SetSearchTimeout(d time.Duration)
}

// Run runs the conformance suite. open must return a new, empty, migrated
// store each time it is called, and close it (and remove what it created)
// in t's cleanup.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Store", func(t *testing.T) { testStore(t, open) })
	t.Run("Sources", func(t *testing.T) { testSources(t, open) })
	t.Run("Harvests", func(t *testing.T) { testHarvests(t, open) })
	t.Run("Documents", func(t *testing.T) { testDocuments(t, open) })
	t.Run("Search", func(t *testing.T) { testSearch(t, open) })
}

// testStore checks the life cycle: ping, migrating again, closing.
func testStore(t *testing.T, open func(t *testing.T) Store) {
	t.Run("MigrateTwiceIsNoop", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		mustSource(t, s, catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/feed"})
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("Migrate on a current schema: %v", err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping: %v", err)
		}
		got, err := s.Sources(ctx)
		if err != nil || len(got) != 1 {
			t.Fatalf("Sources after Migrate = %d sources, %v; want 1, nil", len(got), err)
		}
	})
}
