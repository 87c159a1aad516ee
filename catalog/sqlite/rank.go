package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// headColumns restricts an FTS5 match to the title and the summary, their
// words and their stems.
const headColumns = `{title summary title_stems summary_stems} : `

// rankedHits reads one page of hits by relevance, in two tiers. The hits
// whose title or summary hold a word of the query (a token of
// search.Scoring, the head tier) come first, by rankOrder over those
// fields; then the others, which hold the words in the body alone, by
// rankOrder over the body. PostgreSQL orders the same tiers (see
// catalog/postgres). A broad query has tens of thousands of hits and
// ranking reads each one it orders, but few of them hold the words in the
// title or summary: the first pages read the head tier alone, and the
// body tier is read only by a page that reaches past the head tier.
func rankedHits(ctx context.Context, tx *sql.Tx, q *catalog.Query, m search.Match, cs []cond) ([]catalog.Hit, error) {
	scoring := matchExpr(search.Scoring(m))
	head := headColumns + "(" + scoring + ")"
	// The query's own match says which documents are hits, unless the
	// scoring query finds the same documents.
	same := search.ScoringMatches(m)
	tier := func(match string, extra ...cond) (string, []any) {
		w, args := where(append(cs, extra...), `documents_fts MATCH @rankmatch`, func(c cond) bool { return !c.text || !same })
		return w, append(args, sql.Named("rankmatch", match),
			sql.Named("now", time.Now().UnixMicro()), sql.Named("year", float64(365.25*24*3600*1e6)))
	}
	const from = `documents_fts JOIN documents d ON d.id = documents_fts.rowid`
	order := rankOrder + `, ` + dateOrder
	w, args := tier(head)
	out, err := readHits(ctx, tx, from, w, args, order, q.Limit, q.Offset)
	if err != nil || len(out) == q.Limit {
		return out, err
	}
	// The page reaches past the head tier: where does that tier end?
	inHead := q.Offset + len(out)
	if len(out) == 0 && q.Offset > 0 {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w, args...).Scan(&inHead); err != nil {
			return nil, err
		}
	}
	w, args = tier(scoring, cond{
		sql:  `d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @headmatch)`,
		args: []any{sql.Named("headmatch", head)},
	})
	body, err := readHits(ctx, tx, from, w, args, order, q.Limit-len(out), max(q.Offset-inHead, 0))
	return append(out, body...), err
}
