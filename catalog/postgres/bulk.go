package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// docKey is the key of a document: its source and its key there.
type docKey struct {
	source int64
	key    string
}

// stored is what a batch needs of a document already stored under a key
// of the batch.
type stored struct {
	id      int64
	hash    string
	state   catalog.DocumentState
	embargo time.Time
	reason  string
}

// prefetch reads, in one round trip, the stored documents under the keys
// of docs and the trust of their sources, and raises the transaction's
// GIN pending list limit and work_mem (see setBatchLimits).
func (b *batchTx) prefetch(ctx context.Context, docs []*catalog.Document) (map[docKey]stored, error) {
	sources, keys := make([]int64, len(docs)), make([]string, len(docs))
	for i, d := range docs {
		sources[i], keys[i] = d.SourceID, d.Key
	}
	var batch pgx.Batch
	batch.Queue(setBatchLimits)
	known := make(map[docKey]stored)
	batch.Queue(`SELECT d.source_id, d.key, d.id, d.content_hash, d.state, d.embargo_until, d.state_reason
		FROM unnest($1::bigint[], $2::text[]) AS k(source_id, key)
		JOIN documents d ON d.source_id = k.source_id AND d.key = k.key`, sources, keys).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var (
				k       docKey
				e       stored
				state   string
				embargo pgtype.Timestamptz
			)
			if err := rows.Scan(&k.source, &k.key, &e.id, &e.hash, &state, &embargo, &e.reason); err != nil {
				return err
			}
			e.state, e.embargo = catalog.DocumentState(state), timeOf(embargo)
			known[k] = e
		}
		return rows.Err()
	})
	batch.Queue(`SELECT id, trust FROM sources WHERE id = ANY($1)`, sources).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var (
				id    int64
				trust string
			)
			if err := rows.Scan(&id, &trust); err != nil {
				return err
			}
			b.setTrust(id, catalog.Trust(trust))
		}
		return rows.Err()
	})
	if err := b.SendBatch(ctx, &batch).Close(); err != nil {
		return nil, err
	}
	return known, nil
}

// insertRun inserts docs, new keys of the batch in the batch's order, as
// insertDocument would one after the other, in four round trips rather
// than eight or more per document: their IDs (drawn in order) and the
// copies among the documents stored before; their groups of copies,
// worked out here, each seeing the documents before it in the run as
// linkDuplicates would; one COPY of their rows; one statement each for
// their signatures and bands. A key that a concurrent transaction
// inserted meanwhile fails the COPY, and the batch with it:
// errRetryBatch.
func insertRun(ctx context.Context, tx *batchTx, docs []*catalog.Document) error {
	for _, d := range docs {
		if err := initialState(ctx, tx, d); err != nil {
			return err
		}
	}
	c, err := findCopies(ctx, tx, docs)
	if err != nil {
		return fmt.Errorf("upsert documents: %w", err)
	}
	if err := c.group(docs); err != nil {
		return err
	}
	if err := copyDocuments(ctx, tx, docs); err != nil {
		if isUnique(err) || isForeignKey(err) {
			return errRetryBatch
		}
		return fmt.Errorf("upsert documents: %w", err)
	}
	var sigIDs, bandIDs, bandKeys []int64
	var sigs [][]byte
	var bandLangs []string
	for _, d := range docs {
		x := tx.derived[d]
		tx.terms = append(tx.terms, x.terms...)
		if !x.sigOK {
			continue
		}
		sigIDs, sigs = append(sigIDs, d.ID), append(sigs, x.sig.Bytes())
		for _, k := range x.bands {
			bandLangs, bandKeys, bandIDs = append(bandLangs, d.Language), append(bandKeys, k), append(bandIDs, d.ID)
		}
	}
	if len(sigIDs) == 0 {
		return nil
	}
	var batch pgx.Batch
	batch.Queue(`INSERT INTO document_signatures (document_id, signature)
		SELECT * FROM unnest($1::bigint[], $2::bytea[])`, sigIDs, sigs)
	// In index order, which keeps the inserts on fewer pages at a time.
	batch.Queue(`INSERT INTO document_bands (language, band_key, document_id)
		SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[]) ORDER BY 1, 2, 3`, bandLangs, bandKeys, bandIDs)
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("upsert documents: duplicates: %w", err)
	}
	return nil
}

// copyColumns are the columns copyDocuments writes, in documentArgs's
// names.
var copyColumns = []string{"id", "duplicate_of", "source_id", "key", "url", "canonical_url", "title",
	"summary", "text", "html", "language", "languages", "language_from", "authors", "themes",
	"content_type", "countries", "published_at", "updated_at", "harvested_at", "content_hash",
	"search", "labels", "event", "funding", "legislation", "translation_key", "text_hash",
	"publisher", "licence", "translations", "search_head", "theme_roots", "subthemes", "deadline",
	"state", "embargo_until", "state_reason", "case_study", "contributor_id", "summary_en"}

// copyDocuments writes the rows of docs, whose IDs and groups are set,
// with COPY, in key order: concurrent batches then wait for each other's
// keys in one order and never deadlock.
func copyDocuments(ctx context.Context, tx *batchTx, docs []*catalog.Document) error {
	sorted := slices.Clone(docs)
	slices.SortFunc(sorted, func(a, b *catalog.Document) int {
		return cmp.Or(cmp.Compare(a.SourceID, b.SourceID), strings.Compare(a.Key, b.Key))
	})
	rows := make([][]any, len(sorted))
	for i, d := range sorted {
		args := documentArgs(d, tx.derived[d])
		args["id"], args["duplicate_of"] = d.ID, nullID(d.DuplicateOf)
		row := make([]any, len(copyColumns))
		for j, c := range copyColumns {
			row[j] = args[c]
		}
		rows[i] = row
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"documents"}, copyColumns, pgx.CopyFromRows(rows))
	return err
}
