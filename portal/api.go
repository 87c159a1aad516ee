package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// apiSearchResult is the body of GET /api/v1/search.
type apiSearchResult struct {
	Total  int                      `json:"total"`
	Items  []apiItem                `json:"items"`
	Facets map[string][]apiFacetVal `json:"facets"`
}

// apiItem is one hit of the API.
type apiItem struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`    // at the publisher
	Source    string `json:"source"` // the source's name
	Language  string `json:"language"`
	Published string `json:"published,omitempty"` // RFC 3339; omitted when unknown
}

// apiFacetVal is one value of a facet in the API.
type apiFacetVal struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// apiError is the body of every API error.
type apiError struct {
	Error string `json:"error"`
}

// handleAPISearch answers GET /api/v1/search with one page of hits, the
// total and every facet (an empty list when it has no value). Bad
// parameters are a 400 that says which and why.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	q, err := parseAPIQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return err
	}
	out := apiSearchResult{
		Total:  res.Total,
		Items:  make([]apiItem, 0, len(res.Hits)),
		Facets: make(map[string][]apiFacetVal, len(facetOrder)),
	}
	for _, h := range res.Hits {
		it := apiItem{ID: h.ID, Title: h.Title, URL: h.URL, Source: h.SourceName, Language: h.Language}
		if !h.Published.IsZero() {
			it.Published = h.Published.Format(time.RFC3339)
		}
		out.Items = append(out.Items, it)
	}
	for _, f := range facetOrder {
		vals := make([]apiFacetVal, 0, len(res.Facets[f.name]))
		for _, v := range res.Facets[f.name] {
			vals = append(vals, apiFacetVal{v.Value, v.Count})
		}
		out.Facets[f.name] = vals
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, out)
	return nil
}

// writeJSON writes v as the JSON body of a response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		// Only unsupported values fail, and the API's types have none.
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}
