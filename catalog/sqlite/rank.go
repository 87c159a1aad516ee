package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// A ranking tier: the hits whose given columns hold a word of the query,
// not counting those of the tiers before.
type rankTier struct {
	columns string // an FTS5 column filter of documents_head
	ranked  bool   // by bm25 over documents_head; else newest first
}

// rankTiers are title, summary and body: the first two read
// documents_head, whose lists of a common word are short next to
// documents_fts's; the body tier needs no index of its own.
var rankTiers = []rankTier{{`{title title_stems} : `, true}, {`{summary summary_stems} : `, true}, {``, false}}

// headBM25 ranks the title and summary tiers: title and summary words
// weighed 10:4, stems as their words.
const headBM25 = `bm25(documents_head, 10.0, 4.0, 10.0, 4.0)`

// rankedHits reads one page of hits by relevance, in tiers: the hits whose
// title holds a word of the query (a token of search.Scoring) come first,
// by rankOrder over the title; then those whose summary holds one, by
// rankOrder over the summary; then the others, which hold the words in
// the body alone, newest first. PostgreSQL orders the same tiers the same
// way (see catalog/postgres). A broad query has tens of thousands of
// hits and ranking reads each one it orders, but few of them hold the
// words in the title: the first pages read the title tier alone, and a
// later tier is read only by a page that reaches past the ones before.
func rankedHits(ctx context.Context, tx *sql.Tx, q *catalog.Query, m search.Match, cs []cond) ([]catalog.Hit, error) {
	scoring := "(" + matchExpr(search.Scoring(m)) + ")"
	// The query's own match says which documents are hits, unless the
	// scoring query finds the same documents. In a ranked tier it filters
	// the heads that the scoring query finds; the unary + keeps it a
	// filter. As a constraint of documents_head's rowid, FTS5 looked the
	// hits up one by one, and bm25 read the lists of the query's words
	// anew for each: 2.7 ms per hit at 100,000 documents, where one pass
	// over the heads holding the words took 17 ms for any number of hits.
	same := search.ScoringMatches(m)
	var hitsIn cond
	for _, c := range cs {
		if c.text {
			hitsIn = c
		}
	}
	out := []catalog.Hit{}
	off := q.Offset
	for i, t := range rankTiers {
		extra := slices.Clip(cs)
		if i > 0 {
			// Not in the tiers before: their columns are the head's.
			extra = append(extra, cond{
				sql:  `d.id NOT IN (SELECT rowid FROM documents_head WHERE documents_head MATCH @before)`,
				args: []any{sql.Named("before", headBefore(i)+scoring)},
			})
		}
		from, order := `documents d`, dateOrder
		var (
			w    string
			args []any
		)
		if t.ranked {
			from, order = `documents_head JOIN documents d ON d.id = documents_head.rowid`, rankOrder(headBM25)+`, `+dateOrder
			if !same {
				extra = append(extra, cond{sql: `+documents_head.rowid` + strings.TrimPrefix(hitsIn.sql, "d.id"), args: hitsIn.args})
			}
			w, args = where(extra, `documents_head MATCH @rankmatch`, func(c cond) bool { return !c.text })
			args = append(args, sql.Named("rankmatch", t.columns+scoring),
				sql.Named("now", time.Now().UnixMicro()), sql.Named("year", float64(365.25*24*3600*1e6)))
		} else {
			w, args = where(extra, "", all)
		}
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

// headBefore is the column filter of documents_head holding the tiers
// before tier i (1 or 2).
func headBefore(i int) string {
	if i == 1 {
		return rankTiers[0].columns
	}
	return ""
}
