package postgres

import (
	"context"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
	"github.com/jackc/pgx/v5"
)

// maxVocabularyWords bounds the candidate words read for one misspelt word.
const maxVocabularyWords = 20000

// vocabulary is search.Vocabulary over search_terms and the search index,
// in a search's transaction.
type vocabulary struct {
	s  *Store
	tx pgx.Tx
	q  catalog.Query
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
	w, args := where(conditions(&q, p, m))
	var found bool
	err = v.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents d`+w+`)`, args).Scan(&found)
	return found, err
}

func (v vocabulary) Words(ctx context.Context, first string, lo, hi int) ([]string, error) {
	const q = `SELECT term FROM search_terms
		WHERE term >= @first AND term < @next AND char_length(term) BETWEEN @lo AND @hi LIMIT @n`
	rows, err := v.tx.Query(ctx, q, pgx.NamedArgs{"first": first, "next": first + string(utf8.MaxRune),
		"lo": lo, "hi": hi, "n": maxVocabularyWords})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (v vocabulary) Count(ctx context.Context, word string) (int, error) {
	var n int
	err := v.tx.QueryRow(ctx, `SELECT count(*) FROM documents WHERE search @@ $1::tsquery`,
		tsQuery(search.Token{Text: word})).Scan(&n)
	return n, err
}
