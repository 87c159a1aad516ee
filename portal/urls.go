package portal

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/ewsi/hub/catalog"
)

// searchValues spells the text, filters and sort of q as the parameters
// parseFilters reads back; paging is left to the caller.
func searchValues(q catalog.Query) url.Values {
	v := url.Values{}
	if q.Text != "" {
		v.Set("q", q.Text)
	}
	setList(v, "lang", q.Languages)
	setList(v, "theme", q.Themes)
	setList(v, "type", q.ContentTypes)
	setList(v, "country", q.Countries)
	for _, id := range q.SourceIDs {
		v.Add("source", strconv.FormatInt(id, 10))
	}
	if q.Sort == catalog.SortDate {
		v.Set("sort", string(catalog.SortDate))
	}
	if q.NoExpand {
		v.Set("exact", "1")
	}
	return v
}

func setList(v url.Values, name string, list []string) {
	if len(list) > 0 {
		v[name] = slices.Clone(list)
	}
}

// searchPath is the address of the search page (suffix ""), its Atom
// feed ("/atom") or its iCalendar ("/ics") in lang for q, at page when
// above 1.
func searchPath(lang, suffix string, q catalog.Query, page int) string {
	v := searchValues(q)
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	p := "/" + lang + "/search" + suffix
	if enc := v.Encode(); enc != "" {
		p += "?" + enc
	}
	return p
}

// documentPath is the address of a document's page in lang.
func documentPath(lang string, id int64) string {
	return "/" + lang + "/documents/" + strconv.FormatInt(id, 10)
}

// filterList returns a pointer to the filter of q that facet names, or
// nil for the source facet (whose values are ids) and unknown facets.
func filterList(q *catalog.Query, facet string) *[]string {
	switch facet {
	case catalog.FacetLanguage:
		return &q.Languages
	case catalog.FacetTheme:
		return &q.Themes
	case catalog.FacetType:
		return &q.ContentTypes
	case catalog.FacetCountry:
		return &q.Countries
	}
	return nil
}

// hasFilter reports whether q filters facet on value.
func hasFilter(q catalog.Query, facet, value string) bool {
	if facet == catalog.FacetSource {
		id, err := strconv.ParseInt(value, 10, 64)
		return err == nil && slices.Contains(q.SourceIDs, id)
	}
	if l := filterList(&q, facet); l != nil {
		return slices.Contains(*l, value)
	}
	return false
}

// toggleFilter returns q with value added to or removed from the filter
// of facet, back on the first page. q's own slices are never modified.
func toggleFilter(q catalog.Query, facet, value string) catalog.Query {
	q.Offset = 0
	if facet == catalog.FacetSource {
		id, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return q
		}
		if i := slices.Index(q.SourceIDs, id); i >= 0 {
			q.SourceIDs = slices.Delete(slices.Clone(q.SourceIDs), i, i+1)
		} else {
			q.SourceIDs = append(slices.Clip(q.SourceIDs), id)
		}
		return q
	}
	l := filterList(&q, facet)
	if l == nil {
		return q
	}
	if i := slices.Index(*l, value); i >= 0 {
		*l = slices.Delete(slices.Clone(*l), i, i+1)
	} else {
		*l = append(slices.Clip(*l), value)
	}
	return q
}
