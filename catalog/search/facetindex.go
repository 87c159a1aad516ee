package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/ewsi/hub/catalog"
)

// FacetRow is one searchable document (published, past its embargo, not
// gone) as a store reads it to build a FacetIndex.
type FacetRow struct {
	ID          int64
	Language    string
	ContentType string
	SourceID    int64
	Year        string   // four digits of Published in UTC; "" when undated
	Published   int64    // the publication date, Unix microseconds; ignored when Year is ""
	ThemeRoots  []string // the theme facet's values
	Subthemes   []string // the sub-theme facet's and filter's values
	Themes      []string // the document's own theme slugs: with ThemeRoots, what the theme filter matches
	Countries   []string
	// Collapsed says the document stands for its group of copies: it has
	// no representative, or its representative is gone.
	Collapsed bool
}

// FacetIndex holds, for one state of the catalog, a bitmap of document
// IDs per facet value, so that a search's total and facets are counted by
// intersecting bitmaps with its hits rather than by grouping every hit in
// SQL. It answers exactly as the stores' counting SQL does (the
// conformance suite runs both); it is immutable, and so safe for
// concurrent use.
type FacetIndex struct {
	stamp     string
	all       *roaring.Bitmap // every searchable document
	collapsed *roaring.Bitmap
	count     map[string]map[string]*roaring.Bitmap // facet → value → documents counted under it
	filter    map[string]map[string]*roaring.Bitmap // facet → value → documents its filter keeps
	dates                                           // the documents newest first (dates.go)
}

// MaxFacetID is the largest document ID a FacetIndex holds; a catalog with
// larger IDs is counted in SQL.
const MaxFacetID = 1<<32 - 1

// BuildFacetIndex builds the index of rows, the catalog as seen under
// stamp (see FacetHolder). It returns nil when an ID is out of range.
func BuildFacetIndex(stamp string, rows []FacetRow) *FacetIndex {
	x := &FacetIndex{stamp: stamp, all: roaring.New(), collapsed: roaring.New(),
		count: map[string]map[string]*roaring.Bitmap{}, filter: map[string]map[string]*roaring.Bitmap{}}
	add := func(m map[string]map[string]*roaring.Bitmap, facet, value string, id uint32) {
		if m[facet] == nil {
			m[facet] = map[string]*roaring.Bitmap{}
		}
		b := m[facet][value]
		if b == nil {
			b = roaring.New()
			m[facet][value] = b
		}
		b.Add(id)
	}
	for i := range rows {
		r := &rows[i]
		if r.ID < 0 || r.ID > MaxFacetID {
			return nil
		}
		id := uint32(r.ID)
		x.all.Add(id)
		if r.Collapsed {
			x.collapsed.Add(id)
		}
		source := strconv.FormatInt(r.SourceID, 10)
		for _, m := range []map[string]map[string]*roaring.Bitmap{x.count, x.filter} {
			add(m, catalog.FacetLanguage, r.Language, id)
			add(m, catalog.FacetType, r.ContentType, id)
			add(m, catalog.FacetSource, source, id)
			for _, v := range r.Subthemes {
				add(m, catalog.FacetSubtheme, v, id)
			}
			for _, v := range r.Countries {
				add(m, catalog.FacetCountry, v, id)
			}
		}
		for _, v := range r.ThemeRoots {
			add(x.count, catalog.FacetTheme, v, id)
			add(x.filter, catalog.FacetTheme, v, id)
		}
		for _, v := range r.Themes {
			add(x.filter, catalog.FacetTheme, v, id)
		}
		if r.Year != "" {
			add(x.count, catalog.FacetYear, r.Year, id)
		}
	}
	for _, m := range []map[string]map[string]*roaring.Bitmap{x.count, x.filter} {
		for _, values := range m {
			for _, b := range values {
				b.RunOptimize()
			}
		}
	}
	x.dates = newDates(rows)
	// Values no one can choose are not counted, as in the stores' SQL.
	for _, f := range []string{catalog.FacetLanguage, catalog.FacetType, catalog.FacetCountry} {
		delete(x.count[f], "")
	}
	return x
}

// Stamp is the state of the catalog the index was built from.
func (x *FacetIndex) Stamp() string { return x.stamp }

// Len is how many searchable documents the index holds.
func (x *FacetIndex) Len() int { return int(x.all.GetCardinality()) }

// FacetFilters are a search's filters as the index applies them: Facet
// are q's own (each facet counted without its own), Text those of the
// query text (applied to every facet).
type FacetFilters struct {
	Facet, Text FilterValues
}

// FilterValues are the values of each filter; nil or empty for none.
type FilterValues struct {
	Languages, Themes, Subthemes, ContentTypes, Countries []string
	SourceIDs                                             []int64
}

// FacetFiltersOf returns the filters of q and of its parsed text.
func FacetFiltersOf(q *catalog.Query, p *Parsed) FacetFilters {
	f := p.Filters
	return FacetFilters{
		Facet: FilterValues{q.Languages, q.Themes, q.Subthemes, q.ContentTypes, q.Countries, q.SourceIDs},
		Text:  FilterValues{f.Languages, f.Themes, nil, f.ContentTypes, f.Countries, f.SourceIDs},
	}
}

// Count returns the total and the facets of the documents in hits (nil:
// every document; with not, every document but those in hits; IDs of
// documents that are not searchable are ignored) passing the filters f, each facet counted without its own filter, the
// source facet's filter being "one per group of copies" when no source is
// chosen. Values are sorted by count descending, then bytewise.
func (x *FacetIndex) Count(hits *roaring.Bitmap, not bool, f FacetFilters) (int, map[string][]catalog.FacetValue) {
	base := x.base(hits, not, f)
	sets := x.filterSets(f.Facet, true)
	total := base.Clone()
	for _, s := range sets {
		total.And(s.set)
	}
	facets := make(map[string][]catalog.FacetValue, len(catalog.Facets))
	for _, name := range catalog.Facets {
		in := base
		if len(sets) > 0 {
			in = base.Clone()
			for _, s := range sets {
				if s.facet != name {
					in.And(s.set)
				}
			}
		}
		vs := []catalog.FacetValue{}
		for v, b := range x.count[name] {
			if n := int(in.AndCardinality(b)); n > 0 {
				vs = append(vs, catalog.FacetValue{Value: v, Count: n})
			}
		}
		sortValues(vs)
		facets[name] = vs
	}
	return int(total.GetCardinality()), facets
}

// base returns the documents in hits (as Count reads hits and not)
// passing the filters of the text.
func (x *FacetIndex) base(hits *roaring.Bitmap, not bool, f FacetFilters) *roaring.Bitmap {
	base := x.all.Clone()
	switch {
	case hits != nil && not:
		base.AndNot(hits)
	case hits != nil:
		base.And(hits)
	}
	for _, b := range x.filterSets(f.Text, false) {
		base.And(b.set)
	}
	return base
}

// Found returns the documents in hits (as Count reads hits and not)
// passing every filter of f: the search's hits, Count's total.
func (x *FacetIndex) Found(hits *roaring.Bitmap, not bool, f FacetFilters) *roaring.Bitmap {
	found := x.base(hits, not, f)
	for _, s := range x.filterSets(f.Facet, true) {
		found.And(s.set)
	}
	return found
}

type filterSet struct {
	facet string
	set   *roaring.Bitmap
}

// filterSets returns one set per filter of v: the documents having one of
// its values; with collapse, the source filter defaults to the documents
// standing for their group.
func (x *FacetIndex) filterSets(v FilterValues, collapse bool) []filterSet {
	var out []filterSet
	for _, f := range []struct {
		facet  string
		values []string
	}{
		{catalog.FacetLanguage, v.Languages}, {catalog.FacetTheme, v.Themes},
		{catalog.FacetSubtheme, v.Subthemes}, {catalog.FacetType, v.ContentTypes},
		{catalog.FacetCountry, v.Countries}, {catalog.FacetSource, sourceValues(v.SourceIDs)},
	} {
		if len(f.values) == 0 {
			continue
		}
		set := roaring.New()
		for _, val := range f.values {
			if b := x.filter[f.facet][val]; b != nil {
				set.Or(b)
			}
		}
		out = append(out, filterSet{f.facet, set})
	}
	if collapse && len(v.SourceIDs) == 0 {
		out = append(out, filterSet{catalog.FacetSource, x.collapsed})
	}
	return out
}

func sourceValues(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return out
}

// sortValues orders values by count descending, then bytewise, as the
// stores do.
func sortValues(v []catalog.FacetValue) {
	slices.SortFunc(v, func(a, b catalog.FacetValue) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}
