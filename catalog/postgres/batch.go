package postgres

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
)

// UpsertDocuments stores several documents in one transaction, each as
// UpsertDocument would (the same validation, defaults, results, search
// vectors and race handling), and returns their results in order. It is
// the loader of bulk work (harvests, benchmarks, imports): one commit and
// one generation bump for the whole batch rather than one per document.
// Nothing is written when any document fails; the error names it.
//
// New documents are written together (see insertRun); a batch that loses
// a race with a concurrent writer of one of its keys, or that deadlocks
// with one, is written again one document after the other, as
// UpsertDocument would.
func (s *Store) UpsertDocuments(ctx context.Context, docs []*catalog.Document) ([]catalog.UpsertResult, error) {
	for _, d := range docs {
		if err := prepareDocument(d); err != nil {
			return nil, err
		}
	}
	x := make(map[*catalog.Document]*derived, len(docs))
	out, err := s.upsertBatch(ctx, docs, x, true)
	if errors.Is(err, errRetryBatch) || sqlState(err) == deadlockDetected {
		// The one-by-one path waits for concurrent writers of the same
		// keys and rows as UpsertDocument does.
		batchRetries.Add(1)
		out, err = s.upsertBatch(ctx, docs, x, false)
	}
	if err != nil {
		return nil, err
	}
	created := 0
	for _, r := range out {
		if r == catalog.Created {
			created++
		}
	}
	// The batch is stored: what follows is upkeep, and its failure (the
	// caller's context ended, say) is not the batch's.
	s.analyzeAfter(ctx, created)
	if slices.ContainsFunc(out, func(r catalog.UpsertResult) bool { return r != catalog.Unchanged }) {
		// A batch leaves the GIN indexes' pending lists merged, so that
		// searches do not scan them (see migrations 00091 and 00130).
		// Lists left unmerged are merged by the next batch, or by an
		// insert that finds them past their limit.
		_, _ = s.pool.Exec(ctx, cleanPendingLists)
	}
	return out, nil
}

// cleanPendingLists merges the pending lists of the GIN indexes of the
// search vectors into the indexes.
const cleanPendingLists = `SELECT gin_clean_pending_list('documents_search'::regclass),
	gin_clean_pending_list('documents_search_title'::regclass),
	gin_clean_pending_list('documents_search_summary'::regclass)`

// errRetryBatch says that a batch written together lost a race and is to
// be written again one document after the other.
var errRetryBatch = errors.New("retry the batch one by one")

// batchRetries counts the batches written again (for tests).
var batchRetries atomic.Int64

// batchPendingList is the GIN pending list limit of a batch's
// transaction: its entries are merged into the indexes in one pass when it
// commits, which took 40% less server time than merging them a few dozen
// documents at a time as the connection's limit would (see Open). The
// price: merges of whole batches while other batches write leave the
// search index larger (at 10,000 synthetic documents, 23 MB with one
// writer, 30 MB with two, 35-43 MB with four; 23 MB before at four), as
// the lists of rows of frequent words get their pages split rather than
// appended to. The vectors, compressed better (00131), make up for it at
// 100,000 documents.
const batchPendingList = "16MB"

// batchWorkMem is the work_mem of a batch's transaction. A pending list
// that passes its limit while the transaction writes (other batches' lists
// not yet merged, or a Reindex's rows) is merged by the transaction's own
// backend, which gathers the entries in work_mem and writes them to the
// index each time it is full: with the server's 4 MB, the words of a 16 MB
// list went into the index four times or more, each time a descent of the
// tree and a rewrite of the word's last page of rows. With 64 MB, once.
// Loading 30,000 documents with four writers, five runs alternated with
// the code before: 1,224-1,633 docs/s against 1,119-1,485, ahead in
// every pair; Reindex rebuilding the vectors of those 30,000, three runs
// alternated: 1,052-1,430 against 791-946 (see docs/search.md).
const batchWorkMem = "64MB"

// setBatchLimits sets batchPendingList and batchWorkMem for the rest of a
// transaction.
const setBatchLimits = `SELECT set_config('gin_pending_list_limit', '` + batchPendingList + `', true),
	set_config('work_mem', '` + batchWorkMem + `', true)`

// upsertBatch writes docs in one transaction; bulk writes the new ones
// together, else each goes through upsertRetrying.
func (s *Store) upsertBatch(ctx context.Context, docs []*catalog.Document, x map[*catalog.Document]*derived, bulk bool) ([]catalog.UpsertResult, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	defer tx.Rollback(ctx)
	btx := &batchTx{Tx: tx, derived: x}
	var known map[docKey]stored
	if bulk {
		if known, err = btx.prefetch(ctx, docs); err != nil {
			return nil, fmt.Errorf("upsert documents: %w", err)
		}
	}
	deriveMissing(x, docs, known)
	out := make([]catalog.UpsertResult, len(docs))
	var run []*catalog.Document
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		err := insertRun(ctx, btx, run)
		run = run[:0]
		return err
	}
	seen := make(map[docKey]bool, len(docs))
	for i, d := range docs {
		k := docKey{d.SourceID, d.Key}
		e, exists := known[k]
		switch {
		case bulk && !seen[k] && !exists:
			seen[k], out[i] = true, catalog.Created
			run = append(run, d)
			continue
		case bulk && !seen[k] && e.hash == d.ContentHash:
			// What upsertDocument would find: the same content.
			seen[k], out[i] = true, catalog.Unchanged
			d.ID, d.State, d.Embargo, d.StateReason = e.id, e.state, e.embargo, e.reason
			continue
		}
		seen[k] = true
		// The documents before this one are written first: it may be a
		// copy of one of them.
		if err := flush(); err != nil {
			return nil, err
		}
		if out[i], err = upsertRetrying(ctx, btx, d); err != nil {
			return nil, err
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(out, func(r catalog.UpsertResult) bool { return r != catalog.Unchanged }) {
		return out, nil
	}
	// The words of the whole batch go in at once, in order: batches
	// adding the same words in different orders would deadlock.
	slices.Sort(btx.terms)
	if err := addTerms(ctx, tx, slices.Compact(btx.terms)); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("upsert documents: %w", err)
	}
	return out, nil
}

// deriveMissing adds to x, on every core, what is derived from the
// documents of docs that x lacks, but for those stored under their key
// with their content hash (known), which a batch leaves as they are: a
// harvest finds most documents as it left them. One that is written after
// all (its key twice in the batch) is derived when it is (derivedOf).
func deriveMissing(x map[*catalog.Document]*derived, docs []*catalog.Document, known map[docKey]stored) {
	var need []*catalog.Document
	for _, d := range docs {
		e, ok := known[docKey{d.SourceID, d.Key}]
		if x[d] == nil && (!ok || e.hash != d.ContentHash) {
			need = append(need, d)
		}
	}
	maps.Copy(x, deriveAll(need))
}

// analyzeAfter counts created documents and refreshes the planner's
// statistics of documents when those created since the last refresh are
// a quarter of the documents it knows of or more (analyzeStep), until it
// knows of analyzeUntil. The plans of searches depend on them (without,
// PostgreSQL filters every document by state and reads its vector rather
// than use the GIN index), and so do those of upserts: a connection
// plans a statement it ran five times once for all, from the statistics
// of the day, and with those of a catalog of a few dozen documents it
// read every document on each look-up of a key, a copy or a foreign key
// (four scans of documents per document stored one at a time, 333 docs/s
// over the first 3,000). A bulk load is done before autovacuum, when it
// runs at all, gets to them. A call that finds another refreshing them
// leaves it to that one: concurrent batches of a load (which read the
// same stale count) ran ANALYZE thirteen to fifteen times in the first
// 10,000 documents.
//
// It runs after the documents are committed, so it returns nothing: a
// refresh that fails (the caller's context ended, or ANALYZE waited for a
// lock in vain) leaves the documents counted, and a later call tries
// again (TestStatisticsAfterFailedRefresh).
func (s *Store) analyzeAfter(ctx context.Context, created int) {
	if created == 0 || s.analyzed.Load() {
		return
	}
	pending := s.createdSince.Add(int64(created))
	if !s.analyzing.TryLock() {
		return
	}
	defer s.analyzing.Unlock()
	var known float64
	if err := s.pool.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'documents'::regclass`).Scan(&known); err != nil {
		return
	}
	switch {
	case known >= analyzeUntil:
		s.analyzed.Store(true)
		return
	case known >= 0 && float64(pending) < known*analyzeStep:
		return
	}
	s.createdSince.Add(-pending)
	if _, err := s.pool.Exec(ctx, `ANALYZE documents`); err != nil {
		s.createdSince.Add(pending)
	}
}

// analyzeStep is the share of the documents the statistics know of that
// must be created since they were refreshed for analyzeAfter to refresh
// them. ANALYZE reads every sampled document's search vectors (10,000
// documents took 1.9-2.2 s on this 2-core machine), so with a tenth,
// batches of 500 ran it seven or eight times until the catalog passed
// 5,000 documents, a tenth of the server's time while loading 10,000;
// with a quarter, four times until it passes 2,000 (server CPU of that
// load 9.7-10.4 s -> 8.5-9.1 s, load 5-6).
const analyzeStep = 0.25

// analyzeUntil is the number of documents past which analyzeAfter leaves
// the statistics to autovacuum and Reindex: plans made from them read
// indexes, which only gain on a scan as the catalog grows. Statistics
// from the first 2,500 documents serve searches as well as fresh ones: a
// catalog of 100,000 loaded so, measured twice with them and twice after
// a full ANALYZE, gave 202 and 172 queries/s at 16 clients against 164
// and 140, and single-client figures within the noise of the machine.
const analyzeUntil = 2500

// batchTx is the transaction of a batch: it holds what the batch derived
// from its documents and the trust of their sources, and holds back the
// words of "did you mean" until the batch has written its documents.
type batchTx struct {
	pgx.Tx
	derived map[*catalog.Document]*derived
	trusts  map[int64]catalog.Trust
	terms   []string
}

// derivedOf returns what the batch of tx derived from d, or derives it.
func derivedOf(tx pgx.Tx, d *catalog.Document) *derived {
	if b, ok := tx.(*batchTx); ok && b.derived[d] != nil {
		return b.derived[d]
	}
	return derive(d)
}

// trust returns the trust of a source the batch read; b may be nil.
func (b *batchTx) trust(id int64) (catalog.Trust, bool) {
	if b == nil {
		return "", false
	}
	t, ok := b.trusts[id]
	return t, ok
}

// setTrust keeps the trust of a source for the rest of the batch; b may
// be nil.
func (b *batchTx) setTrust(id int64, t catalog.Trust) {
	if b == nil {
		return
	}
	if b.trusts == nil {
		b.trusts = make(map[int64]catalog.Trust)
	}
	b.trusts[id] = t
}

// upsertRetrying runs upsertDocument until it does not lose a race with a
// concurrent insert of the same key (see UpsertDocument).
func upsertRetrying(ctx context.Context, tx pgx.Tx, d *catalog.Document) (catalog.UpsertResult, error) {
	for range 3 {
		res, err := upsertDocument(ctx, tx, d)
		if errors.Is(err, errRetry) {
			continue
		}
		return res, err
	}
	return 0, fmt.Errorf("upsert document %q: lost too many races with concurrent writers", d.Key)
}

// prepareDocument validates d and sets the defaults UpsertDocument sets.
func prepareDocument(d *catalog.Document) error {
	if err := checkDocument(d); err != nil {
		return fmt.Errorf("upsert document: %w", err)
	}
	if d.ContentHash == "" {
		d.ContentHash = d.Hash()
	}
	if d.Harvested.IsZero() {
		d.Harvested = now()
	}
	d.Published, d.Updated, d.Harvested = utc(d.Published), utc(d.Updated), utc(d.Harvested)
	return nil
}
