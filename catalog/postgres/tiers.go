package postgres

import (
	"context"
	"slices"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
	"github.com/jackc/pgx/v5"
)

// rank orders the head tier by relevance: ts_rank of search.Scoring of the
// query (@rankquery, as catalog/sqlite ranks) over the title and summary
// (search_head), a title match (A) weighed 1.0 and a summary match (B)
// 0.4, plus 0.01, times the freshness factor 0.5 + 0.5 / (1 + age in
// years) that catalog/sqlite uses too. The age is a double (date_part),
// not a numeric (extract), costly to divide for every hit.
const rank = `(ts_rank('{0.1, 0.01, 0.4, 1.0}', d.search_head, @rankquery::tsquery) + 0.01) *
	(0.5 + 0.5 / (1.0 + greatest(date_part('epoch', @now::timestamptz - coalesce(d.published_at, 'epoch')), 0) / 31557600.0))`

// headMatch is the condition of the head tier: a word of the query in the
// title or summary. The index documents_search_head (migration 00120)
// finds these documents without reading the others.
const headMatch = `d.search_head @@ @rankquery::tsquery`

// tieredHits reads one page of hits ranked by relevance, in two tiers.
// The head tier holds the hits with a word of the query (of its positive
// part) in their title or summary, ordered by rank; the body tier the
// others, which hold the words in their body alone, newest first — the
// order rank gave them when it scored every hit, each 0.01 times its
// freshness. Ranking reads only the head tier, a small part of the hits
// of a broad query, and the body tier is read only by a page that reaches
// past the head tier, in the order of an index. Ranking over whole
// vectors, as catalog/sqlite's bm25 does, would read every hit's
// compressed body vector: the broad queries of the scale benchmark spent
// most of their time there.
//
// With few hits, the head tier of a page often falls short of it, and
// reading the body tier after cost a second statement matching the text
// and filters again: one statement then orders every hit by tier, rank and
// date.
func tieredHits(ctx context.Context, tx pgx.Tx, q *catalog.Query, m search.Match, few bool, cs []cond) ([]catalog.Hit, map[int64]string, error) {
	rq := tsQuery(search.Scoring(m))
	bodies := map[int64]string{}
	if few {
		// rank is above 0 for every document, and the body tier's key 0.
		w, args := where(cs)
		args["rankquery"], args["now"] = rq, time.Now().UTC()
		out, err := page(ctx, tx, pageQuery{w: w, args: args, key: `CASE WHEN ` + headMatch + ` THEN ` + rank + ` ELSE 0 END`,
			order: byDate, limit: q.Limit, offset: q.Offset}, bodies)
		return out, bodies, err
	}
	// When the scoring query matches what the query matches, a head match
	// is a match (search_head is part of search): the head tier then
	// needs the head index alone, not the larger one of whole documents.
	implied := search.ScoringMatches(m)
	var hcs []cond
	for _, c := range cs {
		if !(implied && c.text) {
			hcs = append(hcs, c)
		}
	}
	w, args := where(append(hcs, cond{sql: headMatch}))
	args["rankquery"], args["now"] = rq, time.Now().UTC()
	out, err := page(ctx, tx, pageQuery{w: w, args: args, key: rank, order: byDate, limit: q.Limit, offset: q.Offset}, bodies)
	if err != nil || len(out) == q.Limit {
		return out, bodies, err
	}
	// The page reaches past the head tier: it ends at offset+len(out)
	// when the page holds some of it, else its size must be counted.
	head := q.Offset + len(out)
	if len(out) == 0 && q.Offset > 0 {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents d`+w, args).Scan(&head); err != nil {
			return nil, nil, err
		}
	}
	w, args = where(append(slices.Clip(cs), cond{sql: `NOT (` + headMatch + `)`, args: pgx.NamedArgs{"rankquery": rq}}))
	body, err := page(ctx, tx, pageQuery{w: w, args: args, order: byDate, limit: q.Limit - len(out), offset: max(q.Offset-head, 0)}, bodies)
	return append(out, body...), bodies, err
}
