package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/ewsi/hub/catalog/neardup"
)

// bandIndex holds the band keys (catalog/neardup) of every stored
// signature in memory: the index that finds a new document's near-duplicate
// candidates. The keys derive from document_signatures, which the
// transaction of each document writes; the index is loaded from there
// when first needed and kept up to date by the transactions of this Store.
//
// It replaced the table document_bands (00143). Kept in a B-tree, the 21
// keys of each document went to 21 random pages: loading 100,000
// synthetic documents, their inserts took 10.8 of the 57.6 s the write
// lock was held and the pages they dirtied about 8 s of the commits, and
// at 1,000,000 documents nearly every key of a batch dirtied a page of its
// own. In memory a key costs 8 bytes: 17 MB at 100,000 documents, 168 MB
// at 1,000,000.
//
// The index is a superset of the keys of the signatures stored: a key of
// a document since changed or deleted may stay, and only costs a
// candidate that the look-up (nearest) reads and drops. Keys of documents
// changed here are counted, and the index is loaded again once they are
// half of it. Every transaction that adds signatures bumps
// band_version; a Store whose index was built at another version
// (another process, or another Store, wrote since) loads it again.
type bandIndex struct {
	mu      sync.Mutex
	loaded  bool
	version int64
	// runs are sorted by key, each at least twice as long as the next:
	// adding a transaction's keys merges runs as a binary counter does.
	// A run never changes once made: a merge makes a new one. runs is
	// changed with mu and runsMu held, so that lookAhead can read it
	// while a transaction holds mu.
	runs   [][]bandEntry
	runsMu sync.RWMutex
	size   int // entries in runs
	stale  int // entries of documents changed since they were added
}

// setRuns replaces ix.runs; the caller holds ix.mu.
func (ix *bandIndex) setRuns(runs [][]bandEntry) {
	ix.runsMu.Lock()
	ix.runs = runs
	ix.runsMu.Unlock()
}

// lookAhead returns the runs of the index as they are, and the documents
// holding any of each keys of keysOf in them, at most limit per keys:
// the look-up of a batch's candidates before it takes the write lock.
// The runs' identity tells candidates, under the lock, which runs it
// need not search again; a run made since is searched in full. Loading
// documents into a catalog of 1,000,000, the look-up's binary searches,
// each step a cache miss, were about a tenth of the write lock's time
// (3.9% of the samples of a profile, against 42.5% for the lock's work);
// looked up ahead, 0.5% stay under the lock.
func (ix *bandIndex) lookAhead(keysOf [][neardup.Bands]int64, limit int) (runs [][]bandEntry, found [][]uint32) {
	ix.runsMu.RLock()
	runs = slices.Clone(ix.runs)
	ix.runsMu.RUnlock()
	found = make([][]uint32, len(keysOf))
	for i, keys := range keysOf {
		found[i] = searchRuns(runs, keys, limit)
	}
	return runs, found
}

// searchRuns returns the documents holding any of keys in runs, in the
// order of keys, each once, at most limit of them.
func searchRuns(runs [][]bandEntry, keys [neardup.Bands]int64, limit int) []uint32 {
	var out []uint32
	seen := map[uint32]bool{}
	for _, k := range keys {
		key := bandKey(k)
		for _, run := range runs {
			i, _ := slices.BinarySearch(run, entry(key, 0))
			for ; i < len(run) && run[i].key() == key; i++ {
				if doc := run[i].doc(); !seen[doc] {
					if len(out) == limit {
						return out
					}
					seen[doc] = true
					out = append(out, doc)
				}
			}
		}
	}
	return out
}

// sameRun says whether a and b are the same run of an index.
func sameRun(a, b []bandEntry) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// bandEntry is one band key (folded to 32 bits, see bandKey) of one
// document, the key in the high half and the document's ID in the low:
// entries sort by key as integers (sorting 21 million pairs of fields
// with a comparison function took 5 of the 7.5 s of loading them).
type bandEntry uint64

func entry(key uint32, doc uint32) bandEntry { return bandEntry(key)<<32 | bandEntry(doc) }

func (e bandEntry) key() uint32 { return uint32(e >> 32) }
func (e bandEntry) doc() uint32 { return uint32(e) }

// bandKey folds a band key into the 32 bits an entry keeps. Keys that
// fold alike, and those of documents in another language, only cost a
// candidate more, which the look-up (nearest) reads and drops: at
// 1,000,000 documents, 21 keys of 21 million entries meet about 0.1
// unrelated ones. The language is left out so that loading the index
// reads document_signatures alone.
func bandKey(key int64) uint32 {
	return uint32((uint64(key) * 0x9E3779B97F4A7C15) >> 32)
}

// errBandDocument is the error of a document ID too large for the index.
var errBandDocument = errors.New("document ID beyond the band index's 32 bits")

// entryDoc returns id as an entry keeps it.
func entryDoc(id int64) (uint32, error) {
	if id < 0 || id > math.MaxUint32 {
		return 0, fmt.Errorf("document %d: %w", id, errBandDocument)
	}
	return uint32(id), nil
}

// bandTx is one write transaction's use of the index: it holds the index
// (and with it the keys' meaning) from begin until end, and adds the
// transaction's keys only once it has committed.
type bandTx struct {
	ix      *bandIndex
	added   map[uint32][]uint32
	stale   int
	version int64 // band_version in the transaction
}

// begin starts tx's use of the index; the caller ends it with end, and,
// when tx commits, commit first.
func (ix *bandIndex) begin() *bandTx {
	ix.mu.Lock()
	return &bandTx{ix: ix, added: map[uint32][]uint32{}, version: -1}
}

// end releases the index.
func (b *bandTx) end() { b.ix.mu.Unlock() }

// ensure loads the index from document_signatures when it is not at the
// transaction's band_version.
func (b *bandTx) ensure(ctx context.Context, tx dbtx) error {
	if b.version < 0 {
		if err := tx.QueryRowContext(ctx, `SELECT n FROM band_version`).Scan(&b.version); err != nil {
			return fmt.Errorf("band index: %w", err)
		}
	}
	ix := b.ix
	if ix.loaded && ix.version == b.version && (ix.stale == 0 || 2*ix.stale < ix.size) {
		return nil
	}
	entries, err := loadBands(ctx, tx)
	if err != nil {
		return fmt.Errorf("band index: %w", err)
	}
	var runs [][]bandEntry
	if len(entries) > 0 {
		runs = [][]bandEntry{entries}
	}
	ix.setRuns(runs)
	ix.size, ix.stale = len(entries), 0
	ix.loaded, ix.version = true, b.version
	return nil
}

// loadBands reads the keys of every stored signature, sorted.
func loadBands(ctx context.Context, tx dbtx) ([]bandEntry, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM document_signatures`).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT document_id, signature FROM document_signatures`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]bandEntry, 0, n*neardup.Bands)
	for rows.Next() {
		var (
			id  int64
			raw []byte
		)
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		sig, ok := neardup.Parse(raw)
		if !ok {
			continue
		}
		doc, err := entryDoc(id)
		if err != nil {
			return nil, err
		}
		for _, k := range neardup.BandKeys(sig) {
			out = append(out, entry(bandKey(k), doc))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// candidates returns the documents other than self holding any of keys,
// in this transaction, at most limit of them: first the transaction's
// own, then early, those that lookAhead found in the runs searched, then
// those of the runs not searched.
func (b *bandTx) candidates(keys [neardup.Bands]int64, self int64, limit int, early []uint32, searched [][]bandEntry) []int64 {
	var out []int64
	seen := map[uint32]bool{uint32(self): true}
	take := func(doc uint32) bool {
		if !seen[doc] {
			seen[doc] = true
			out = append(out, int64(doc))
		}
		return len(out) < limit
	}
	for _, k := range keys {
		for _, doc := range b.added[bandKey(k)] {
			if !take(doc) {
				return out
			}
		}
	}
	for _, doc := range early {
		if !take(doc) {
			return out
		}
	}
	var fresh [][]bandEntry
	for _, run := range b.ix.runs {
		if !slices.ContainsFunc(searched, func(s []bandEntry) bool { return sameRun(s, run) }) {
			fresh = append(fresh, run)
		}
	}
	for _, doc := range searchRuns(fresh, keys, limit+len(seen)) {
		if !take(doc) {
			return out
		}
	}
	return out
}

// add records keys of document id, and that the keys it held before, if
// any (replaced is true), are stale. The caller has called ensure in the
// transaction.
func (b *bandTx) add(keys [neardup.Bands]int64, id int64, replaced bool) error {
	doc, err := entryDoc(id)
	if err != nil {
		return err
	}
	for _, k := range keys {
		key := bandKey(k)
		b.added[key] = append(b.added[key], doc)
	}
	if replaced {
		b.stale += len(keys)
	}
	return nil
}

// forget records that the keys of a document whose signature is removed
// are stale.
func (b *bandTx) forget() { b.stale += neardup.Bands }

// beforeCommit bumps band_version in tx when it added keys, so that every
// other Store loads its index again.
func (b *bandTx) beforeCommit(ctx context.Context, tx dbtx) error {
	if len(b.added) == 0 {
		return nil
	}
	if err := tx.QueryRowContext(ctx, `UPDATE band_version SET n = n + 1 RETURNING n`).Scan(&b.version); err != nil {
		return fmt.Errorf("band index: %w", err)
	}
	return nil
}

// commit adds the transaction's keys to the index, once it has committed.
func (b *bandTx) commit() {
	ix := b.ix
	ix.stale += b.stale
	if len(b.added) == 0 {
		return
	}
	run := make([]bandEntry, 0, len(b.added)*2)
	for key, docs := range b.added {
		for _, doc := range docs {
			run = append(run, entry(key, doc))
		}
	}
	slices.Sort(run)
	ix.size += len(run)
	ix.version = b.version
	// A new slice of runs, merged before it is set: lookAhead may be
	// reading the old one meanwhile.
	runs := append(slices.Clone(ix.runs), run)
	for n := len(runs); n > 1 && len(runs[n-1])*2 > len(runs[n-2]); n = len(runs) {
		runs = append(runs[:n-2], mergeRuns(runs[n-2], runs[n-1]))
	}
	ix.setRuns(runs)
}

// mergeRuns merges two sorted runs into a new one.
func mergeRuns(a, b []bandEntry) []bandEntry {
	out := make([]bandEntry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}
