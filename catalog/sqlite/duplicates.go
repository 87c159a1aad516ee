package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/neardup"
)

// maxCandidates bounds the near-duplicate candidates compared per upsert.
const maxCandidates = 64

// linkDuplicates finds d's group of copies in other sources and records
// it, in the upsert's transaction: an exact copy (same canonical URL or
// same folded text) or, failing that, the candidate sharing a MinHash
// band (catalog/neardup, found by the band index, bandindex.go) in the
// same language with the highest estimated similarity, at least
// neardup.MinSimilarity. The group's representative is its first stored
// document; d joins its group, or, when d is older than the
// representative, becomes it. d's signature replaces its old one. The
// cost is bounded by maxCandidates, whatever the catalog's size.
//
// A created document has no signature or group yet (those of a deleted
// document whose ID it reuses went with it, ON DELETE CASCADE): the
// statements that clear them are left out.
func linkDuplicates(ctx context.Context, tx dbtx, d *catalog.Document, created bool) error {
	rep, err := exactCopy(ctx, tx, d)
	if err != nil {
		return err
	}
	bands := bandsOf(tx)
	sig, ok := signature(tx, d)
	if ok {
		if err := bands.ensure(ctx, tx); err != nil {
			return err
		}
		keys := neardup.BandKeys(sig)
		if rep == 0 {
			early, searched := lookedAhead(tx, d)
			if rep, err = nearest(ctx, tx, d, sig, bands.candidates(keys, d.ID, maxCandidateIDs, early, searched)); err != nil {
				return err
			}
		}
		const putSig = `INSERT INTO document_signatures (document_id, signature) VALUES (?, ?)
			ON CONFLICT (document_id) DO UPDATE SET signature = excluded.signature`
		if _, err := tx.ExecContext(ctx, putSig, d.ID, sig.Bytes()); err != nil {
			return err
		}
		if err := bands.add(keys, d.ID, !created); err != nil {
			return err
		}
	} else if !created {
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_signatures WHERE document_id = ?`, d.ID); err != nil {
			return err
		}
		bands.forget()
	}

	switch {
	case created && (rep == 0 || rep == d.ID):
		d.DuplicateOf = 0
	case rep == 0 || rep == d.ID:
		d.DuplicateOf = 0
		_, err = tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = NULL WHERE id = ? AND duplicate_of IS NOT NULL`, d.ID)
	case rep > d.ID:
		// d is older than the group's representative: it takes its place.
		d.DuplicateOf = 0
		if _, err = tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?`,
			d.ID, rep, rep); err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = NULL WHERE id = ? AND duplicate_of IS NOT NULL`, d.ID)
		}
	default:
		d.DuplicateOf = rep
		_, err = tx.ExecContext(ctx, `UPDATE documents SET duplicate_of = ? WHERE id = ?`, rep, d.ID)
	}
	return err
}

// maxCandidateIDs bounds the candidates the band index gives an upsert,
// before those of d's own source are set aside.
const maxCandidateIDs = 4 * maxCandidates

// nearest returns the representative of the most similar near-duplicate
// of d in another source among the documents ids, or 0.
func nearest(ctx context.Context, tx dbtx, d *catalog.Document, sig neardup.Signature, ids []int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return 0, err
	}
	const q = `SELECT s.document_id, s.signature, coalesce(doc.duplicate_of, doc.id)
		FROM documents doc
		JOIN document_signatures s ON s.document_id = doc.id
		WHERE doc.id IN (SELECT value FROM json_each(?)) AND doc.language = ? AND doc.source_id <> ?
		LIMIT ?`
	args := []any{string(list), d.Language, d.SourceID, maxCandidates}
	rows, err := tx.QueryContext(ctx, q, args...)
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
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(duplicate_of, id) FROM documents WHERE id = ?`, id).Scan(&rep)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("group of document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("group of document %d: %w", id, err)
	}
	q := `SELECT ` + documentColumns + ` FROM documents WHERE id = ? OR duplicate_of = ? ORDER BY id <> ?, id`
	return s.documents(ctx, fmt.Sprintf("group of document %d", id), q, rep, rep, rep)
}

// Translations returns the other documents sharing the document's
// TranslationKey, by language then ID; none when it has no key. An
// unknown ID yields an error wrapping catalog.ErrNotFound.
func (s *Store) Translations(ctx context.Context, id int64) ([]catalog.Document, error) {
	var key string
	err := s.read.QueryRowContext(ctx, `SELECT translation_key FROM documents WHERE id = ?`, id).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("translations of document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil || key == "" {
		return nil, err
	}
	q := `SELECT ` + documentColumns + ` FROM documents WHERE translation_key = ? AND id <> ? ORDER BY language, id`
	return s.documents(ctx, fmt.Sprintf("translations of document %d", id), q, key, id)
}

func (s *Store) documents(ctx context.Context, what, q string, args ...any) ([]catalog.Document, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
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
func exactCopy(ctx context.Context, tx dbtx, d *catalog.Document) (int64, error) {
	first, rep := int64(0), int64(0)
	for _, k := range []struct{ col, v string }{{"canonical_url", d.CanonicalURL}, {"text_hash", textHash(tx, d)}} {
		if k.v == "" {
			continue
		}
		q := `SELECT id, coalesce(duplicate_of, id) FROM documents
			WHERE ` + k.col + ` = ? AND ` + k.col + ` <> '' AND id <> ? AND source_id <> ?
			ORDER BY id LIMIT 1`
		var id, r int64
		err := tx.QueryRowContext(ctx, q, k.v, d.ID, d.SourceID).Scan(&id, &r)
		switch {
		case errors.Is(err, sql.ErrNoRows):
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
