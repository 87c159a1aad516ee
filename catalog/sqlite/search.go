package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// rankOrder weighs a match in the title above one in the summary, and that
// above one in the body (bm25 weights of documents_fts's columns; a lower
// bm25 is a better match).
const rankOrder = `bm25(documents_fts, 10.0, 4.0, 1.0)`

// collapseCopies keeps one document of each group of copies (see
// linkDuplicates): its representative, or a copy whose representative is
// gone. It is the source facet's filter when none is chosen, so that the
// source counts still count every source's own documents, as choosing
// one shows them.
const collapseCopies = `(d.duplicate_of IS NULL OR EXISTS (SELECT 1 FROM documents r WHERE r.id = d.duplicate_of AND r.gone_at IS NOT NULL))`

// cond is one condition of a search: the text or a filter.
type cond struct {
	facet string // the facet this filter restricts; "" for the text and dates
	text  bool   // the full-text condition
	sql   string
	args  []any
}

// conditions turns the query into SQL conditions on documents d, every
// value a parameter. Filter values are JSON arrays read with json_each, so
// each filter takes one parameter however many values it has.
func conditions(q *catalog.Query, terms []term) []cond {
	var cs []cond
	if len(terms) > 0 {
		cs = append(cs, cond{text: true,
			sql:  `d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @match)`,
			args: []any{sql.Named("match", matchExpr(terms))}})
	}
	if len(q.Languages) > 0 {
		cs = append(cs, cond{facet: catalog.FacetLanguage,
			sql:  `d.language IN (SELECT value FROM json_each(@languages))`,
			args: []any{sql.Named("languages", filterList(q.Languages))}})
	}
	if len(q.Themes) > 0 {
		cs = append(cs, cond{facet: catalog.FacetTheme,
			sql:  `EXISTS (SELECT 1 FROM json_each(d.themes) t WHERE t.value IN (SELECT value FROM json_each(@themes)))`,
			args: []any{sql.Named("themes", filterList(q.Themes))}})
	}
	if len(q.ContentTypes) > 0 {
		cs = append(cs, cond{facet: catalog.FacetType,
			sql:  `d.content_type IN (SELECT value FROM json_each(@types))`,
			args: []any{sql.Named("types", filterList(q.ContentTypes))}})
	}
	if len(q.Countries) > 0 {
		cs = append(cs, cond{facet: catalog.FacetCountry,
			sql:  `EXISTS (SELECT 1 FROM json_each(d.countries) c WHERE c.value IN (SELECT value FROM json_each(@countries)))`,
			args: []any{sql.Named("countries", filterList(q.Countries))}})
	}
	if len(q.SourceIDs) > 0 {
		ids, _ := json.Marshal(q.SourceIDs) // []int64 always marshals
		cs = append(cs, cond{facet: catalog.FacetSource,
			sql:  `d.source_id IN (SELECT value FROM json_each(@sources))`,
			args: []any{sql.Named("sources", string(ids))}})
	} else {
		cs = append(cs, cond{facet: catalog.FacetSource, sql: collapseCopies})
	}
	if !q.From.IsZero() {
		cs = append(cs, cond{sql: `d.published_at >= @from`, args: []any{sql.Named("from", q.From.UnixMicro())}})
	}
	if !q.Until.IsZero() {
		cs = append(cs, cond{sql: `d.published_at <= @until`, args: []any{sql.Named("until", q.Until.UnixMicro())}})
	}
	return cs
}

// filterList encodes filter values as a JSON array, values that could not
// be stored made harmless (see cleanText).
func filterList(v []string) string {
	c := make([]string, len(v))
	for i, s := range v {
		c[i] = cleanText(s)
	}
	return list(c)
}

// where joins base (when not empty) and the conditions that keep reports
// true into a WHERE clause and its arguments.
func where(cs []cond, base string, keep func(cond) bool) (string, []any) {
	var (
		parts []string
		args  []any
	)
	if base != "" {
		parts = append(parts, base)
	}
	for _, c := range cs {
		if keep(c) {
			parts = append(parts, c.sql)
			args = append(args, c.args...)
		}
	}
	if len(parts) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(parts, " AND "), args
}

func all(cond) bool { return true }

// facetCounts counts each facet's values over base, the documents
// matching the text and the dates, with f_<facet> true when a document
// passes that facet's filter; %s is the AND of the other facets' flags.
// Empty values are left out: no one can choose them.
var facetCounts = map[string]string{
	catalog.FacetLanguage: `SELECT 'language', b.language, count(*) FROM base b
		WHERE %s AND b.language <> '' GROUP BY b.language`,
	catalog.FacetTheme: `SELECT 'theme', t.value, count(DISTINCT b.id) FROM base b JOIN json_each(b.themes) t
		WHERE %s AND t.value <> '' GROUP BY t.value`,
	catalog.FacetType: `SELECT 'type', b.content_type, count(*) FROM base b
		WHERE %s AND b.content_type <> '' GROUP BY b.content_type`,
	catalog.FacetCountry: `SELECT 'country', c.value, count(DISTINCT b.id) FROM base b JOIN json_each(b.countries) c
		WHERE %s AND c.value <> '' GROUP BY c.value`,
	catalog.FacetSource: `SELECT 'source', CAST(b.source_id AS TEXT), count(*) FROM base b
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
// without, SQLite folds base into each count, where the filters can use
// the indexes, which is faster than copying the whole catalog.
func countQuery(cs []cond, materialize bool) (string, []any) {
	var (
		cols, conds []string
		args        []any
		filtered    = map[string]bool{}
	)
	for _, c := range cs {
		if c.facet == "" {
			conds = append(conds, c.sql)
		} else {
			cols = append(cols, "("+c.sql+") AS f_"+c.facet)
			filtered[c.facet] = true
		}
		args = append(args, c.args...)
	}
	flags := func(except string) string {
		f := []string{"1"}
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

	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()

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
func hits(ctx context.Context, tx *sql.Tx, q *catalog.Query, terms []term, cs []cond) ([]catalog.Hit, error) {
	from, order := `documents d`, `d.published_at DESC NULLS LAST, d.id DESC`
	w, args := where(cs, "", all)
	if len(terms) > 0 && q.Sort == catalog.SortRelevance {
		// Rank needs the FTS table itself in the join, matched directly.
		from = `documents_fts JOIN documents d ON d.id = documents_fts.rowid`
		order = rankOrder + `, ` + order
		w, args = where(cs, `documents_fts MATCH @match`, func(c cond) bool { return !c.text })
		args = append(args, sql.Named("match", matchExpr(terms)))
	}
	query := `SELECT d.id, d.source_id, s.name, d.title, d.url, d.summary, d.language,
		d.content_type, d.themes, d.countries, d.published_at
	FROM ` + from + ` JOIN sources s ON s.id = d.source_id` + w + `
	ORDER BY ` + order + `
	LIMIT @limit OFFSET @offset`
	args = append(args, sql.Named("limit", q.Limit), sql.Named("offset", q.Offset))
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []catalog.Hit{}
	for rows.Next() {
		var (
			h                 catalog.Hit
			themes, countries string
			published         sql.NullInt64
		)
		if err := rows.Scan(&h.ID, &h.SourceID, &h.SourceName, &h.Title, &h.URL, &h.Summary,
			&h.Language, &h.ContentType, &themes, &countries, &published); err != nil {
			return nil, err
		}
		if h.Themes, err = listOf(themes); err != nil {
			return nil, err
		}
		if h.Countries, err = listOf(countries); err != nil {
			return nil, err
		}
		h.Published = timeOf(published)
		out = append(out, h)
	}
	return out, rows.Err()
}

// counts sets the total and the facets of res; see countQuery for
// materialize.
func counts(ctx context.Context, tx *sql.Tx, cs []cond, materialize bool, res *catalog.Result) error {
	for _, name := range facetNames {
		res.Facets[name] = []catalog.FacetValue{}
	}
	query, args := countQuery(cs, materialize)
	rows, err := tx.QueryContext(ctx, query, args...)
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

// sortFacet orders values by count descending, then by value (bytewise, so
// both stores agree whatever the database collation).
func sortFacet(v []catalog.FacetValue) {
	slices.SortFunc(v, func(a, b catalog.FacetValue) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}
