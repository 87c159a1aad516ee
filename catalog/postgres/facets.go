package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ewsi/hub/catalog/search"
)

// searchStamp returns what a search at the instant at sees of the
// catalog, read in its transaction: the generation of document writes,
// and a stamp that also holds the next embargo to pass. Counts made under
// a stamp (cached, or from the facet index) are right for every search
// with the same stamp, on any node: the same documents, and none leaving
// its embargo in between.
func searchStamp(ctx context.Context, tx pgx.Tx, at time.Time) (int64, string, error) {
	return scanStamp(tx.QueryRow(ctx, `SELECT `+stampColumns+` FROM search_generation`, at))
}

// stampColumns read the generation and the next embargo to pass after
// the instant $1, from search_generation.
const stampColumns = `n, (SELECT min(embargo_until) FROM documents WHERE embargo_until > $1)`

// scanStamp reads the generation and the stamp from a row that starts
// with stampColumns, and the row's other columns into more.
func scanStamp(row pgx.Row, more ...any) (int64, string, error) {
	var (
		gen  int64
		next pgtype.Timestamptz
	)
	if err := row.Scan(append([]any{&gen, &next}, more...)...); err != nil {
		return 0, "", err
	}
	var until int64
	if next.Valid {
		until = next.Time.UnixMicro()
	}
	return gen, fmt.Sprintf("%d/%d", gen, until), nil
}

// buildFacets reads the searchable documents in a snapshot of their own
// and builds the facet index of it.
func (s *Store) buildFacets(ctx context.Context) (*search.FacetIndex, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	at := now()
	_, stamp, err := searchStamp(ctx, tx, at)
	if err != nil {
		return nil, err
	}
	v := visible(at)
	q := `SELECT d.id, d.language, d.content_type, d.source_id,
		coalesce(to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY'), ''),
		coalesce((extract(epoch FROM d.published_at) * 1000000)::bigint, 0), d.theme_roots,
		d.subthemes, d.themes, d.countries, ` + collapseCopies + `
	FROM documents d WHERE d.gone_at IS NULL AND ` + v.sql
	rows, err := tx.Query(ctx, q, v.args)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (search.FacetRow, error) {
		var f search.FacetRow
		err := r.Scan(&f.ID, &f.Language, &f.ContentType, &f.SourceID, &f.Year, &f.Published, &f.ThemeRoots,
			&f.Subthemes, &f.Themes, &f.Countries, &f.Collapsed)
		return f, err
	})
	if err != nil {
		return nil, err
	}
	return search.BuildFacetIndex(stamp, out), nil
}

// matchIDs returns the IDs of the documents matching a tsquery.
func matchIDs(ctx context.Context, tx pgx.Tx, query string) (*roaring.Bitmap, error) {
	rows, err := tx.Query(ctx, `SELECT id FROM documents WHERE search @@ $1::tsquery`, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	b := roaring.New()
	var id int64
	for rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if id >= 0 && id <= search.MaxFacetID {
			b.Add(uint32(id))
		}
	}
	return b, rows.Err()
}
