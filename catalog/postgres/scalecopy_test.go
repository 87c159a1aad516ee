package postgres_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// copyCatalog makes the catalog of schema, once it holds docs/copies
// documents, copies times as big: every document again copies-1 times,
// each copy with its own ID and key and the same words, search vectors
// and facets, so that every query's hits grow exactly copies times.
// Loading a million documents through the store takes hours on this
// machine; the copies take minutes and measure the same searches (not
// the indexing). It does nothing when the schema holds another count.
func copyCatalog(ctx context.Context, url, schema string, docs, copies int) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SET search_path TO "+pgx.Identifier{schema}.Sanitize()); err != nil {
		return err
	}
	var n, maxID int64
	if err := conn.QueryRow(ctx, `SELECT count(*), coalesce(max(id), 0) FROM documents`).Scan(&n, &maxID); err != nil {
		return err
	}
	if n != int64(docs/copies) {
		return nil
	}
	rows, err := conn.Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = $1 AND table_name = 'documents' ORDER BY ordinal_position`, schema)
	if err != nil {
		return err
	}
	cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for k := 1; k < copies; k++ {
		exprs := make([]string, len(cols))
		for i, c := range cols {
			switch c {
			case "id":
				exprs[i] = fmt.Sprintf("id + %d", int64(k)*maxID)
			case "key":
				exprs[i] = fmt.Sprintf("key || '~%d'", k)
			case "url":
				exprs[i] = fmt.Sprintf("url || '#%d'", k)
			default:
				exprs[i] = pgx.Identifier{c}.Sanitize()
			}
		}
		q := fmt.Sprintf(`INSERT INTO documents (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM documents WHERE id <= %d`,
			strings.Join(cols, ", "), strings.Join(exprs, ", "), maxID)
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("copy %d: %w", k, err)
		}
	}
	for _, q := range []string{
		`SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents))`,
		`UPDATE search_generation SET n = n + 1`,
		`VACUUM ANALYZE documents`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
