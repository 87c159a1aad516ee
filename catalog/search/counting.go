package search

import (
	"github.com/RoaringBitmap/roaring/v2"

	"github.com/ewsi/hub/catalog"
)

// Indexable reports whether a FacetIndex can answer for the search q with
// parsed text p: it knows no publication date ranges.
func Indexable(q *catalog.Query, p *Parsed) bool {
	return q.From.IsZero() && q.Until.IsZero() && p.Filters.From.IsZero() && p.Filters.Until.IsZero()
}

// MatchSet returns the documents matching m as FacetIndex.Count reads
// them, ids listing those an engine's text index matches: nil for every
// document (no text), the matches of m, or, with not, those of its
// negation.
func MatchSet(m Match, ids func(Match) (*roaring.Bitmap, error)) (hits *roaring.Bitmap, not bool, err error) {
	switch {
	case m == nil:
		return nil, false, nil
	case Positive(m):
		hits, err = ids(m)
		return hits, false, err
	}
	hits, err = ids(Negated(m))
	return hits, true, err
}

// Counting is what a store brings to CountSearch for one search.
type Counting struct {
	Cache    *CountCache
	Gen      int64  // the write generation of the search's snapshot
	Key      string // CountKey of the query and the stamp
	Index    *FacetIndex
	Filters  FacetFilters
	ByDate   bool                                  // the page will be read from Index by date
	InSQL    func(res *catalog.Result) error       // counts in SQL, when Index is nil
	Matching func() (*roaring.Bitmap, bool, error) // the text's hits, as MatchSet returns them
}

// CountSearch sets the total and facets of res: from the count cache,
// else from the facet index, else in SQL. With ByDate it returns the
// search's hits as the index reads them (see FacetIndex.Found), to take
// the page from.
func CountSearch(res *catalog.Result, c Counting) (*roaring.Bitmap, error) {
	var cached bool
	res.Total, res.Facets, cached = c.Cache.Get(c.Gen, c.Key)
	if c.Index == nil {
		if !cached {
			res.Facets = map[string][]catalog.FacetValue{}
			if err := c.InSQL(res); err != nil {
				return nil, err
			}
			c.Cache.Put(c.Gen, c.Key, res.Total, res.Facets)
		}
		return nil, nil
	}
	if cached && !c.ByDate {
		return nil, nil
	}
	set, not, err := c.Matching()
	if err != nil {
		return nil, err
	}
	if !cached {
		res.Total, res.Facets = c.Index.Count(set, not, c.Filters)
		c.Cache.Put(c.Gen, c.Key, res.Total, res.Facets)
	}
	if !c.ByDate {
		return nil, nil
	}
	return c.Index.Found(set, not, c.Filters), nil
}
