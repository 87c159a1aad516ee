package postgres

import (
	"cmp"
	"context"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/neardup"
	"github.com/jackc/pgx/v5"
)

// runCopies is what insertRun reads before writing a run of new
// documents: their IDs and, for each, the copies that linkDuplicates
// would find among the documents stored before the run.
type runCopies struct {
	tx  *batchTx
	ids []int64
	// exact is the first stored exact copy of each document (by canonical
	// URL or folded text), if any.
	exact map[int]candidate
	// near are the stored documents sharing a band with each document, as
	// nearest reads them; sigs holds their signatures.
	near map[int][]candidate
	sigs map[int64]neardup.Signature
}

// candidate is a stored document and the representative of its group.
type candidate struct{ id, rep int64 }

// findCopies draws the IDs of docs and reads their copies among the
// stored documents, in one round trip.
func findCopies(ctx context.Context, tx *batchTx, docs []*catalog.Document) (*runCopies, error) {
	c := &runCopies{tx: tx, exact: map[int]candidate{}, near: map[int][]candidate{}, sigs: map[int64]neardup.Signature{}}
	var batch pgx.Batch
	batch.Queue(`SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, $1)`, len(docs)).Query(func(rows pgx.Rows) error {
		var err error
		c.ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	var urls, hashes, langs []string
	var urlAt, hashAt, nearAt []int32
	var urlSrc, hashSrc, nearSrc, keys []int64
	for i, d := range docs {
		x := tx.derived[d]
		if d.CanonicalURL != "" {
			urls, urlSrc, urlAt = append(urls, d.CanonicalURL), append(urlSrc, d.SourceID), append(urlAt, int32(i))
		}
		if x.textHash != "" {
			hashes, hashSrc, hashAt = append(hashes, x.textHash), append(hashSrc, d.SourceID), append(hashAt, int32(i))
		}
		if x.sigOK {
			langs, nearSrc, nearAt = append(langs, d.Language), append(nearSrc, d.SourceID), append(nearAt, int32(i))
			keys = append(keys, x.bands[:]...)
		}
	}
	// exactCopy's look-ups, one per key, each served by the key's partial
	// index.
	for _, col := range []struct {
		name string
		v    []string
		src  []int64
		at   []int32
	}{{"canonical_url", urls, urlSrc, urlAt}, {"text_hash", hashes, hashSrc, hashAt}} {
		if len(col.v) == 0 {
			continue
		}
		q := `SELECT k.i, c.id, c.rep FROM unnest($1::text[], $2::bigint[], $3::int[]) AS k(v, src, i)
			CROSS JOIN LATERAL (SELECT id, coalesce(duplicate_of, id) AS rep FROM documents
				WHERE ` + col.name + ` = k.v AND ` + col.name + ` <> '' AND source_id <> k.src
				ORDER BY id LIMIT 1) c`
		batch.Queue(q, col.v, col.src, col.at).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var (
					i     int32
					found candidate
				)
				if err := rows.Scan(&i, &found.id, &found.rep); err != nil {
					return err
				}
				if e, ok := c.exact[int(i)]; !ok || found.id < e.id {
					c.exact[int(i)] = found
				}
			}
			return rows.Err()
		})
	}
	if len(langs) > 0 {
		// nearest's look-up for every document; a signature read for
		// an earlier document is not sent again.
		const q = `SELECT k.i, s.document_id, coalesce(doc.duplicate_of, doc.id),
				CASE WHEN row_number() OVER (PARTITION BY s.document_id ORDER BY k.i) = 1 THEN s.signature END
			FROM unnest($1::text[], $2::bigint[], $3::int[]) WITH ORDINALITY AS k(lang, src, i, n)
			CROSS JOIN LATERAL (SELECT DISTINCT document_id FROM document_bands
				WHERE language = k.lang AND band_key = ANY(($4::bigint[])[((k.n - 1) * $5 + 1)::int : (k.n * $5)::int])
				LIMIT $6) b
			JOIN document_signatures s ON s.document_id = b.document_id
			JOIN documents doc ON doc.id = b.document_id
			WHERE doc.source_id <> k.src`
		batch.Queue(q, langs, nearSrc, nearAt, keys, neardup.Bands, maxCandidates).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var (
					i     int32
					found candidate
					raw   []byte
				)
				if err := rows.Scan(&i, &found.id, &found.rep, &raw); err != nil {
					return err
				}
				if raw != nil {
					sig, ok := neardup.Parse(raw)
					if !ok {
						continue
					}
					c.sigs[found.id] = sig
				}
				c.near[int(i)] = append(c.near[int(i)], found)
			}
			return rows.Err()
		})
	}
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return nil, err
	}
	// Drawn in one statement, they ascend; sorted all the same, since the
	// order of the run is the order of its IDs.
	slices.Sort(c.ids)
	return c, nil
}

// group sets the ID and the group of each of docs, in order, as
// linkDuplicates would have once the documents before it were stored:
// the first exact copy in another source, stored or earlier in the run;
// else the most similar near copy, stored or earlier in the run. A copy
// whose group has a representative stored after the document (by a
// concurrent transaction) makes the document its group's representative,
// which rewrites the group: that, rare, is left to the one-by-one path
// (errRetryBatch).
func (c *runCopies) group(docs []*catalog.Document) error {
	urlsBy, byHash := map[string][]int{}, map[string][]int{}
	bands := map[bandKey][]int{}
	for i, d := range docs {
		d.ID = c.ids[i]
		x := c.tx.derived[d]
		best, ok := c.exact[i]
		for _, j := range append(urlsBy[d.CanonicalURL], byHash[x.textHash]...) {
			if e := docs[j]; e.SourceID != d.SourceID && (!ok || e.ID < best.id) {
				best, ok = candidate{e.ID, cmp.Or(e.DuplicateOf, e.ID)}, true
			}
		}
		rep := best.rep
		if !ok && x.sigOK {
			rep = c.nearest(docs, i, bands)
		}
		if rep > d.ID {
			return errRetryBatch
		}
		d.DuplicateOf = rep
		if d.CanonicalURL != "" {
			urlsBy[d.CanonicalURL] = append(urlsBy[d.CanonicalURL], i)
		}
		if x.textHash != "" {
			byHash[x.textHash] = append(byHash[x.textHash], i)
		}
		if x.sigOK {
			for _, k := range x.bands {
				bk := bandKey{d.Language, k}
				bands[bk] = append(bands[bk], i)
			}
		}
	}
	return nil
}

// bandKey is a band of a signature in a language.
type bandKey struct {
	lang string
	key  int64
}

// nearest is nearest for docs[i]: the representative of the most similar
// of its stored candidates and of the documents before it in the run
// sharing one of its bands, at most maxCandidates of them in all.
func (c *runCopies) nearest(docs []*catalog.Document, i int, bands map[bandKey][]int) int64 {
	d := docs[i]
	x := c.tx.derived[d]
	best, bestSim := int64(0), 0.0
	consider := func(sig neardup.Signature, rep int64) {
		if sim := neardup.Similarity(x.sig, sig); sim >= neardup.MinSimilarity && sim > bestSim {
			best, bestSim = rep, sim
		}
	}
	n := 0
	for _, s := range c.near[i] {
		if sig, ok := c.sigs[s.id]; ok {
			consider(sig, s.rep)
			n++
		}
	}
	seen := map[int]bool{}
	for _, k := range x.bands {
		for _, j := range bands[bandKey{d.Language, k}] {
			if seen[j] || n >= maxCandidates {
				continue
			}
			seen[j] = true
			n++
			if e := docs[j]; e.SourceID != d.SourceID {
				consider(c.tx.derived[e].sig, cmp.Or(e.DuplicateOf, e.ID))
			}
		}
	}
	return best
}
