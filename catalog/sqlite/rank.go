package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// tierColumns are the column filters of the ranking tiers before the
// last: the title, then the summary, each with its words and stems.
var tierColumns = []string{`{title title_stems} : `, `{summary summary_stems} : `}

// rankedHits reads one page of hits by relevance, in tiers: the hits whose
// title holds a word of the query (a token of search.Scoring) come first,
// by rankOrder over the title; then those whose summary holds one, by
// rankOrder over the summary; then the others, which hold the words in
// the body alone, by rankOrder over the body. PostgreSQL orders the same
// tiers (see catalog/postgres). A broad query has tens of thousands of
// hits and ranking reads each one it orders, but few of them hold the
// words in the title: the first pages read the title tier alone, and a
// later tier is read only by a page that reaches past the ones before.
func rankedHits(ctx context.Context, tx *sql.Tx, q *catalog.Query, m search.Match, cs []cond) ([]catalog.Hit, error) {
	scoring := matchExpr(search.Scoring(m))
	tiers := make([]string, 0, len(tierColumns)+1)
	for _, c := range tierColumns {
		tiers = append(tiers, c+"("+scoring+")")
	}
	tiers = append(tiers, scoring)
	// The query's own match says which documents are hits, unless the
	// scoring query finds the same documents.
	same := search.ScoringMatches(m)
	const from = `documents_fts JOIN documents d ON d.id = documents_fts.rowid`
	order := rankOrder + `, ` + dateOrder
	out := []catalog.Hit{}
	off := q.Offset
	for i, match := range tiers {
		extra := append([]cond(nil), cs...)
		for j, before := range tiers[:i] {
			name := fmt.Sprintf("tier%d", j)
			extra = append(extra, cond{
				sql:  `d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @` + name + `)`,
				args: []any{sql.Named(name, before)},
			})
		}
		w, args := where(extra, `documents_fts MATCH @rankmatch`, func(c cond) bool { return !c.text || !same })
		args = append(args, sql.Named("rankmatch", match),
			sql.Named("now", time.Now().UnixMicro()), sql.Named("year", float64(365.25*24*3600*1e6)))
		page, err := readHits(ctx, tx, from, w, args, order, q.Limit-len(out), off)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		switch {
		case len(out) == q.Limit:
			return out, nil
		case len(page) > 0:
			off = 0 // the page started in this tier
		case off > 0:
			// The page starts in a later tier: past this one.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w, args...).Scan(&n); err != nil {
				return nil, err
			}
			off -= n
		}
	}
	return out, nil
}
