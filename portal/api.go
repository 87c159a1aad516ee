package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// apiTimeout bounds the catalog work of one API request: a query the
// engine cannot answer in time is a 503, not a held connection.
const apiTimeout = 5 * time.Second

// apiSearchResult is the body of GET and POST /api/v1/search.
type apiSearchResult struct {
	Total  int                      `json:"total"`
	Items  []apiItem                `json:"items"`
	Facets map[string][]apiFacetVal `json:"facets"`
}

// apiItem is one hit of the API. Every field but id is a pointer so that
// a field left out by fields.exclude is absent while a chosen field is
// present even when empty; published is absent when unknown.
type apiItem struct {
	ID        int64     `json:"id"`
	Title     *string   `json:"title,omitempty"`
	URL       *string   `json:"url,omitempty"`    // at the publisher
	Source    *string   `json:"source,omitempty"` // the source's name
	SourceID  *int64    `json:"source_id,omitempty"`
	Language  *string   `json:"language,omitempty"`
	Published string    `json:"published,omitempty"` // RFC 3339
	Summary   *string   `json:"summary,omitempty"`
	Themes    *[]string `json:"themes,omitempty"`
	Type      *string   `json:"type,omitempty"`
	Countries *[]string `json:"countries,omitempty"`
	Page      *string   `json:"page,omitempty"` // the document's page on the hub (English)
	Href      string    `json:"href,omitempty"` // the document in this API
}

// apiFacetVal is one value of a facet in the API.
type apiFacetVal struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// apiError is the body of every API error; param names the query
// parameter or body member at fault when there is one.
type apiError struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"`
}

// handleAPISearch answers GET /api/v1/search with one page of hits, the
// total and every facet (an empty list when it has no value). Bad
// parameters are a 400 that says which and why.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	q, err := parseAPIQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	req := apiRequest{Query: q, Fields: defaultItemFields}
	for _, f := range facetOrder {
		req.Facets = append(req.Facets, apiFacetQuery{Field: f.name})
	}
	return s.serveAPISearch(w, r, req)
}

// handleAPISearchPost answers POST /api/v1/search, whose JSON body is
// described in apibody.go; the response has the shape of the GET one,
// with the facets and fields the body asks for.
func (s *Server) handleAPISearchPost(w http.ResponseWriter, r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return badBody("", "Content-Type must be application/json, not %q", shorten(ct))
	}
	req, err := parseAPISearchBody(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return err
	}
	return s.serveAPISearch(w, r, req)
}

func (s *Server) serveAPISearch(w http.ResponseWriter, r *http.Request, req apiRequest) error {
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	res, err := s.catalog.Search(ctx, req.Query)
	if err != nil {
		return err
	}
	out := apiSearchResult{
		Total:  res.Total,
		Items:  make([]apiItem, 0, len(res.Hits)),
		Facets: make(map[string][]apiFacetVal, len(req.Facets)),
	}
	for _, h := range res.Hits {
		out.Items = append(out.Items, s.newAPIItem(r, h, req.Fields))
	}
	for _, f := range req.Facets {
		vals := make([]apiFacetVal, 0, len(res.Facets[f.Field]))
		for _, v := range res.Facets[f.Field] {
			vals = append(vals, apiFacetVal{v.Value, v.Count})
		}
		if f.Sort == "value:asc" {
			slices.SortStableFunc(vals, func(a, b apiFacetVal) int { return strings.Compare(a.Value, b.Value) })
		}
		if f.Limit > 0 && len(vals) > f.Limit {
			vals = vals[:f.Limit]
		}
		out.Facets[f.Field] = vals
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, out)
	return nil
}

// newAPIItem shapes a hit with the chosen fields.
func (s *Server) newAPIItem(r *http.Request, h catalog.Hit, fields []string) apiItem {
	it := apiItem{ID: h.ID, Href: s.absURL(r, "/api/v1/documents/"+strconv.FormatInt(h.ID, 10))}
	for _, f := range fields {
		switch f {
		case "title":
			it.Title = &h.Title
		case "url":
			it.URL = &h.URL
		case "source":
			it.Source = &h.SourceName
		case "source_id":
			it.SourceID = &h.SourceID
		case "language":
			it.Language = &h.Language
		case "published":
			if !h.Published.IsZero() {
				it.Published = h.Published.UTC().Format(time.RFC3339)
			}
		case "summary":
			it.Summary = &h.Summary
		case "themes":
			it.Themes = nonNil(h.Themes)
		case "type":
			it.Type = &h.ContentType
		case "countries":
			it.Countries = nonNil(h.Countries)
		case "page":
			p := s.absURL(r, documentPath("en", h.ID))
			it.Page = &p
		}
	}
	return it
}

// nonNil points at l, or at an empty list so JSON says [] rather than null.
func nonNil(l []string) *[]string {
	if l == nil {
		l = []string{}
	}
	return &l
}

// handleAPISearchPreflight answers the CORS preflight a browser sends
// before a cross-origin POST with a JSON body.
func (s *Server) handleAPISearchPreflight(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "GET, POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
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
