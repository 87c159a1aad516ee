package catalog

import "time"

// Query is a catalog search: free text plus filters. The zero Query matches
// every document, newest first.
type Query struct {
	Text string // the user's words; folded and tokenised by the store
	// Filters: a document must match one value of each non-empty list.
	Languages    []string
	Themes       []string
	ContentTypes []string
	Countries    []string
	SourceIDs    []int64
	From, Until  time.Time // on Published; zero means open
	Sort         Sort
	Limit        int // 0 means DefaultLimit; capped at MaxLimit
	Offset       int
}

// Sort orders search results.
type Sort string

// Sort orders.
const (
	SortRelevance Sort = "relevance" // by rank when there is text, else by date
	SortDate      Sort = "date"      // newest first
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
}

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
)

// Result is one page of hits with the total and the facets. Each facet is
// counted over the documents matching the text and every filter except
// the facet's own, so choosing a value never hides its siblings.
type Result struct {
	Total  int
	Hits   []Hit
	Facets map[string][]FacetValue
}
