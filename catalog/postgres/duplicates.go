package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/neardup"
	"github.com/jackc/pgx/v5"
)

// maxCandidates bounds the near-duplicate candidates compared per upsert.
const maxCandidates = 64

// linkDuplicates finds d's group of copies in other sources and records
// it, in the upsert's transaction, as catalog/sqlite does: an exact copy
// (same canonical URL or folded text) or the candidate sharing a MinHash
// band in the same language with the highest similarity, at least
// neardup.MinSimilarity; the group's representative is its first stored
// document. Two copies upserted at the same instant by concurrent
// transactions may not see each other and stay apart until one is
// harvested again. A document just inserted (fresh) has no bands,
// signature nor group yet, so nothing of its own is deleted or reset.
func linkDuplicates(ctx context.Context, tx pgx.Tx, d *catalog.Document, x *derived, fresh bool) error {
	rep, err := exactCopy(ctx, tx, d, x.textHash)
	if err != nil {
		return err
	}
	if !fresh {
		if _, err := tx.Exec(ctx, `DELETE FROM document_bands WHERE document_id = $1`, d.ID); err != nil {
			return err
		}
	}
	if sig, keys := x.sig, x.bands; x.sigOK {
		if rep == 0 {
			if rep, err = nearest(ctx, tx, d, sig, keys); err != nil {
				return err
			}
		}
		const putSig = `INSERT INTO document_signatures (document_id, signature) VALUES ($1, $2)
			ON CONFLICT (document_id) DO UPDATE SET signature = excluded.signature`
		if _, err := tx.Exec(ctx, putSig, d.ID, sig.Bytes()); err != nil {
			return err
		}
		const putBands = `INSERT INTO document_bands (language, band_key, document_id)
			SELECT $1, k, $3 FROM unnest($2::bigint[]) AS k ON CONFLICT DO NOTHING`
		if _, err := tx.Exec(ctx, putBands, d.Language, keys[:], d.ID); err != nil {
			return err
		}
	} else if !fresh {
		if _, err := tx.Exec(ctx, `DELETE FROM document_signatures WHERE document_id = $1`, d.ID); err != nil {
			return err
		}
	}
	return setGroup(ctx, tx, d, rep, fresh)
}

// setGroup records rep, found by linkDuplicates, as d's representative.
func setGroup(ctx context.Context, tx pgx.Tx, d *catalog.Document, rep int64, fresh bool) error {
	const unset = `UPDATE documents SET duplicate_of = NULL WHERE id = $1 AND duplicate_of IS NOT NULL`
	var err error
	switch {
	case rep == 0 || rep == d.ID:
		d.DuplicateOf = 0
		if !fresh {
			_, err = tx.Exec(ctx, unset, d.ID)
		}
	case rep > d.ID:
		// d was stored first: it becomes the group's representative.
		d.DuplicateOf = 0
		if _, err = tx.Exec(ctx, `UPDATE documents SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2`, d.ID, rep); err == nil && !fresh {
			_, err = tx.Exec(ctx, unset, d.ID)
		}
	default:
		d.DuplicateOf = rep
		_, err = tx.Exec(ctx, `UPDATE documents SET duplicate_of = $1 WHERE id = $2`, rep, d.ID)
	}
	return err
}

// nearest returns the representative of the most similar near-duplicate
// of d in another source, or 0.
func nearest(ctx context.Context, tx pgx.Tx, d *catalog.Document, sig neardup.Signature, keys [neardup.Bands]int64) (int64, error) {
	const q = `SELECT s.document_id, s.signature, coalesce(doc.duplicate_of, doc.id)
		FROM (SELECT DISTINCT document_id FROM document_bands
		      WHERE language = $1 AND band_key = ANY($2::bigint[]) AND document_id <> $3 LIMIT $5) b
		JOIN document_signatures s ON s.document_id = b.document_id
		JOIN documents doc ON doc.id = b.document_id
		WHERE doc.source_id <> $4`
	rows, err := tx.Query(ctx, q, d.Language, keys[:], d.ID, d.SourceID, maxCandidates)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	best, bestSim := int64(0), 0.0
	for rows.Next() {
		var (
			id, rep int64
			raw     []byte
		)
		if err := rows.Scan(&id, &raw, &rep); err != nil {
			return 0, err
		}
		other, ok := neardup.Parse(raw)
		if !ok {
			continue
		}
		if sim := neardup.Similarity(sig, other); sim >= neardup.MinSimilarity && sim > bestSim {
			best, bestSim = rep, sim
		}
	}
	return best, rows.Err()
}

// DocumentGroup returns the group of copies that the document with the
// given ID belongs to: its representative first, then the other copies
// ("also published by") by ID; a document without copies gives itself
// alone. An unknown ID yields an error wrapping catalog.ErrNotFound.
func (s *Store) DocumentGroup(ctx context.Context, id int64) ([]catalog.Document, error) {
	var rep int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(duplicate_of, id) FROM documents WHERE id = $1`, id).Scan(&rep)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("group of document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("group of document %d: %w", id, err)
	}
	q := `SELECT ` + documentColumns + ` FROM documents WHERE id = $1 OR duplicate_of = $1 ORDER BY id <> $1, id`
	return s.documents(ctx, fmt.Sprintf("group of document %d", id), q, rep)
}

// Translations returns the other documents sharing the document's
// TranslationKey, by language then ID; none when it has no key. An
// unknown ID yields an error wrapping catalog.ErrNotFound.
func (s *Store) Translations(ctx context.Context, id int64) ([]catalog.Document, error) {
	var key string
	err := s.pool.QueryRow(ctx, `SELECT translation_key FROM documents WHERE id = $1`, id).Scan(&key)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("translations of document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil || key == "" {
		return nil, err
	}
	q := `SELECT ` + documentColumns + ` FROM documents WHERE translation_key = $1 AND id <> $2 ORDER BY language, id`
	return s.documents(ctx, fmt.Sprintf("translations of document %d", id), q, key, id)
}

func (s *Store) documents(ctx context.Context, what, q string, args ...any) ([]catalog.Document, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []catalog.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, *d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// exactCopy returns the representative of the first stored document of
// another source with d's canonical URL or folded text, or 0. It makes one
// look-up per key, each condition written so that the key's partial index
// serves it: a single statement with an OR of both, guarded by the
// parameters, was answered by a scan of every document.
func exactCopy(ctx context.Context, tx pgx.Tx, d *catalog.Document, textHash string) (int64, error) {
	first, rep := int64(0), int64(0)
	for _, k := range []struct{ col, v string }{{"canonical_url", d.CanonicalURL}, {"text_hash", textHash}} {
		if k.v == "" {
			continue
		}
		q := `SELECT id, coalesce(duplicate_of, id) FROM documents
			WHERE ` + k.col + ` = $1 AND ` + k.col + ` <> '' AND id <> $2 AND source_id <> $3
			ORDER BY id LIMIT 1`
		var id, r int64
		err := tx.QueryRow(ctx, q, k.v, d.ID, d.SourceID).Scan(&id, &r)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			continue
		case err != nil:
			return 0, err
		}
		if first == 0 || id < first {
			first, rep = id, r
		}
	}
	return rep, nil
}
