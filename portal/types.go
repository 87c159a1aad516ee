package portal

import (
	"context"
	"fmt"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// typesPage is the data of types.html: every content type with its count.
type typesPage struct {
	layout
	Types []themeEntry
}

// typePage is the data of type.html: the latest documents of one type.
type typePage struct {
	layout
	Heading string
	Count   string
	Latest  []hitView
	AllURL  string
}

// latestPerType is how many documents a type listing shows; the search
// it links to pages through the rest.
const latestPerType = 20

// handleTypeList renders the index of content types, counted by one
// search's facet.
func (s *Server) handleTypeList(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.catalog.Search(ctx, catalog.Query{Limit: 1})
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, v := range res.Facets[catalog.FacetType] {
		counts[v.Value] = v.Count
	}
	loc := s.bundle.Locale(lang)
	data := typesPage{layout: s.layout(r, lang, loc.T("types.title"))}
	data.Current = "types"
	for _, ct := range catalog.ContentTypes {
		data.Types = append(data.Types, themeEntry{Slug: ct.Slug, Label: loc.TypeName(ct.Slug),
			URL: typePath(lang, ct.Slug), Count: loc.Plural("themes.count", counts[ct.Slug])})
	}
	return s.render(w, http.StatusOK, lang, "types", data)
}

// handleTypeShow renders the latest documents of one content type; an
// unknown type is a 404.
func (s *Server) handleTypeShow(w http.ResponseWriter, r *http.Request, lang string) error {
	slug := r.PathValue("slug")
	if !catalog.IsContentType(slug) {
		return fmt.Errorf("%w: content type %q", catalog.ErrNotFound, slug)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	q := catalog.Query{ContentTypes: []string{slug}, Sort: catalog.SortDate, Limit: latestPerType}
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	q.Limit = 0
	data := typePage{
		layout:  s.layout(r, lang, loc.TypeName(slug)),
		Heading: loc.TypeName(slug),
		Count:   loc.Plural("themes.count", res.Total),
		AllURL:  searchPath(lang, "", q, 1),
	}
	data.Current = "types"
	data.Atom = searchPath(lang, "/atom", q, 1)
	for _, h := range res.Hits {
		data.Latest = append(data.Latest, newHitView(loc, h))
	}
	return s.render(w, http.StatusOK, lang, "type", data)
}
