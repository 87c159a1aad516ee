package postgres

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/jackc/pgx/v5"
)

// reindexBatch is how many documents Reindex reads at a time.
const reindexBatch = 500

// Reindex rebuilds the search vectors, the derived facet columns and the
// vocabulary of "did you mean" from the documents' own columns, in one
// transaction: searches see the old index until it commits. The index is
// derived data, so this is always safe; Migrate runs it when a migration
// changes how documents are indexed. Errors name the document that failed.
func (s *Store) Reindex(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `DELETE FROM search_terms`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	var after int64
	for {
		rows, err := tx.Query(ctx, `SELECT id, title, summary, summary_en, text, language, themes FROM documents
			WHERE id > $1 ORDER BY id LIMIT $2`, after, reindexBatch)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		docs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.Document, error) {
			var d catalog.Document
			err := r.Scan(&d.ID, &d.Title, &d.Summary, &d.SummaryEN, &d.Text, &d.Language, &d.Themes)
			return d, err
		})
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		if len(docs) == 0 {
			break
		}
		var b pgx.Batch
		var words []string
		for i := range docs {
			d := &docs[i]
			a := analysis.Document(d)
			themes, subthemes := catalog.ThemeFacets(d.Themes)
			b.Queue(`UPDATE documents SET search = $1::tsvector, search_head = $2::tsvector,
				theme_roots = $3, subthemes = $4 WHERE id = $5`,
				tsVector(a), tsHead(a), list(themes), list(subthemes), d.ID)
			words = append(words, terms(a)...)
		}
		if err := tx.SendBatch(ctx, &b).Close(); err != nil {
			return fmt.Errorf("reindex documents %d to %d: %w", docs[0].ID, docs[len(docs)-1].ID, err)
		}
		if err := addTerms(ctx, tx, words); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		after = docs[len(docs)-1].ID
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	// Every row was rewritten: the planner's statistics are refreshed
	// (see analyzeAfter).
	if _, err := s.pool.Exec(ctx, `ANALYZE documents`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if _, err := s.pool.Exec(ctx, `SELECT gin_clean_pending_list('documents_search'::regclass)`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return nil
}
