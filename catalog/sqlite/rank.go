package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// A ranking tier: the hits whose given columns hold a word of the query,
// not counting those of the tiers before.
type rankTier struct {
	table   string // documents_head, or documents_fts for the body
	columns string // an FTS5 column filter; "" for every column
	bm25    string // the ranking function over table
}

// rankTiers are title, summary and body: the first two read
// documents_head, whose lists of a common word are short next to
// documents_fts's.
var rankTiers = []rankTier{
	{"documents_head", `{title title_stems} : `, `bm25(documents_head, 10.0, 4.0, 10.0, 4.0)`},
	{"documents_head", `{summary summary_stems} : `, `bm25(documents_head, 10.0, 4.0, 10.0, 4.0)`},
	{"documents_fts", ``, `bm25(documents_fts, 10.0, 4.0, 1.0, 10.0, 4.0, 1.0)`},
}

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
	scoring := "(" + matchExpr(search.Scoring(m)) + ")"
	// The query's own match says which documents are hits, unless the
	// scoring query finds the same documents.
	same := search.ScoringMatches(m)
	out := []catalog.Hit{}
	off := q.Offset
	for i, t := range rankTiers {
		extra := append([]cond(nil), cs...)
		if i > 0 {
			// Not in the tiers before: their columns are the head's.
			extra = append(extra, cond{
				sql:  `d.id NOT IN (SELECT rowid FROM documents_head WHERE documents_head MATCH @before)`,
				args: []any{sql.Named("before", headBefore(i)+scoring)},
			})
		}
		from := t.table + ` JOIN documents d ON d.id = ` + t.table + `.rowid`
		w, args := where(extra, t.table+` MATCH @rankmatch`, func(c cond) bool { return !c.text || !same })
		args = append(args, sql.Named("rankmatch", t.columns+scoring),
			sql.Named("now", time.Now().UnixMicro()), sql.Named("year", float64(365.25*24*3600*1e6)))
		page, err := readHits(ctx, tx, from, w, args, rankOrder(t.bm25)+`, `+dateOrder, q.Limit-len(out), off)
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

// headBefore is the column filter of documents_head holding the tiers
// before tier i (1 or 2).
func headBefore(i int) string {
	if i == 1 {
		return rankTiers[0].columns
	}
	return ""
}
