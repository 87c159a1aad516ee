package postgres

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
	"github.com/jackc/pgx/v5"
)

// rankOf orders a tier by relevance: ts_rank of the tsquery parameter
// param (search.Scoring of the query, as catalog/sqlite ranks, its
// lexemes restricted to the tier's weight) over the title and summary
// (search_head, title A, summary B), plus 0.01, times the freshness
// factor 0.5 + 0.5 / (1 + age in years) that catalog/sqlite uses too. The
// age is a double (date_part), not a numeric (extract), costly to divide
// for every hit.
func rankOf(param string) string {
	return `(ts_rank('{0.1, 0.01, 0.4, 1.0}', d.search_head, @` + param + `::tsquery) + 0.01) *
	(0.5 + 0.5 / (1.0 + greatest(date_part('epoch', @now::timestamptz - coalesce(d.published_at, 'epoch')), 0) / 31557600.0))`
}

// The conditions of the tiers: a word of the query in the title (the
// lexemes of search_head weighted A), in the summary (B), in either.
// titleFound and summaryFound find the documents of the first two through
// the indexes documents_search_title and documents_search_summary
// (migration 00140), one per field: a GIN index keeps no weights, so the
// one index over search_head made the title tier read every document with
// the word in its summary too. titleMatch and summaryMatch say the same of
// a row at hand, cheaper than filtering its vector.
const (
	titleFound   = `ts_filter(d.search_head, '{a}') @@ @rankquery::tsquery`
	summaryFound = `ts_filter(d.search_head, '{b}') @@ @rankquery::tsquery`
	titleMatch   = `d.search_head @@ @titlequery::tsquery`
	summaryMatch = `d.search_head @@ @summaryquery::tsquery`
	headMatch    = `d.search_head @@ @rankquery::tsquery`
)

// tieredHits reads one page of hits ranked by relevance, in three tiers,
// as catalog/sqlite orders them: the hits with a word of the query (of
// its positive part) in their title, by rank over the title; then those
// with one in their summary, by rank over the summary; then the others,
// which hold the words in their body alone, newest first (ranking them
// would read every long body vector out of line). Ranking reads only the
// tiers a page needs: the title tier is a small part of the hits of a
// broad query, and a later tier is read only by a page that reaches past
// the tiers before it.
//
// With few hits, the title tier of a page often falls short of it, and
// reading the next tiers after cost more statements matching the text
// and filters again: one statement then orders every hit by tier, rank
// and date.
func tieredHits(ctx context.Context, tx pgx.Tx, q *catalog.Query, m search.Match, few bool, cs []cond) ([]catalog.Hit, map[int64]string, error) {
	scoring := search.Scoring(m)
	queries := pgx.NamedArgs{"rankquery": tsQuery(scoring), "titlequery": tsQueryIn(scoring, "A"),
		"summaryquery": tsQueryIn(scoring, "B"), "now": time.Now().UTC()}
	bodies := map[int64]string{}
	if few {
		// A tier's rank is below 10 for every document, the body tier's key 0.
		w, args := where(cs)
		maps.Copy(args, queries)
		key := `CASE WHEN ` + titleMatch + ` THEN 20 + ` + rankOf("titlequery") +
			` WHEN ` + summaryMatch + ` THEN 10 + ` + rankOf("summaryquery") + ` ELSE 0 END`
		out, err := page(ctx, tx, pageQuery{w: w, args: args, key: key, order: byDate, limit: q.Limit, offset: q.Offset}, bodies)
		return out, bodies, err
	}
	// When the scoring query matches what the query matches, a match in
	// the title or summary is a match (search_head is part of search):
	// those tiers then need the head index alone, not the larger one of
	// whole documents.
	implied := search.ScoringMatches(m)
	var hcs []cond
	for _, c := range cs {
		if !(implied && c.text) {
			hcs = append(hcs, c)
		}
	}
	tiers := []struct {
		cs  []cond
		key string
	}{
		{append(slices.Clip(hcs), cond{sql: titleFound, args: queries}), rankOf("titlequery")},
		{append(slices.Clip(hcs), cond{sql: summaryFound + ` AND NOT (` + titleMatch + `)`, args: queries}), rankOf("summaryquery")},
		{append(slices.Clip(cs), cond{sql: `NOT (` + headMatch + `)`, args: queries}), ""},
	}
	out := []catalog.Hit{}
	off := q.Offset
	for _, t := range tiers {
		w, args := where(t.cs)
		got, err := page(ctx, tx, pageQuery{w: w, args: args, key: t.key, order: byDate, limit: q.Limit - len(out), offset: off}, bodies)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, got...)
		switch {
		case len(out) == q.Limit:
			return out, bodies, nil
		case len(got) > 0:
			off = 0 // the page started in this tier
		case off > 0:
			// The page starts in a later tier: past this one.
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents d`+w, args).Scan(&n); err != nil {
				return nil, nil, err
			}
			off -= n
		}
	}
	return out, bodies, nil
}
