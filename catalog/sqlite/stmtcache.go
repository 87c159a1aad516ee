package sqlite

import (
	"context"
	"database/sql"
	"slices"

	"github.com/ewsi/hub/catalog"
)

// dbtx is what the statements of a write need: a *sql.Tx, or a batchTx
// that prepares each statement once.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// batchTx is a transaction that prepares each distinct statement once and
// reuses it, as a batch of upserts runs the same few statements for every
// document: the driver would otherwise parse each one anew. The prepared
// statements close with the transaction.
//
// It also holds back the rows of documents_fts until flushFTS: FTS5 writes
// its pending terms to disk as a new segment whenever another statement of
// the transaction opens a savepoint, which, between the statements of each
// document, made one segment per document and merges without end. Written
// together at the end, a batch's rows make one segment.
type batchTx struct {
	*sql.Tx
	stmts   map[string]*sql.Stmt
	fts     []ftsRow
	derived map[*catalog.Document]*derived
	trust   map[int64]string // by source ID, see sourceTrust
	bands   *bandTx          // see bandsOf
	// searched are the runs of the band index that the batch's look-up
	// before the write lock searched (see Store.lookAhead).
	searched [][]bandEntry
}

func newBatchTx(tx *sql.Tx) *batchTx {
	return &batchTx{Tx: tx, stmts: map[string]*sql.Stmt{}, trust: map[int64]string{}}
}

func (t *batchTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

// bandsOf returns the use of the band index of tx, a batch that upserts
// documents (writeDocuments, SubmitContribution).
func bandsOf(tx dbtx) *bandTx { return tx.(*batchTx).bands }

// commitUpserts ends a transaction that upserted documents: it writes the
// held-back FTS5 rows, bumps the search generation and band_version, and
// commits; the band index takes the transaction's keys once it has.
func (t *batchTx) commitUpserts(ctx context.Context) error {
	if err := t.flushFTS(ctx); err != nil {
		return err
	}
	if err := bumpGeneration(ctx, t.Tx); err != nil {
		return err
	}
	if err := t.bands.beforeCommit(ctx, t.Tx); err != nil {
		return err
	}
	if err := t.Tx.Commit(); err != nil {
		return err
	}
	t.bands.commit()
	return nil
}

// ExecContext runs query's prepared statement.
func (t *batchTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs query's prepared statement.
func (t *batchTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query's prepared statement; a statement that does
// not prepare runs unprepared, so that its error comes out of Scan.
func (t *batchTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// dropFTS forgets the held-back row of the document id, about to be
// indexed again.
func (t *batchTx) dropFTS(id int64) {
	t.fts = slices.DeleteFunc(t.fts, func(r ftsRow) bool { return r.id == id })
}

// flushFTS writes the held-back rows of documents_fts; the batch calls it
// before it commits.
func (t *batchTx) flushFTS(ctx context.Context) error {
	for _, r := range t.fts {
		if err := insertFTS(ctx, t, r); err != nil {
			return err
		}
	}
	t.fts = nil
	return nil
}
