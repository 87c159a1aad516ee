package portal

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func TestAPISearchShape(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	rec := get(t, h, "/api/v1/search?theme=social-cohesion&theme=economic-participation&lang=EN&lang=ar&sort=date&limit=5&offset=0")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	q := cat.lastQuery(t)
	if !slices.Equal(q.Themes, []string{"social-cohesion", "economic-participation"}) ||
		!slices.Equal(q.Languages, []string{"en", "ar"}) || q.Sort != catalog.SortDate || q.Limit != 5 {
		t.Errorf("Search got %+v", q)
	}

	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(raw)); !slices.Equal(got, []string{"facets", "items", "total"}) {
		t.Errorf("top-level keys %v", got)
	}
	var body struct {
		Total  int
		Items  []map[string]any
		Facets map[string][]map[string]any
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if body.Total != 2 || len(body.Items) != 2 {
		t.Fatalf("total %d, %d items", body.Total, len(body.Items))
	}
	first := body.Items[0]
	for _, k := range []string{"id", "title", "url", "source", "language", "published"} {
		if _, ok := first[k]; !ok {
			t.Errorf("item lacks %q: %v", k, first)
		}
	}
	if first["id"] != float64(1) || first["source"] != "Migration Policy Group" || first["language"] != "en" ||
		first["url"] != "https://mpg.example/refugees-labour-market" {
		t.Errorf("first item %v", first)
	}
	if p, _ := first["published"].(string); p != published1.Format(time.RFC3339) {
		t.Errorf("published %q", p)
	} else if _, err := time.Parse(time.RFC3339, p); err != nil {
		t.Error(err)
	}
	if _, ok := body.Items[1]["published"]; ok {
		t.Errorf("undated item has published: %v", body.Items[1])
	}
	if got := slices.Sorted(maps.Keys(body.Facets)); !slices.Equal(got, []string{"country", "language", "source", "theme", "type"}) {
		t.Errorf("facets %v", got)
	}
	for name, vals := range body.Facets {
		for _, v := range vals {
			if _, ok := v["value"].(string); !ok {
				t.Errorf("facet %s value %v", name, v)
			}
			if _, ok := v["count"].(float64); !ok {
				t.Errorf("facet %s count %v", name, v)
			}
		}
	}
}

func TestAPISearchEmptyListsAreArrays(t *testing.T) {
	cat := newFakeCatalog()
	cat.fixed = &catalog.Result{}
	rec := get(t, newTestServer(t, cat, nil), "/api/v1/search")
	want := `{"total":0,"items":[],"facets":{"country":[],"language":[],"source":[],"theme":[],"type":[]}}`
	if got := strings.TrimSpace(rec.Body.String()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if q := cat.lastQuery(t); q.Limit != catalog.DefaultLimit || q.Offset != 0 || q.Sort != catalog.SortRelevance {
		t.Errorf("defaults: %+v", q)
	}
}

func TestAPISearchBadRequests(t *testing.T) {
	tests := []struct {
		query, mention string
	}{
		{"limit=abc", "limit"},
		{"limit=-1", "limit"},
		{"limit=0", "limit"},
		{"limit=101", "limit"},
		{"limit=1.5", "limit"},
		{"limit=5&limit=6", "limit"},
		{"offset=-1", "offset"},
		{"offset=10001", "offset"},
		{"offset=99999999999999999999999", "offset"},
		{"sort=popularity", "sort"},
		{"sort=date&sort=relevance", "sort"},
		{"theme=astrology", "astrology"},
		{"type=blog", "blog"},
		{"country=XX", "XX"},
		{"country=GB", "GB"},
		{"lang=xx", "xx"},
		{"lang=english", "english"},
		{"lang=eng", "eng"},
		{"source=abc", "source"},
		{"source=0", "source"},
		{"q=" + strings.Repeat("é", 501), "500"},
		{"q=a&q=b", "q"},
		{"q=%ff", "UTF-8"},
		{"q=%zz", "encoded"},
		{"country=" + strings.Join(catalogCountryCodes()[:21], "&country="), "country"},
	}
	h := newTestServer(t, newFakeCatalog(), nil)
	for _, tt := range tests {
		rec := get(t, h, "/api/v1/search?"+tt.query)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%.60s: status %d, want 400", tt.query, rec.Code)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%.60s: Content-Type %q", tt.query, ct)
		}
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body) != 2 || body["param"] == "" {
			t.Errorf("%.60s: body %s (%v), want error and param", tt.query, rec.Body, err)
			continue
		}
		if !strings.Contains(body["error"], tt.mention) {
			t.Errorf("%.60s: error %q does not mention %q", tt.query, body["error"], tt.mention)
		}
	}
}

func catalogCountryCodes() []string {
	var out []string
	for _, c := range catalog.Countries {
		out = append(out, c.Slug)
	}
	return out
}

func TestAPISearchAcceptsEdgeValues(t *testing.T) {
	cat := newFakeCatalog()
	h := newTestServer(t, cat, nil)
	for _, query := range []string{
		"limit=100&offset=10000",
		"limit=1",
		"q=" + strings.Repeat("é", 500),
		"lang=&theme=&type=&country=&source=", // an untouched form
		"country=fr&lang=FR&type=NEWS&theme=Health",
		"theme=employment", // a sub-theme
		"unknown=parameter",
	} {
		if rec := get(t, h, "/api/v1/search?"+query); rec.Code != http.StatusOK {
			t.Errorf("%.60s: status %d: %s", query, rec.Code, rec.Body)
		}
	}
	get(t, h, "/api/v1/search?country=fr&lang=FR&type=NEWS&theme=Health")
	q := cat.lastQuery(t)
	if !slices.Equal(q.Countries, []string{"FR"}) || !slices.Equal(q.Languages, []string{"fr"}) ||
		!slices.Equal(q.ContentTypes, []string{"news"}) || !slices.Equal(q.Themes, []string{"health"}) {
		t.Errorf("codes not canonicalised: %+v", q)
	}
}

func TestAPISearchFailure(t *testing.T) {
	cat := newFakeCatalog()
	cat.searchErr = errors.New("disk full")
	rec := get(t, newTestServer(t, cat, nil), "/api/v1/search")
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "disk") {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["error"] == "" {
		t.Errorf("body %s", rec.Body)
	}
}
