package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// snippetText bounds the bytes of a body read for a snippet.
const snippetText = 32 << 10

// snippets sets the Snippet of each hit from its summary, else from the
// start of its body (see search.Snippet).
func snippets(ctx context.Context, tx *sql.Tx, m search.Match, hits []catalog.Hit) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	list, _ := json.Marshal(ids) // []int64 always marshals
	const q = `SELECT id, substr(text, 1, @n) FROM documents WHERE id IN (SELECT value FROM json_each(@ids))`
	rows, err := tx.QueryContext(ctx, q, sql.Named("n", snippetText), sql.Named("ids", string(list)))
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
