package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// index writes d's rows of documents_fts and documents_head: the folded
// words and the stem tokens that catalog/analysis computes, so that the
// index holds the tokens catalog/postgres indexes (documents_fts each body
// stem once, see ftsColumns). With replace, the old rows go first.
func index(ctx context.Context, tx dbtx, d *catalog.Document, replace bool) error {
	b, batched := tx.(*batchTx)
	if replace {
		if batched {
			b.dropFTS(d.ID)
		}
		for _, q := range []string{`DELETE FROM documents_fts WHERE rowid = ?`, `DELETE FROM documents_head WHERE rowid = ?`} {
			if _, err := tx.ExecContext(ctx, q, d.ID); err != nil {
				return fmt.Errorf("index: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM document_tags WHERE doc_id = ?`, d.ID); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	if err := tag(ctx, tx, d); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	row := ftsRow{d.ID, ftsOf(tx, d)}
	if batched {
		b.fts = append(b.fts, row)
		return nil
	}
	return insertFTS(ctx, tx, row)
}

// ftsRow is one row of documents_fts: a rowid and its six columns, of
// which documents_head takes the title's and the summary's.
type ftsRow struct {
	id   int64
	cols [6]string
}

func insertFTS(ctx context.Context, tx dbtx, r ftsRow) error {
	const q = `INSERT INTO documents_fts (rowid, title, summary, body, title_stems, summary_stems, body_stems)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	const head = `INSERT INTO documents_head (rowid, title, summary, title_stems, summary_stems) VALUES (?, ?, ?, ?, ?)`
	c := r.cols
	if _, err := tx.ExecContext(ctx, q, r.id, c[0], c[1], c[2], c[3], c[4], c[5]); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, head, r.id, c[0], c[1], c[3], c[4]); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// deadline is the date a document is sorted by under catalog.SortDeadline:
// its funding call's deadline; zero when it has none.
func deadline(d *catalog.Document) time.Time {
	if d.Funding == nil {
		return time.Time{}
	}
	return utc(d.Funding.Deadline)
}

// bumpGeneration marks a write of documents, in its transaction (see
// search.CountCache).
func bumpGeneration(ctx context.Context, tx dbtx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE search_generation SET n = n + 1`); err != nil {
		return fmt.Errorf("search generation: %w", err)
	}
	return nil
}

// tag writes the rows of document_tags of d: what the theme, sub-theme
// and country filters look up.
func tag(ctx context.Context, tx dbtx, d *catalog.Document) error {
	themes, subthemes := catalog.ThemeFacets(d.Themes)
	tags := map[[2]string]bool{}
	for _, t := range append(themes, d.Themes...) {
		tags[[2]string{"theme", t}] = true
	}
	for _, t := range subthemes {
		tags[[2]string{"subtheme", t}] = true
	}
	for _, c := range d.Countries {
		tags[[2]string{"country", c}] = true
	}
	if len(tags) == 0 {
		return nil
	}
	// One statement for all the rows: a document has a handful, so a batch
	// prepares a few variants of it.
	args := make([]any, 0, 3*len(tags))
	for t := range tags {
		args = append(args, t[0], t[1], d.ID)
	}
	q := `INSERT INTO document_tags (facet, value, doc_id) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?), ", len(tags)), ", ")
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}
