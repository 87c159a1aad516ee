package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// post serves one POST request with a JSON body.
func post(t testing.TB, h http.Handler, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestParseAPISearchBody(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		body string
		want apiRequest
	}{
		{"empty object", `{}`, apiRequest{
			Query:  catalog.Query{Sort: catalog.SortRelevance, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
		{"query, filter group, facets, sort, fields, paging", `{
			"query": {"value": "language courses", "operator": "AND"},
			"filter": {"operator": "AND", "conditions": [
				{"field": "theme", "value": ["health", "Housing"]},
				{"field": "country", "value": "de"},
				{"field": "language", "value": ["EN", "fr"], "operator": "OR"},
				{"field": "source", "value": ["3", "1"]},
				{"field": "type", "value": "report", "operator": "AND"},
				{"field": "date", "value": {"from": "2024-01-01", "to": "2024-12-31"}}
			]},
			"facets": [{"field": "theme", "limit": 5}, {"field": "country", "sort": "value:asc"}],
			"sort": ["date:desc"],
			"fields": {"include": ["summary", "themes"], "exclude": ["source"]},
			"limit": 50, "offset": 100}`,
			apiRequest{
				Query: catalog.Query{Text: "language courses", Themes: []string{"health", "housing"},
					Countries: []string{"DE"}, Languages: []string{"en", "fr"}, SourceIDs: []int64{3, 1},
					ContentTypes: []string{"report"}, From: day(2024, 1, 1),
					Until: day(2024, 12, 31).Add(24*time.Hour - time.Microsecond),
					Sort:  catalog.SortDate, Limit: 50, Offset: 100},
				Facets: []apiFacetQuery{{"theme", 5, "count:desc"}, {"country", defaultFacetLimit, "value:asc"}},
				Fields: []string{"id", "title", "url", "language", "published", "summary", "themes"},
			}},
		{"OR between words", `{"query": {"value": "housing  health", "operator": "or"}}`, apiRequest{
			Query:  catalog.Query{Text: "housing OR health", Sort: catalog.SortRelevance, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
		{"preset latest", `{"preset": "latest"}`, apiRequest{
			Query:  catalog.Query{Sort: catalog.SortDate, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
		{"preset analysis, sort given wins", `{"preset": "analysis", "sort": ["date:desc"]}`, apiRequest{
			Query: catalog.Query{ContentTypes: []string{"research", "evaluation", "policy-paper", "report", "statistics"},
				Sort: catalog.SortDate, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
		{"preset analysis keeps a type filter", `{"preset": "analysis", "filter": {"field": "type", "value": "news"}}`, apiRequest{
			Query:  catalog.Query{ContentTypes: []string{"news"}, Sort: catalog.SortRelevance, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
		{"RFC 3339 date bound", `{"filter": {"field": "date", "value": {"from": "2024-03-01T10:00:00+01:00"}}}`, apiRequest{
			Query:  catalog.Query{From: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC), Sort: catalog.SortRelevance, Limit: catalog.DefaultLimit},
			Fields: defaultItemFields}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAPISearchBody(strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestParseAPISearchBodyRefusals(t *testing.T) {
	deep := `{"filter":{"conditions":[{"conditions":[{"field":"theme","value":"health"}]}]}}`
	tooDeep := `{"query": {"value": "x"}, "facets": [[[[[[[]]]]]]]}`
	many := `{"filter": {"conditions": [` + strings.Repeat(`{"field":"theme","value":"health"},`, maxConditions) + `{"field":"type","value":"news"}]}}`
	facets := `{"facets": [` + strings.Repeat(`{"field":"theme"},`, maxFacetRequests) + `{"field":"type"}]}`
	tests := []struct {
		body, param, mention string
	}{
		{``, "", "empty"},
		{`[]`, "", "object"},
		{`{"query": `, "", "cut short"},
		{`{"limit": 5} {"limit": 6}`, "", "more than one"},
		{`{"limit": 5} x`, "", "malformed"},
		{`{"lmit": 5}`, "lmit", "unknown"},
		{`{"limit": "5"}`, "limit", "number"},
		{`{"limit": 0}`, "limit", "between 1 and 100"},
		{`{"limit": 101}`, "limit", "between 1 and 100"},
		{`{"limit": 1e99}`, "limit", "number"},
		{`{"offset": -1}`, "offset", "between 0 and 10000"},
		{`{"offset": 10001}`, "offset", "between 0 and 10000"},
		{`{"query": {"value": "` + strings.Repeat("é", 501) + `"}}`, "query.value", "500"},
		{`{"query": {"value": "x", "operator": "NEAR"}}`, "query.operator", "AND or OR"},
		{`{"query": {"value": "x", "fields": ["title"]}}`, "query.fields", "unknown"},
		{`{"filter": {"field": "colour", "value": "red"}}`, "filter.field", "colour"},
		{`{"filter": {"field": "theme"}}`, "filter.value", "missing"},
		{`{"filter": {"value": "health"}}`, "filter.field", "missing"},
		{`{"filter": {"field": "theme", "value": 3}}`, "filter.value", "string"},
		{`{"filter": {"field": "theme", "value": []}}`, "filter.value", "empty"},
		{`{"filter": {"field": "theme", "value": "astrology"}}`, "filter.value[0]", "astrology"},
		{`{"filter": {"field": "country", "value": ["FR", "GB"]}}`, "filter.value[1]", "GB"},
		{`{"filter": {"field": "source", "value": "abc"}}`, "filter.value[0]", "source id"},
		{`{"filter": {"field": "theme", "value": "health", "negate": true}}`, "filter.negate", "not supported"},
		{`{"filter": {"field": "theme", "value": ["health", "housing"], "operator": "AND"}}`, "filter.operator", "AND over several"},
		{`{"filter": {"field": "theme", "value": "health", "operator": "XOR"}}`, "filter.operator", "AND or OR"},
		{`{"filter": {"operator": "OR", "conditions": [{"field": "theme", "value": "health"}]}}`, "filter.operator", "AND only"},
		{`{"filter": {"conditions": []}}`, "filter.conditions", "empty"},
		{`{"filter": {"field": "theme", "conditions": [{"field": "theme", "value": "health"}]}}`, "filter", "a group"},
		{deep, "filter.conditions[0].conditions", "nest"},
		{tooDeep, "", "nested deeper"},
		{many, "filter.conditions", "more than 20"},
		{`{"filter": {"conditions": [{"field":"theme","value":"health"},{"field":"theme","value":"housing"}]}}`, "filter.conditions[1].field", "twice"},
		{`{"filter": {"field": "date", "value": "2024"}}`, "filter.value", "from"},
		{`{"filter": {"field": "date", "value": {}}}`, "filter.value", "needs"},
		{`{"filter": {"field": "date", "value": {"from": "yesterday"}}}`, "filter.value.from", "yesterday"},
		{`{"filter": {"field": "date", "value": {"to": "2024-02-30"}}}`, "filter.value.to", "2024-02-30"},
		{facets, "facets", "more than 10"},
		{`{"facets": [{"field": "colour"}]}`, "facets[0].field", "colour"},
		{`{"facets": [{"field": "theme"}, {"field": "theme"}]}`, "facets[1].field", "twice"},
		{`{"facets": [{"field": "theme", "limit": 101}]}`, "facets[0].limit", "between"},
		{`{"facets": [{"field": "theme", "sort": "count:asc"}]}`, "facets[0].sort", "count:asc"},
		{`{"sort": ["date:asc"]}`, "sort[0]", "date:asc"},
		{`{"sort": ["date:desc", "score:desc"]}`, "sort", "one sort"},
		{`{"fields": {"include": ["body"]}}`, "fields.include[0]", "body"},
		{`{"fields": {"exclude": ["id"]}}`, "fields.exclude[0]", "always"},
		{`{"preset": "popular"}`, "preset", "popular"},
		{"{\"query\": {\"value\": \"\xff\"}}", "", "UTF-8"},
	}
	for _, tt := range tests {
		_, err := parseAPISearchBody(strings.NewReader(tt.body))
		be, ok := err.(*bodyError)
		if !ok {
			t.Errorf("%.70s: error %v (%T), want a *bodyError", tt.body, err, err)
			continue
		}
		if be.Param != tt.param || !strings.Contains(be.Error(), tt.mention) {
			t.Errorf("%.70s: param %q error %q, want param %q mentioning %q", tt.body, be.Param, be.Error(), tt.param, tt.mention)
		}
	}
}

func TestAPISearchPost(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	rec := post(t, h, "/api/v1/search", `{
		"filter": {"field": "country", "value": ["DE", "AT", "FR"]},
		"facets": [{"field": "language", "limit": 2, "sort": "value:asc"}],
		"fields": {"include": ["themes", "type", "page", "source_id"], "exclude": ["url"]},
		"preset": "latest", "limit": 2}`)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if q := cat.lastQuery(t); q.Sort != catalog.SortDate || q.Limit != 2 || len(q.Countries) != 3 {
		t.Errorf("Search got %+v", q)
	}
	var body struct {
		Total  int
		Items  []map[string]any
		Facets map[string][]apiFacetVal
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if body.Total != 3 || len(body.Items) != 2 {
		t.Fatalf("total %d, %d items", body.Total, len(body.Items))
	}
	wantKeys := []string{"href", "id", "language", "page", "published", "source", "source_id", "themes", "title", "type"}
	slices.Sort(wantKeys)
	if got := slices.Sorted(maps.Keys(body.Items[0])); !slices.Equal(got, wantKeys) {
		t.Errorf("item keys %v, want %v", got, wantKeys)
	}
	if body.Items[0]["page"] != "http://example.com/en/documents/1" || body.Items[0]["href"] != "http://example.com/api/v1/documents/1" {
		t.Errorf("links %v %v", body.Items[0]["page"], body.Items[0]["href"])
	}
	// Only the facet asked for, sorted by value and cut to its limit.
	want := map[string][]apiFacetVal{"language": {{"de", 1}, {"en", 1}}}
	if diff := cmp.Diff(want, body.Facets); diff != "" {
		t.Errorf("facets (-want +got)\n%s", diff)
	}
}

func TestAPISearchPostBadRequests(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	tests := []struct {
		name, contentType, body string
		param                   string
	}{
		{"unknown member", "application/json", `{"filter": {"field": "theme", "value": "health", "negat": true}}`, "filter.negat"},
		{"wrong content type", "text/plain", `{}`, ""},
		{"body too large", "application/json", `{"query": {"value": "` + strings.Repeat(" ", maxBodyBytes) + `"}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/search", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var body apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error == "" {
				t.Fatalf("body %s (%v)", rec.Body, err)
			}
			if body.Param != tt.param {
				t.Errorf("param %q, want %q (%s)", body.Param, tt.param, body.Error)
			}
		})
	}
}

// slowCatalog answers every search only when its context ends.
type slowCatalog struct{ *fakeCatalog }

func (s slowCatalog) Search(ctx context.Context, q catalog.Query) (*catalog.Result, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("search: %w", ctx.Err())
}

func TestAPISearchDeadlineIs503(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	h := newTestServer(t, slowCatalog{newFakeCatalog()}, nil)
	req := httptest.NewRequest(http.MethodPost, "/api/v1/search", strings.NewReader(`{}`)).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var body apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || !strings.Contains(body.Error, "too long") {
		t.Errorf("body %s", rec.Body)
	}
}

// FuzzAPISearchBody: whatever the body, the parser returns a request
// within every bound or a *bodyError, and never panics.
func FuzzAPISearchBody(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"query":{"value":"housing","operator":"OR"},"limit":5}`,
		`{"filter":{"operator":"AND","conditions":[{"field":"theme","value":["health"]},{"field":"date","value":{"from":"2024-01-01"}}]}}`,
		`{"facets":[{"field":"theme","limit":3,"sort":"value:asc"}],"sort":["date:desc"],"fields":{"include":["summary"]}}`,
		`{"preset":"analysis","offset":10000}`, `[[[[[[[[[[`, `{"filter":{"conditions":[{"conditions":[]}]}}`, "\xff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req, err := parseAPISearchBody(strings.NewReader(body))
		if err != nil {
			if _, ok := err.(*bodyError); !ok {
				t.Fatalf("error %v is a %T, want *bodyError", err, err)
			}
			return
		}
		q := req.Query
		if q.Limit < 1 || q.Limit > catalog.MaxLimit || q.Offset < 0 || q.Offset > catalog.MaxOffset {
			t.Errorf("paging out of bounds: %+v", q)
		}
		if len(req.Facets) > maxFacetRequests || req.Fields[0] != "id" {
			t.Errorf("facets %v fields %v", req.Facets, req.Fields)
		}
		for _, l := range [][]string{q.Languages, q.Themes, q.ContentTypes, q.Countries} {
			if len(l) > maxFilterValues {
				t.Errorf("%d filter values", len(l))
			}
		}
		if q.Sort != catalog.SortDate && q.Sort != catalog.SortRelevance {
			t.Errorf("sort %q", q.Sort)
		}
	})
}

func TestAPISearchPreflight(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	req := httptest.NewRequest(http.MethodOptions, "/api/v1/search", nil)
	req.Header.Set("Origin", "https://other-hub.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("status %d", rec.Code)
	}
	for name, want := range map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST",
		"Access-Control-Allow-Headers": "Content-Type"} {
		if got := rec.Header().Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}
