package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
)

// rankOrder orders the hits of one ranking tier (see rankedHits) by
// relevance: bm25 over the tier's index, matched with search.Scoring of
// the query (its distinct tokens, the words as typed weighed above their
// equivalents) in the tier's columns (stems weigh as their words), times
// the freshness factor (see catalog/search.Freshness): bm25 is negative,
// lower is better, so a larger factor ranks higher. @now and @year are
// parameters.
func rankOrder(bm25 string) string {
	return bm25 + ` * (0.5 + 0.5 / (1.0 + max(@now - coalesce(d.published_at, 0), 0) / @year))`
}

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
// each filter takes one parameter however many values it has. The field
// filters of the text apply to every facet; those of q to all but their
// own.
func conditions(q *catalog.Query, p *search.Parsed, m search.Match) []cond {
	// A document gone from its source stays in the catalog, out of search.
	cs := []cond{{sql: `d.gone_at IS NULL`}}
	switch {
	case m == nil:
	case search.Positive(m):
		cs = append(cs, cond{text: true,
			sql:  `d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @match)`,
			args: []any{sql.Named("match", matchExpr(m))}})
	default:
		cs = append(cs, cond{
			sql:  `d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @nomatch)`,
			args: []any{sql.Named("nomatch", matchExpr(search.Negated(m)))}})
	}
	cs = append(cs, filters(filterSet{q.Languages, q.Themes, q.Subthemes, q.ContentTypes, q.Countries, q.SourceIDs}, "", true)...)
	f := p.Filters
	cs = append(cs, filters(filterSet{f.Languages, f.Themes, nil, f.ContentTypes, f.Countries, f.SourceIDs}, "_t", false)...)
	for _, r := range []struct {
		from, until time.Time
		suffix      string
	}{{q.From, q.Until, ""}, {f.From, f.Until, "_t"}} {
		if !r.from.IsZero() {
			cs = append(cs, cond{sql: `d.published_at >= @from` + r.suffix, args: []any{sql.Named("from"+r.suffix, r.from.UnixMicro())}})
		}
		if !r.until.IsZero() {
			cs = append(cs, cond{sql: `d.published_at <= @until` + r.suffix, args: []any{sql.Named("until"+r.suffix, r.until.UnixMicro())}})
		}
	}
	return cs
}

type filterSet struct {
	languages, themes, subthemes, types, countries []string
	sources                                        []int64
}

// filters makes the conditions of one set of filters, their parameters
// named with suffix; facet says whether they are facet filters.
func filters(f filterSet, suffix string, facet bool) []cond {
	var cs []cond
	add := func(name, sqlText, param string, v any) {
		c := cond{sql: sqlText, args: []any{sql.Named(param+suffix, v)}}
		if facet {
			c.facet = name
		}
		cs = append(cs, c)
	}
	if len(f.languages) > 0 {
		add(catalog.FacetLanguage, `d.language IN (SELECT value FROM json_each(@languages`+suffix+`))`, "languages", filterList(f.languages))
	}
	// Tags are looked up by index (see document_tags); as the rowid, d.id
	// then drives the plan rather than a scan of every document.
	if len(f.themes) > 0 {
		add(catalog.FacetTheme, `d.id IN (SELECT doc_id FROM document_tags WHERE facet = 'theme'
			AND value IN (SELECT value FROM json_each(@themes`+suffix+`)))`, "themes", filterList(f.themes))
	}
	if len(f.subthemes) > 0 {
		add(catalog.FacetSubtheme, `d.id IN (SELECT doc_id FROM document_tags WHERE facet = 'subtheme'
			AND value IN (SELECT value FROM json_each(@subthemes`+suffix+`)))`, "subthemes", filterList(f.subthemes))
	}
	if len(f.types) > 0 {
		add(catalog.FacetType, `d.content_type IN (SELECT value FROM json_each(@types`+suffix+`))`, "types", filterList(f.types))
	}
	if len(f.countries) > 0 {
		add(catalog.FacetCountry, `d.id IN (SELECT doc_id FROM document_tags WHERE facet = 'country'
			AND value IN (SELECT value FROM json_each(@countries`+suffix+`)))`, "countries", filterList(f.countries))
	}
	if len(f.sources) > 0 {
		ids, _ := json.Marshal(f.sources) // []int64 always marshals
		add(catalog.FacetSource, `d.source_id IN (SELECT value FROM json_each(@sources`+suffix+`))`, "sources", string(ids))
	} else if facet {
		// No source chosen: one document per group of copies.
		cs = append(cs, cond{facet: catalog.FacetSource, sql: collapseCopies})
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
	catalog.FacetTheme: `SELECT 'theme', t.value, count(*) FROM base b JOIN json_each(b.theme_roots) t
		WHERE %s GROUP BY t.value`,
	catalog.FacetSubtheme: `SELECT 'subtheme', t.value, count(*) FROM base b JOIN json_each(b.subthemes) t
		WHERE %s GROUP BY t.value`,
	catalog.FacetYear: `SELECT 'year', strftime('%%Y', b.published_at / 1000000, 'unixepoch'), count(*) FROM base b
		WHERE %s AND b.published_at IS NOT NULL GROUP BY 2`,
	catalog.FacetType: `SELECT 'type', b.content_type, count(*) FROM base b
		WHERE %s AND b.content_type <> '' GROUP BY b.content_type`,
	catalog.FacetCountry: `SELECT 'country', c.value, count(DISTINCT b.id) FROM base b JOIN json_each(b.countries) c
		WHERE %s AND c.value <> '' GROUP BY c.value`,
	catalog.FacetSource: `SELECT 'source', CAST(b.source_id AS TEXT), count(*) FROM base b
		WHERE %s GROUP BY b.source_id`,
}

// facetNames lists the facets in the order they are counted.
var facetNames = catalog.Facets

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
	b.WriteString("WITH base AS " + hint + " (SELECT d.id, d.language, d.content_type, d.theme_roots, d.subthemes, d.countries, d.source_id, d.published_at")
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

// countCacheSize is how many searches' totals and facets a store keeps
// (see search.CountCache): a few hundred bytes to a few kilobytes each.
const countCacheSize = 1024

// DefaultSearchTimeout bounds one search unless SetSearchTimeout says
// otherwise. It is as long as a wait for a lock held by another process
// (busy_timeout), so a search on a busy file is slow rather than failed.
const DefaultSearchTimeout = search.DefaultTimeout

// Search returns one page of the documents matching q, their total and the
// facets, all read from one snapshot. q.Text is read by search.Parse
// (errors wrap catalog.ErrInvalid) and resolved with search.Resolve, with
// the store's Expander unless q.NoExpand; a text with no words matches
// everything. Filters keep documents matching one of their values; From
// and Until bound Published, both inclusive, and exclude undated
// documents. Hits come by rank (documents with the words in the title,
// then in the summary, then in the body alone, each tier by score times
// freshness; see rankedHits) when sorted by relevance with positive text,
// by deadline under SortDeadline, else newest first, ties by ID
// descending. An unknown q.Sort yields an error wrapping
// catalog.ErrInvalid; a search running over the search timeout one
// wrapping context.DeadlineExceeded.
func (s *Store) Search(ctx context.Context, q catalog.Query) (*catalog.Result, error) {
	q.Normalize()
	if q.Sort != catalog.SortRelevance && q.Sort != catalog.SortDate && q.Sort != catalog.SortDeadline {
		return nil, fmt.Errorf("search: %w: unknown sort order %q", catalog.ErrInvalid, q.Sort)
	}
	p, err := search.Parse(q.Text, search.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	m := search.Resolve(p.Root, search.Languages(q.Languages, p.Filters.Languages), s.Expander(q))
	// Only published documents past their embargo are found (visibility.go).
	at := now()
	cs := append(conditions(&q, p, m), visible(at))

	ctx, cancel := context.WithTimeout(ctx, s.Timeout())
	defer cancel()
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()

	res := &catalog.Result{Hits: []catalog.Hit{}, Facets: map[string][]catalog.FacetValue{}}
	gen, stamp, err := searchStamp(ctx, tx, at)
	if err != nil {
		return nil, fmt.Errorf("search: %w", wrapTimeout(ctx, err))
	}
	// The facet index of this state of the catalog, when built and able to
	// answer, gives the counts and the pages in date order.
	var x *search.FacetIndex
	if search.Indexable(&q, p) {
		x = s.Facets(ctx, stamp, s.buildFacets)
	}
	ranked := m != nil && search.Positive(m) && q.Sort == catalog.SortRelevance
	byDate := x != nil && !ranked && q.Sort != catalog.SortDeadline
	key := search.CountKey(q, s.ExpanderVersion(q)) + stamp
	// A page is read beside the counts only when they are to be taken:
	// cached, they cost nothing to wait for.
	var page *pageBeside
	if !byDate {
		read := func(tx *sql.Tx) ([]catalog.Hit, error) { return hits(ctx, tx, &q, m, ranked, cs) }
		page = &pageBeside{read: read}
		if !s.counts.Has(gen, key) {
			page = s.startPage(ctx, gen, at, read)
		}
	}
	found, err := search.CountSearch(res, search.Counting{
		Cache: s.counts, Gen: gen, Key: key, Index: x, Filters: search.FacetFiltersOf(&q, p), ByDate: byDate,
		InSQL: func(res *catalog.Result) error { return counts(ctx, tx, cs, m != nil, res) },
		Matching: func() (*roaring.Bitmap, bool, error) {
			return search.MatchSet(m, func(m search.Match) (*roaring.Bitmap, error) { return matchIDs(ctx, tx, matchExpr(m)) })
		},
	})
	if err != nil {
		page.stop()
		return nil, fmt.Errorf("search: count: %w", wrapTimeout(ctx, err))
	}
	if byDate {
		res.Hits, err = hitsByID(ctx, tx, x.Newest(found, q.Offset, q.Limit))
	} else {
		res.Hits, err = page.wait(tx)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", wrapTimeout(ctx, err))
	}
	if m != nil {
		if err := snippets(ctx, tx, m, res.Hits); err != nil {
			return nil, fmt.Errorf("search: snippets: %w", wrapTimeout(ctx, err))
		}
	}
	if res.Total == 0 && p.Root != nil {
		if res.Suggestion, err = s.suggest(ctx, tx, q, p); err != nil {
			return nil, fmt.Errorf("search: suggest: %w", wrapTimeout(ctx, err))
		}
	}
	return res, nil
}

// wrapTimeout makes the error of a statement interrupted by the deadline
// wrap context.DeadlineExceeded, whatever the driver says.
func wrapTimeout(ctx context.Context, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w: %w", ctx.Err(), err)
	}
	return err
}

// hits reads one page of hits: by rank (see rankedHits) when ranked, else
// by date or deadline.
func hits(ctx context.Context, tx *sql.Tx, q *catalog.Query, m search.Match, ranked bool, cs []cond) ([]catalog.Hit, error) {
	if ranked {
		return rankedHits(ctx, tx, q, m, cs)
	}
	order := dateOrder
	if q.Sort == catalog.SortDeadline {
		order = `d.deadline ASC NULLS LAST, ` + order
	}
	w, args := where(cs, "", all)
	return readHits(ctx, tx, `documents d`, w, args, order, q.Limit, q.Offset)
}

// hitsByID reads the hits of the documents ids, newest first.
func hitsByID(ctx context.Context, tx *sql.Tx, ids []int64) ([]catalog.Hit, error) {
	if len(ids) == 0 {
		return []catalog.Hit{}, nil
	}
	list, _ := json.Marshal(ids) // []int64 always marshals
	return readHits(ctx, tx, `documents d`, ` WHERE d.id IN (SELECT value FROM json_each(@ids))`,
		[]any{sql.Named("ids", string(list))}, dateOrder, len(ids), 0)
}

// dateOrder is newest first, ties by ID descending.
const dateOrder = `d.published_at DESC NULLS LAST, d.id DESC`

// readHits reads the hits of the documents d in from (joined to their
// sources) under the WHERE clause w, in order, limit from offset.
func readHits(ctx context.Context, tx *sql.Tx, from, w string, args []any, order string, limit, offset int) ([]catalog.Hit, error) {
	query := `SELECT d.id, d.source_id, s.name, d.title, d.url, d.summary, d.language,
		d.content_type, d.themes, d.countries, d.published_at
	FROM ` + from + ` JOIN sources s ON s.id = d.source_id` + w + `
	ORDER BY ` + order + `
	LIMIT @limit OFFSET @offset`
	args = append(args, sql.Named("limit", limit), sql.Named("offset", offset))
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
