package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/search"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// collapseCopies keeps one document of each group of copies (see
// linkDuplicates): its representative, or a copy whose representative is
// gone. It is the source facet's filter when none is chosen, so that the
// source counts still count every source's own documents, as choosing
// one shows them.
const collapseCopies = `(d.duplicate_of IS NULL OR EXISTS (SELECT 1 FROM documents r WHERE r.id = d.duplicate_of AND r.gone_at IS NOT NULL))`

// cond is one condition of a search: the text or a filter.
type cond struct {
	facet string // the facet this filter restricts; "" for the text and dates
	text  bool   // the positive text's match, which the head tier may imply
	sql   string
	args  pgx.NamedArgs
}

// conditions turns the query into SQL conditions on documents d, every
// value a parameter. The field filters of the text apply to every facet;
// those of q to all but their own.
func conditions(q *catalog.Query, p *search.Parsed, m search.Match) []cond {
	// A document gone from its source stays in the catalog, out of search.
	cs := []cond{{sql: `d.gone_at IS NULL`}}
	switch {
	case m == nil:
	case search.Positive(m):
		cs = append(cs, cond{text: true, sql: `d.search @@ @query::tsquery`, args: pgx.NamedArgs{"query": tsQuery(m)}})
	default:
		// The same "every document but" as catalog/sqlite's, written the
		// same way rather than as a negated tsquery.
		cs = append(cs, cond{sql: `NOT (d.search @@ @noquery::tsquery)`, args: pgx.NamedArgs{"noquery": tsQuery(search.Negated(m))}})
	}
	cs = append(cs, filters(filterSet{q.Languages, q.Themes, q.Subthemes, q.ContentTypes, q.Countries, q.SourceIDs}, "", true)...)
	f := p.Filters
	cs = append(cs, filters(filterSet{f.Languages, f.Themes, nil, f.ContentTypes, f.Countries, f.SourceIDs}, "_t", false)...)
	for _, r := range []struct {
		from, until time.Time
		suffix      string
	}{{q.From, q.Until, ""}, {f.From, f.Until, "_t"}} {
		if !r.from.IsZero() {
			cs = append(cs, cond{sql: `d.published_at >= @from` + r.suffix, args: pgx.NamedArgs{"from" + r.suffix: r.from.UTC()}})
		}
		if !r.until.IsZero() {
			cs = append(cs, cond{sql: `d.published_at <= @until` + r.suffix, args: pgx.NamedArgs{"until" + r.suffix: r.until.UTC()}})
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
		c := cond{sql: sqlText, args: pgx.NamedArgs{param + suffix: v}}
		if facet {
			c.facet = name
		}
		cs = append(cs, c)
	}
	if len(f.languages) > 0 {
		add(catalog.FacetLanguage, `d.language = ANY (@languages`+suffix+`::text[])`, "languages", filterList(f.languages))
	}
	if len(f.themes) > 0 {
		add(catalog.FacetTheme, `(d.themes && @themes`+suffix+`::text[] OR d.theme_roots && @themes`+suffix+`::text[])`,
			"themes", filterList(f.themes))
	}
	if len(f.subthemes) > 0 {
		add(catalog.FacetSubtheme, `d.subthemes && @subthemes`+suffix+`::text[]`, "subthemes", filterList(f.subthemes))
	}
	if len(f.types) > 0 {
		add(catalog.FacetType, `d.content_type = ANY (@types`+suffix+`::text[])`, "types", filterList(f.types))
	}
	if len(f.countries) > 0 {
		add(catalog.FacetCountry, `d.countries && @countries`+suffix+`::text[]`, "countries", filterList(f.countries))
	}
	if len(f.sources) > 0 {
		add(catalog.FacetSource, `d.source_id = ANY (@sources`+suffix+`::bigint[])`, "sources", f.sources)
	} else if facet {
		// No source chosen: one document per group of copies.
		cs = append(cs, cond{facet: catalog.FacetSource, sql: collapseCopies})
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
	catalog.FacetTheme: `SELECT 'theme', t.value, count(*) FROM base b CROSS JOIN LATERAL unnest(b.theme_roots) AS t(value)
		WHERE %s GROUP BY t.value`,
	catalog.FacetSubtheme: `SELECT 'subtheme', t.value, count(*) FROM base b CROSS JOIN LATERAL unnest(b.subthemes) AS t(value)
		WHERE %s GROUP BY t.value`,
	catalog.FacetYear: `SELECT 'year', to_char(b.published_at AT TIME ZONE 'UTC', 'YYYY'), count(*) FROM base b
		WHERE %s AND b.published_at IS NOT NULL GROUP BY 2`,
	catalog.FacetType: `SELECT 'type', b.content_type, count(*) FROM base b
		WHERE %s AND b.content_type <> '' GROUP BY b.content_type`,
	catalog.FacetCountry: `SELECT 'country', c.value, count(DISTINCT b.id) FROM base b CROSS JOIN LATERAL unnest(b.countries) AS c(value)
		WHERE %s AND c.value <> '' GROUP BY c.value`,
	catalog.FacetSource: `SELECT 'source', b.source_id::text, count(*) FROM base b
		WHERE %s GROUP BY b.source_id`,
}

// facetNames lists the facets in the order they are counted.
var facetNames = catalog.Facets

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

// searchWorkMem is the work_mem of a search's transaction instead of the
// server's 4 MB, so that the bitmaps of rows its statements build stay
// exact: past work_mem a bitmap keeps whole pages rather than rows, and
// every row of those pages is read and matched again, its search vector
// read out of line. Two cases at 1,000,000 documents, where a bitmap of
// 4 MB holds some 50,000 of the table's 166,000 pages: the hit IDs of a
// broad query, read for its counts (at 100,000 documents with work_mem
// 256 kB, which is to that catalog what 4 MB is to a million, 80,000
// hits took 2,049 ms with 14,408 lossy pages instead of 424 ms); and
// the bitmap of a filter's index that PostgreSQL ANDs with the text's
// (the language index's, at 100,000 documents with 400 kB: a selective
// query kept to three languages took 18-51 ms instead of 3-13, before
// migration 00141 dropped it; themes and countries have such indexes
// still). An exact bitmap needs some
// 80 bytes a page: 32 MB holds 400,000 pages. work_mem bounds each sort,
// hash and bitmap of a statement, which take what they need: a search's
// bitmaps take at most a few MB each at a million documents.
const searchWorkMem = "32MB"

// countCacheSize is how many searches' totals and facets a store keeps
// (see search.CountCache): a few hundred bytes to a few kilobytes each.
const countCacheSize = 1024

// DefaultSearchTimeout bounds one search unless SetSearchTimeout says
// otherwise, as statement_timeout and as a context deadline, the same as
// catalog/sqlite's.
const DefaultSearchTimeout = search.DefaultTimeout

// Search returns one page of the documents matching q, their total and the
// facets, all read from one snapshot. q.Text is read by search.Parse
// (errors wrap catalog.ErrInvalid) and resolved with search.Resolve, with
// the store's Expander unless q.NoExpand; a text with no words matches
// everything. Filters keep documents matching one of their values; From
// and Until bound Published, both inclusive, and exclude undated
// documents. Hits come by rank (title above summary above body, times
// freshness) when sorted by relevance with positive text, by deadline
// under SortDeadline, else newest first, ties by ID descending. An unknown
// q.Sort yields an error wrapping catalog.ErrInvalid; a search running
// over the search timeout one wrapping context.DeadlineExceeded.
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
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback(ctx)
	// The transaction's settings and the stamp of its snapshot, in one
	// round trip. JIT compiling pays off for long analytic queries, not
	// for searches: it added tenths of a second to broad ones. work_mem:
	// see searchWorkMem.
	var timeout, jit, mem string
	gen, stamp, err := scanStamp(tx.QueryRow(ctx, `SELECT `+stampColumns+`,
		set_config('statement_timeout', $2, true), set_config('jit', 'off', true),
		set_config('work_mem', $3, true) FROM search_generation`,
		at, strconv.FormatInt(s.Timeout().Milliseconds(), 10), searchWorkMem), &timeout, &jit, &mem)
	if err != nil {
		return nil, fmt.Errorf("search: %w", wrapTimeout(ctx, err))
	}

	res := &catalog.Result{Hits: []catalog.Hit{}, Facets: map[string][]catalog.FacetValue{}}
	// The facet index of this state of the catalog, when built and able to
	// answer, gives the counts and the pages in date order.
	var x *search.FacetIndex
	if search.Indexable(&q, p) {
		x = s.Facets(ctx, stamp, s.buildFacets)
	}
	ranked := m != nil && search.Positive(m) && q.Sort == catalog.SortRelevance
	byDate := x != nil && !ranked && q.Sort != catalog.SortDeadline
	key := search.CountKey(q, s.ExpanderVersion(q)) + stamp
	found, err := search.CountSearch(res, search.Counting{
		Cache: s.counts, Gen: gen, Key: key, Index: x, Filters: search.FacetFiltersOf(&q, p), ByDate: byDate,
		InSQL: func(res *catalog.Result) error { return counts(ctx, tx, cs, m != nil, res) },
		Matching: func() (*roaring.Bitmap, bool, error) {
			return search.MatchSet(m, func(m search.Match) (*roaring.Bitmap, error) { return matchIDs(ctx, tx, tsQuery(m)) })
		},
	})
	if err != nil {
		return nil, fmt.Errorf("search: count: %w", wrapTimeout(ctx, err))
	}
	// The hits come after the total, which tells how to read them.
	var bodies map[int64]string
	if byDate {
		res.Hits, bodies, err = hitsByID(ctx, tx, x.Newest(found, q.Offset, q.Limit), m != nil)
	} else {
		res.Hits, bodies, err = hits(ctx, tx, &q, m, ranked, res.Total <= s.oneTier, cs)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", wrapTimeout(ctx, err))
	}
	if m != nil {
		search.AttachSnippets(res.Hits, m, bodies)
	}
	if res.Total == 0 && p.Root != nil {
		if res.Suggestion, err = search.Suggest(ctx, q.Text, p, vocabulary{s, tx, q}); err != nil {
			return nil, fmt.Errorf("search: suggest: %w", wrapTimeout(ctx, err))
		}
	}
	return res, nil
}

// hitsByID reads the hits of the documents ids, newest first, and with
// text the start of their bodies for snippets.
func hitsByID(ctx context.Context, tx pgx.Tx, ids []int64, text bool) ([]catalog.Hit, map[int64]string, error) {
	if len(ids) == 0 {
		return []catalog.Hit{}, nil, nil
	}
	var bodies map[int64]string
	if text {
		bodies = map[int64]string{}
	}
	h, err := page(ctx, tx, pageQuery{w: ` WHERE d.id = ANY (@ids)`, args: pgx.NamedArgs{"ids": ids},
		order: byDate, limit: len(ids)}, bodies)
	return h, bodies, err
}

// wrapTimeout makes the error of a statement cancelled by the deadline or
// by statement_timeout wrap context.DeadlineExceeded.
func wrapTimeout(ctx context.Context, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "57014" && !errors.Is(err, context.DeadlineExceeded) { // query_canceled
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w: %w", ctx.Err(), err)
	}
	return err
}

// hits reads one page of hits: by the two tiers of relevance when
// ranked (tiers.go; few says there are few hits), else by date or
// deadline. With text, it also reads the start of each hit's body for its
// snippet, by ID.
func hits(ctx context.Context, tx pgx.Tx, q *catalog.Query, m search.Match, ranked, few bool, cs []cond) ([]catalog.Hit, map[int64]string, error) {
	if ranked {
		return tieredHits(ctx, tx, q, m, few, cs)
	}
	order := byDate
	if q.Sort == catalog.SortDeadline {
		order = `d.deadline ASC NULLS LAST, ` + order
	}
	w, args := where(cs)
	bodies := map[int64]string{}
	if m == nil {
		bodies = nil
	}
	h, err := page(ctx, tx, pageQuery{w: w, args: args, order: order, limit: q.Limit, offset: q.Offset}, bodies)
	return h, bodies, err
}

// byDate is the order of hits by date, newest first, and of the body tier.
const byDate = `d.published_at DESC NULLS LAST, d.id DESC`

// pageQuery says which hits page reads: those of WHERE clause w, ordered
// by key descending (when set) then by order, limit of them from offset
// on.
type pageQuery struct {
	w             string
	args          pgx.NamedArgs
	key, order    string
	limit, offset int
}

// page reads one page of hits, and the start of their bodies into bodies
// unless it is nil. The page is chosen by IDs alone, so that ordering
// many hits moves narrow rows, and the hits' columns, their sources and
// bodies are read for the page only.
func page(ctx context.Context, tx pgx.Tx, pq pageQuery, bodies map[int64]string) ([]catalog.Hit, error) {
	args := pq.args
	args["limit"], args["offset"] = pq.limit, pq.offset
	inner, outer := `SELECT d.id`, ``
	if pq.key != "" {
		inner, outer = `SELECT d.id, `+pq.key+` AS k`, `p.k DESC, `
	}
	inner += ` FROM documents d` + pq.w + ` ORDER BY ` + strings.TrimPrefix(outer, "p.") + pq.order + ` LIMIT @limit OFFSET @offset`
	body := `''`
	if bodies != nil {
		body = `left(d.text, @snippet)`
		args["snippet"] = snippetText
	}
	query := `SELECT d.id, d.source_id, s.name, d.title, d.url, d.summary, d.language,
		d.content_type, d.themes, d.countries, d.published_at, ` + body + `
	FROM (` + inner + `) p JOIN documents d ON d.id = p.id JOIN sources s ON s.id = d.source_id
	ORDER BY ` + outer + pq.order
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
			text      string
		)
		if err := rows.Scan(&h.ID, &h.SourceID, &h.SourceName, &h.Title, &h.URL, &h.Summary,
			&h.Language, &h.ContentType, &h.Themes, &h.Countries, &published, &text); err != nil {
			return nil, err
		}
		h.Themes, h.Countries = listOf(h.Themes), listOf(h.Countries)
		h.Published = timeOf(published)
		if bodies != nil {
			bodies[h.ID] = text
		}
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
