package postgres

import (
	"context"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
	"github.com/jackc/pgx/v5"
)

// snippetText bounds the characters of a body read for a snippet.
const snippetText = 32 << 10

// snippets sets the Snippet of each hit from its summary, else from the
// start of its body (see search.Snippet), as catalog/sqlite does.
func snippets(ctx context.Context, tx pgx.Tx, m search.Match, hits []catalog.Hit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	const q = `SELECT id, left(text, @n) FROM documents WHERE id = ANY (@ids::bigint[])`
	rows, err := tx.Query(ctx, q, pgx.NamedArgs{"n": snippetText, "ids": ids})
	if err != nil {
		return err
	}
	defer rows.Close()
	body := map[int64]string{}
	for rows.Next() {
		var (
			id   int64
			text string
		)
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		body[id] = text
	}
	if err := rows.Err(); err != nil {
		return err
	}
	search.AttachSnippets(hits, m, body)
	return nil
}
