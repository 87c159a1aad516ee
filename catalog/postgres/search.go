package postgres

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// rank weighs a match in the title (A) above one in the summary (B), and
// that above one in the body (C): ts_rank's default weights.
const rank = `ts_rank(d.search, @query::tsquery)`

// collapseCopies keeps one document of each group of copies (see
// linkDuplicates): its representative, or a copy whose representative is
// gone. It is the source facet's filter when none is chosen, so that the
// source counts still count every source's own documents, as choosing
// one shows them.
const collapseCopies = `(d.duplicate_of IS NULL OR EXISTS (SELECT 1 FROM documents r WHERE r.id = d.duplicate_of AND r.gone_at IS NOT NULL))`

// cond is one condition of a search: the text or a filter.
type cond struct {
	facet string // the facet this filter restricts; "" for the text and dates
	sql   string
	args  pgx.NamedArgs
}

// conditions turns the query into SQL conditions on documents d, every
// value a parameter.
func conditions(q *catalog.Query, terms []term) []cond {
	var cs []cond
	if len(terms) > 0 {
		cs = append(cs, cond{sql: `d.search @@ @query::tsquery`, args: pgx.NamedArgs{"query": tsQuery(terms)}})
	}
	if len(q.Languages) > 0 {
		cs = append(cs, cond{facet: catalog.FacetLanguage, sql: `d.language = ANY (@languages::text[])`,
			args: pgx.NamedArgs{"languages": filterList(q.Languages)}})
	}
	if len(q.Themes) > 0 {
		cs = append(cs, cond{facet: catalog.FacetTheme, sql: `d.themes && @themes::text[]`,
			args: pgx.NamedArgs{"themes": filterList(q.Themes)}})
	}
	if len(q.ContentTypes) > 0 {
		cs = append(cs, cond{facet: catalog.FacetType, sql: `d.content_type = ANY (@types::text[])`,
			args: pgx.NamedArgs{"types": filterList(q.ContentTypes)}})
	}
	if len(q.Countries) > 0 {
		cs = append(cs, cond{facet: catalog.FacetCountry, sql: `d.countries && @countries::text[]`,
			args: pgx.NamedArgs{"countries": filterList(q.Countries)}})
	}
	if len(q.SourceIDs) > 0 {
		cs = append(cs, cond{facet: catalog.FacetSource, sql: `d.source_id = ANY (@sources::bigint[])`,
			args: pgx.NamedArgs{"sources": q.SourceIDs}})
	} else {
		cs = append(cs, cond{facet: catalog.FacetSource, sql: collapseCopies})
	}
	if !q.From.IsZero() {
		cs = append(cs, cond{sql: `d.published_at >= @from`, args: pgx.NamedArgs{"from": q.From.UTC()}})
	}
	if !q.Until.IsZero() {
		cs = append(cs, cond{sql: `d.published_at <= @until`, args: pgx.NamedArgs{"until": q.Until.UTC()}})
	}
	return cs
}

// filterList makes filter values sendable (see cleanText).
func filterList(v []string) []string {
	c := make([]string, len(v))
	for i, s := range v {
		c[i] = cleanText(s)
	}
	return c
}

// where joins the conditions into a WHERE clause and its arguments.
func where(cs []cond) (string, pgx.NamedArgs) {
	var parts []string
	args := pgx.NamedArgs{}
	for _, c := range cs {
		parts = append(parts, c.sql)
		for k, v := range c.args {
			args[k] = v
		}
	}
	if len(parts) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(parts, " AND "), args
}

// facetCounts counts each facet's values over base, the documents
// matching the text and the dates, with f_<facet> true when a document
// passes that facet's filter; %s is the AND of the other facets' flags.
// Empty values are left out: no one can choose them.
var facetCounts = map[string]string{
	catalog.FacetLanguage: `SELECT 'language', b.language, count(*) FROM base b
		WHERE %s AND b.language <> '' GROUP BY b.language`,
	catalog.FacetTheme: `SELECT 'theme', t.value, count(DISTINCT b.id) FROM base b CROSS JOIN LATERAL unnest(b.themes) AS t(value)
		WHERE %s AND t.value <> '' GROUP BY t.value`,
	catalog.FacetType: `SELECT 'type', b.content_type, count(*) FROM base b
		WHERE %s AND b.content_type <> '' GROUP BY b.content_type`,
	catalog.FacetCountry: `SELECT 'country', c.value, count(DISTINCT b.id) FROM base b CROSS JOIN LATERAL unnest(b.countries) AS c(value)
		WHERE %s AND c.value <> '' GROUP BY c.value`,
	catalog.FacetSource: `SELECT 'source', b.source_id::text, count(*) FROM base b
		WHERE %s GROUP BY b.source_id`,
}

// facetNames lists the facets in the order they are counted.
var facetNames = []string{catalog.FacetLanguage, catalog.FacetTheme, catalog.FacetType,
	catalog.FacetCountry, catalog.FacetSource}

// countQuery builds the one statement that returns the total (facet "")
// and every facet's counts. base holds the documents matching the text and
// dates, each facet filter a flag column of it, so that each facet can
// leave its own filter out. With materialize (when there is text), base is
// computed once, so the text is matched once rather than six times;
// without, PostgreSQL folds base into each count, where the filters can
// use the indexes, which is faster than copying the whole catalog.
func countQuery(cs []cond, materialize bool) (string, pgx.NamedArgs) {
	var (
		cols, conds []string
		args        = pgx.NamedArgs{}
		filtered    = map[string]bool{}
	)
	for _, c := range cs {
		if c.facet == "" {
			conds = append(conds, c.sql)
		} else {
			cols = append(cols, "("+c.sql+") AS f_"+c.facet)
			filtered[c.facet] = true
		}
		for k, v := range c.args {
			args[k] = v
		}
	}
	flags := func(except string) string {
		f := []string{"TRUE"}
		for _, name := range facetNames {
			if filtered[name] && name != except {
				f = append(f, "b.f_"+name)
			}
		}
		return strings.Join(f, " AND ")
	}
	hint := "NOT MATERIALIZED"
	if materialize {
		hint = "MATERIALIZED"
	}
	var b strings.Builder
	b.WriteString("WITH base AS " + hint + " (SELECT d.id, d.language, d.content_type, d.themes, d.countries, d.source_id")
	for _, c := range cols {
		b.WriteString(", " + c)
	}
	b.WriteString(" FROM documents d")
	if len(conds) > 0 {
		b.WriteString(" WHERE " + strings.Join(conds, " AND "))
	}
	b.WriteString(")\nSELECT '', '', count(*) FROM base b WHERE " + flags(""))
	for _, name := range facetNames {
		b.WriteString("\nUNION ALL " + fmt.Sprintf(facetCounts[name], flags(name)))
	}
	return b.String(), args
}

// Search returns one page of the documents matching q, their total and the
// facets, all read from one snapshot. Every word of q.Text must match (a
// word ending in * as a prefix), after the folding of catalog/analysis; a
// text with no words matches everything. No text can make it fail. Filters
// keep documents matching one of their values; From and Until bound
// Published, both inclusive, and exclude undated documents. Hits come by
// rank (title above summary above body) when sorted by relevance with
// text, else newest first, ties by ID descending. An unknown q.Sort yields
// an error wrapping catalog.ErrInvalid.
func (s *Store) Search(ctx context.Context, q catalog.Query) (*catalog.Result, error) {
	q.Normalize()
	if q.Sort != catalog.SortRelevance && q.Sort != catalog.SortDate {
		return nil, fmt.Errorf("search: %w: unknown sort order %q", catalog.ErrInvalid, q.Sort)
	}
	terms := queryTerms(q.Text)
	cs := conditions(&q, terms)

	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback(ctx)

	res := &catalog.Result{Hits: []catalog.Hit{}, Facets: map[string][]catalog.FacetValue{}}
	if res.Hits, err = hits(ctx, tx, &q, terms, cs); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := counts(ctx, tx, cs, len(terms) > 0, res); err != nil {
		return nil, fmt.Errorf("search: count: %w", err)
	}
	return res, nil
}

// hits reads one page of hits.
func hits(ctx context.Context, tx pgx.Tx, q *catalog.Query, terms []term, cs []cond) ([]catalog.Hit, error) {
	order := `d.published_at DESC NULLS LAST, d.id DESC`
	if len(terms) > 0 && q.Sort == catalog.SortRelevance {
		order = rank + ` DESC, ` + order
	}
	w, args := where(cs)
	args["limit"], args["offset"] = q.Limit, q.Offset
	query := `SELECT d.id, d.source_id, s.name, d.title, d.url, d.summary, d.language,
		d.content_type, d.themes, d.countries, d.published_at
	FROM documents d JOIN sources s ON s.id = d.source_id` + w + `
	ORDER BY ` + order + `
	LIMIT @limit OFFSET @offset`
	rows, err := tx.Query(ctx, query, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []catalog.Hit{}
	for rows.Next() {
		var (
			h         catalog.Hit
			published pgtype.Timestamptz
		)
		if err := rows.Scan(&h.ID, &h.SourceID, &h.SourceName, &h.Title, &h.URL, &h.Summary,
			&h.Language, &h.ContentType, &h.Themes, &h.Countries, &published); err != nil {
			return nil, err
		}
		h.Themes, h.Countries = listOf(h.Themes), listOf(h.Countries)
		h.Published = timeOf(published)
		out = append(out, h)
	}
	return out, rows.Err()
}

// counts sets the total and the facets of res; see countQuery for
// materialize.
func counts(ctx context.Context, tx pgx.Tx, cs []cond, materialize bool, res *catalog.Result) error {
	for _, name := range facetNames {
		res.Facets[name] = []catalog.FacetValue{}
	}
	query, args := countQuery(cs, materialize)
	rows, err := tx.Query(ctx, query, args)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name string
			v    catalog.FacetValue
		)
		if err := rows.Scan(&name, &v.Value, &v.Count); err != nil {
			return err
		}
		if name == "" {
			res.Total = v.Count
			continue
		}
		res.Facets[name] = append(res.Facets[name], v)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, v := range res.Facets {
		sortFacet(v)
	}
	return nil
}

// sortFacet orders values by count descending, then by value (bytewise,
// whatever the database collation, so both stores agree).
func sortFacet(v []catalog.FacetValue) {
	slices.SortFunc(v, func(a, b catalog.FacetValue) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}
