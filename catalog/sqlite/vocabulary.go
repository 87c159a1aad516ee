package sqlite

import (
	"context"
	"database/sql"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// maxVocabularyWords bounds the candidate words read for one misspelt word.
const maxVocabularyWords = 20000

// vocabulary is search.Vocabulary over documents_terms, in a search's
// transaction.
type vocabulary struct {
	s  *Store
	tx *sql.Tx
	q  catalog.Query
}

func (v vocabulary) Words(ctx context.Context, first string, lo, hi int) ([]string, error) {
	const q = `SELECT DISTINCT term FROM documents_terms
		WHERE term >= @first AND term < @next AND col IN ('title', 'summary')
		AND length(term) BETWEEN @lo AND @hi LIMIT @n`
	rows, err := v.tx.QueryContext(ctx, q, sql.Named("first", first),
		sql.Named("next", first+string(utf8.MaxRune)), sql.Named("lo", lo), sql.Named("hi", hi),
		sql.Named("n", maxVocabularyWords))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

func (v vocabulary) Count(ctx context.Context, word string) (int, error) {
	var n int
	err := v.tx.QueryRowContext(ctx, `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`,
		matchExpr(search.Token{Text: word})).Scan(&n)
	return n, err
}

// suggest is Result.Suggestion for a query that found nothing.
func (s *Store) suggest(ctx context.Context, tx *sql.Tx, q catalog.Query, p *search.Parsed) (string, error) {
	return search.Suggest(ctx, q.Text, p, vocabulary{s, tx, q})
}

// Finds reports whether text, with v.q's filters, matches a document.
func (v vocabulary) Finds(ctx context.Context, text string) (bool, error) {
	q := v.q
	q.Text = text
	p, err := search.Parse(q.Text, search.DefaultLimits)
	if err != nil {
		return false, nil
	}
	m := search.Resolve(p.Root, search.Languages(q.Languages, p.Filters.Languages), v.s.Expander(q))
	w, args := where(conditions(&q, p, m), "", all)
	var found bool
	err = v.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents d`+w+`)`, args...).Scan(&found)
	return found, err
}
