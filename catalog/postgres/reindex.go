package postgres

import (
	"context"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/internal/parallel"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// reindexBatch is how many documents Reindex reads at a time.
const reindexBatch = 500

// reindexed is what Reindex computes of a document: its vectors and its
// words for "did you mean".
type reindexed struct {
	search, head pgtype.TSVector
	terms        []string
}

// reindexRow writes a document's derived columns, unless they hold
// those values already: a row rewritten is a new version of it, with an
// entry in every index of documents, and a reindex that changes nothing,
// as after a migration that left the analysis of most documents as it
// was, then writes nothing.
const reindexRow = `UPDATE documents SET search = $1::tsvector, search_head = $2::tsvector,
	theme_roots = $3, subthemes = $4
	WHERE id = $5 AND (search IS DISTINCT FROM $1::tsvector OR search_head IS DISTINCT FROM $2::tsvector
		OR theme_roots IS DISTINCT FROM $3 OR subthemes IS DISTINCT FROM $4)`

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
	// The rows it rewrites go to the GIN indexes' pending lists and are
	// merged into them a batch's worth at a time, in one pass each (see
	// setBatchLimits), not every 512 kB as the connection's limit says.
	if _, err := tx.Exec(ctx, setBatchLimits); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM search_terms`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	var after int64
	next := func() ([]catalog.Document, error) {
		rows, err := tx.Query(ctx, `SELECT id, title, summary, summary_en, text, language, themes FROM documents
			WHERE id > $1 ORDER BY id LIMIT $2`, after, reindexBatch)
		if err != nil {
			return nil, fmt.Errorf("reindex: %w", err)
		}
		docs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.Document, error) {
			var d catalog.Document
			err := r.Scan(&d.ID, &d.Title, &d.Summary, &d.SummaryEN, &d.Text, &d.Language, &d.Themes)
			return d, err
		})
		if err != nil {
			return nil, fmt.Errorf("reindex: %w", err)
		}
		if len(docs) > 0 {
			after = docs[len(docs)-1].ID
		}
		return docs, nil
	}
	// Each page's documents are analysed on every core while the page
	// before is written (see parallel.Pages).
	analyse := func(d *catalog.Document) reindexed {
		a := analysis.Document(d)
		return reindexed{tsVector(a), tsHead(a), terms(a)}
	}
	err = parallel.Pages(next, analyse, func(docs []catalog.Document, out []reindexed) error {
		var b pgx.Batch
		var words []string
		for i := range docs {
			d := &docs[i]
			themes, subthemes := catalog.ThemeFacets(d.Themes)
			b.Queue(reindexRow, out[i].search, out[i].head, list(themes), list(subthemes), d.ID)
			words = append(words, out[i].terms...)
		}
		if err := tx.SendBatch(ctx, &b).Close(); err != nil {
			return fmt.Errorf("reindex documents %d to %d: %w", docs[0].ID, docs[len(docs)-1].ID, err)
		}
		if err := addTerms(ctx, tx, words); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
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
	if _, err := s.pool.Exec(ctx, cleanPendingLists); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	return nil
}
