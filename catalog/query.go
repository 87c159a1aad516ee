package catalog

import "time"

// Query is a catalog search: free text plus filters. The zero Query matches
// every document, newest first.
type Query struct {
	// Text is what the user typed, in the query language of
	// catalog/search (words, "phrases", prefix*, OR, NOT, -word,
	// parentheses, field filters such as lang:fr or published:2025..);
	// the stores parse it. A text the parser refuses makes Search fail
	// with an error wrapping ErrInvalid.
	Text string
	// Filters: a document must match one value of each non-empty list.
	Languages []string
	// Themes keeps documents with one of the themes or sub-themes (a
	// theme also matches the documents filed under its sub-themes).
	Themes       []string
	Subthemes    []string // sub-theme slugs
	ContentTypes []string
	Countries    []string
	SourceIDs    []int64
	From, Until  time.Time // on Published; zero means open
	Sort         Sort
	// NoExpand keeps the search to the words typed: no equivalents in
	// other languages from the store's Expander, if it has one.
	NoExpand bool
	Limit    int // 0 means DefaultLimit; capped at MaxLimit
	Offset   int
}

// Sort orders search results.
type Sort string

// Sort orders.
const (
	SortRelevance Sort = "relevance" // by rank when there is text, else by date
	SortDate      Sort = "date"      // newest first
	// SortDeadline orders funding calls by deadline, soonest first;
	// documents without one come last, newest first.
	SortDeadline Sort = "deadline"
)

// Paging bounds.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	MaxOffset    = 10000
)

// Normalize clamps paging to its bounds.
func (q *Query) Normalize() {
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	if q.Offset > MaxOffset {
		q.Offset = MaxOffset
	}
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
}

// Hit is one search result.
type Hit struct {
	ID          int64
	SourceID    int64
	SourceName  string
	Title       string
	URL         string
	Summary     string
	Language    string
	ContentType string
	Themes      []string
	Countries   []string
	Published   time.Time
	// Snippet is a passage of the document around the words that matched,
	// in the document's language; empty without text or match.
	Snippet Snippet
}

// Snippet is plain text with the ranges of the words that matched, as
// byte offsets into Text: the portal marks them up itself, so no markup
// from a document ever reaches a page unescaped.
type Snippet struct {
	Text  string
	Marks []Span
}

// Span is a range [Start, End) of bytes.
type Span struct{ Start, End int }

// FacetValue is one value of a facet with the number of matching documents.
type FacetValue struct {
	Value string
	Count int
}

// Facet names, as the API and the search page use them.
const (
	FacetLanguage = "language"
	FacetTheme    = "theme"
	FacetType     = "type"
	FacetCountry  = "country"
	FacetSource   = "source"
	FacetSubtheme = "subtheme"
	FacetYear     = "year" // of Published, four digits
)

// Facets lists every facet a Result holds.
var Facets = []string{FacetLanguage, FacetTheme, FacetSubtheme, FacetType, FacetCountry, FacetSource, FacetYear}

// Result is one page of hits with the total and the facets. Each facet is
// counted over the documents matching the text and every filter except
// the facet's own, so choosing a value never hides its siblings.
type Result struct {
	Total  int
	Hits   []Hit
	Facets map[string][]FacetValue
	// Suggestion is the text with each word that matches nothing replaced
	// by the closest word the catalog holds, when that finds documents
	// ("did you mean"); empty when no word needs it.
	Suggestion string
}
