package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/internal/parallel"
)

// reindexBatch is how many documents Reindex reads at a time.
const reindexBatch = 500

// Reindex rebuilds the search index and the derived facet columns from
// the documents table, in one transaction: searches see the old index
// until it commits, never half of one. The index is derived data, so this
// is always safe; Migrate runs it when a migration changes how documents
// are indexed. Errors name the document that failed.
func (s *Store) Reindex(ctx context.Context) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer tx.Rollback()
	btx := newBatchTx(tx)
	// 'delete-all' empties a contentless index at once; a DELETE would
	// remove its rows one by one.
	for _, q := range []string{`INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')`,
		`INSERT INTO documents_head (documents_head) VALUES ('delete-all')`, `DELETE FROM document_tags`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
	}
	// Each page's documents are analysed on every core while the page
	// before is written: the analysis was 40% of a reindex of 100,000
	// synthetic documents, on one core while the other waited.
	var after int64
	next := func() ([]catalog.Document, error) {
		docs, err := reindexPage(ctx, tx, after)
		if err != nil {
			return nil, fmt.Errorf("reindex: %w", err)
		}
		if len(docs) > 0 {
			after = docs[len(docs)-1].ID
		}
		return docs, nil
	}
	analyse := func(d *catalog.Document) *derived { return &derived{fts: ftsColumns(analysis.Document(d))} }
	err = parallel.Pages(next, analyse, func(docs []catalog.Document, fts []*derived) error {
		btx.derived = make(map[*catalog.Document]*derived, len(docs))
		for i := range docs {
			btx.derived[&docs[i]] = fts[i]
		}
		for i := range docs {
			d := &docs[i]
			if err := index(ctx, btx, d, false); err != nil {
				return fmt.Errorf("reindex document %d: %w", d.ID, err)
			}
			themes, subthemes := catalog.ThemeFacets(d.Themes)
			const q = `UPDATE documents SET theme_roots = ?, subthemes = ? WHERE id = ?`
			if _, err := btx.ExecContext(ctx, q, list(themes), list(subthemes), d.ID); err != nil {
				return fmt.Errorf("reindex document %d: %w", d.ID, err)
			}
		}
		if err := btx.flushFTS(ctx); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, q := range []string{`INSERT INTO documents_fts (documents_fts) VALUES ('optimize')`,
		`INSERT INTO documents_head (documents_head) VALUES ('optimize')`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("reindex: optimize: %w", err)
		}
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return nil
}

// reindexPage reads the indexed fields of the documents after the given
// ID, in ID order.
func reindexPage(ctx context.Context, tx *sql.Tx, after int64) ([]catalog.Document, error) {
	const q = `SELECT id, title, summary, summary_en, text, language, themes, countries FROM documents WHERE id > ? ORDER BY id LIMIT ?`
	rows, err := tx.QueryContext(ctx, q, after, reindexBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.Document
	for rows.Next() {
		var (
			d                 catalog.Document
			themes, countries string
		)
		if err := rows.Scan(&d.ID, &d.Title, &d.Summary, &d.SummaryEN, &d.Text, &d.Language, &themes, &countries); err != nil {
			return nil, err
		}
		if d.Themes, err = listOf(themes); err != nil {
			return nil, err
		}
		if d.Countries, err = listOf(countries); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
