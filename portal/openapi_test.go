package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/getkin/kin-openapi/openapi3"
)

// openAPIDoc fetches and decodes the served document.
func openAPIDoc(t *testing.T, h http.Handler) map[string]any {
	t.Helper()
	rec := get(t, h, "/api/v1/openapi.json")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// loadOpenAPI loads the served document with kin-openapi, which
// resolves every $ref and validates the document against OpenAPI 3.1,
// its examples against their schemas included.
func loadOpenAPI(t *testing.T, h http.Handler) *openapi3.T {
	t.Helper()
	rec := get(t, h, "/api/v1/openapi.json")
	doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	return doc
}

// validateSchema checks v against a component schema with JSON Schema
// 2020-12 semantics, as OpenAPI 3.1 has them.
func validateSchema(doc *openapi3.T, name string, v any) error {
	ref := doc.Components.Schemas[name]
	if ref == nil {
		return fmt.Errorf("no schema %s", name)
	}
	return doc.ValidateSchemaJSON(ref.Value, v, openapi3.EnableJSONSchema2020())
}

func TestOpenAPIDocument(t *testing.T) {
	s, err := New(Options{Catalog: newFakeCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	loadOpenAPI(t, s.Handler())
	doc := openAPIDoc(t, s.Handler())
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi %q, want 3.1.x", v)
	}
	info, _ := doc["info"].(map[string]any)
	if info["title"] == "" || info["version"] == "" || info["title"] == nil || info["version"] == nil {
		t.Errorf("info %v lacks title or version", info)
	}
	paths, _ := doc["paths"].(map[string]any)
	// Every route under /api/v1 is described, and nothing else is.
	described := map[string]bool{}
	for path, item := range paths {
		for method, op := range item.(map[string]any) {
			described[strings.ToUpper(method)+" "+path] = true
			if o := op.(map[string]any); o["operationId"] == nil {
				t.Errorf("%s %s lacks an operationId", method, path)
			}
		}
	}
	var served []string
	for _, rt := range s.apiRoutes() {
		if method, path, _ := strings.Cut(rt.pattern, " "); strings.HasPrefix(path, "/api/v1/") {
			served = append(served, method+" "+path)
			if !described[method+" "+path] {
				t.Errorf("route %s is not in the OpenAPI document", rt.pattern)
			}
		}
	}
	for d := range described {
		if !slices.Contains(served, d) {
			t.Errorf("the OpenAPI document describes %s, which no route serves", d)
		}
	}
	// A route registered outside apiRoutes would escape the check above:
	// every pattern literal under /api/v1 in the package's code must be
	// one apiRoutes returns.
	for _, lit := range apiPatternLiterals(t) {
		if !slices.Contains(served, lit) {
			t.Errorf("pattern %q is registered outside apiRoutes", lit)
		}
	}
	// And the mux answers each described operation with its own handler.
	h := s.Handler()
	for d := range described {
		method, path, _ := strings.Cut(d, " ")
		req := httptest.NewRequest(method, strings.ReplaceAll(path, "{id}", "1"), strings.NewReader("{}"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d", d, rec.Code)
		}
	}
	// The vocabularies come from the catalog.
	for name, want := range map[string]int{"Theme": countThemes(), "ContentType": len(catalog.ContentTypes), "Country": len(catalog.Countries)} {
		schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
		if enum, _ := schemas[name].(map[string]any)["enum"].([]any); len(enum) != want {
			t.Errorf("%s enum has %d values, want %d", name, len(enum), want)
		}
	}
}

// apiPatternLiterals returns the string literals of the package's
// non-test code that are mux patterns under /api/v1.
func apiPatternLiterals(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, _ := strconv.Unquote(lit.Value)
			if method, path, ok := strings.Cut(v, " "); ok && strings.HasPrefix(path, "/api/v1/") && strings.ToUpper(method) == method {
				out = append(out, v)
			}
			return true
		})
	}
	if len(out) == 0 {
		t.Fatal("found no API pattern in the package")
	}
	return out
}

func countThemes() int {
	n := 0
	for _, t := range catalog.Themes {
		n += 1 + len(t.Sub)
	}
	return n
}

// TestOpenAPIResponsesMatchSchemas checks real responses of every route
// against the schemas the document gives them.
func TestOpenAPIResponsesMatchSchemas(t *testing.T) {
	cat := withEvent(newFakeCatalog())
	cat.docs[0].Funding = &catalog.Funding{Programme: "AMIF", Deadline: published1, Currency: "EUR", Budget: 1e6}
	cat.docs[1].Legislation = &catalog.Legislation{CELEX: "32024R1347"}
	cat.docs[2].CaseStudy = &catalog.CaseStudy{Region: "Wien", Aims: "Kürzere Verfahren.", Evaluated: true,
		Budget: 720000, Currency: "EUR", Partners: []string{"FH Campus Wien"}, Started: published3}
	h := newTestServer(t, cat, nil)
	doc := loadOpenAPI(t, h)
	example := doc.Paths.Value("/api/v1/search").Post.RequestBody.Value.Content.Get("application/json").Examples["latest-health"].Value.Value
	exampleJSON, _ := json.Marshal(example)
	if err := validateSchema(doc, "SearchBody", example); err != nil {
		t.Errorf("request example: %v", err)
	}
	tests := []struct {
		method, path, body string
		status             int
		schema             string
	}{
		{"GET", "/api/v1/search?theme=health&limit=3", "", 200, "SearchResult"},
		{"GET", "/api/v1/search", "", 200, "SearchResult"},
		{"POST", "/api/v1/search", string(exampleJSON), 200, "SearchResult"},
		{"POST", "/api/v1/search", `{"fields": {"include": ["summary", "themes", "type", "countries", "page", "source_id"]}}`, 200, "SearchResult"},
		{"GET", "/api/v1/search?limit=0", "", 400, "Error"},
		{"POST", "/api/v1/search", `{"limit": "x"}`, 400, "Error"},
		{"GET", "/api/v1/documents/1", "", 200, "Document"},
		{"GET", "/api/v1/documents/2", "", 200, "Document"},
		{"GET", "/api/v1/documents/3", "", 200, "Document"},
		{"GET", "/api/v1/documents/5", "", 200, "Document"},
		{"GET", "/api/v1/documents/x", "", 400, "Error"},
		{"GET", "/api/v1/documents/77", "", 404, "Error"},
		{"GET", "/api/v1/sources", "", 200, "SourceList"},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.path)
		if tt.method == "POST" {
			rec = post(t, h, tt.path, tt.body)
		}
		if rec.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d: %s", tt.method, tt.path, rec.Code, tt.status, rec.Body)
			continue
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("%s %s: %v", tt.method, tt.path, err)
			continue
		}
		if err := validateSchema(doc, tt.schema, v); err != nil {
			t.Errorf("%s %s: %v\n%s", tt.method, tt.path, err, rec.Body)
		}
	}
}

// TestSchemaValidationRefuses makes sure the schemas are strict enough to
// catch a response or body that drifts from them.
func TestSchemaValidationRefuses(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := loadOpenAPI(t, h)
	for _, tt := range []struct {
		schema, json string
	}{
		{"SearchResult", `{"total": 1, "items": [], "facets": {}, "extra": 1}`},
		{"SearchResult", `{"total": -1, "items": [], "facets": {}}`},
		{"SearchResult", `{"items": [], "facets": {}}`},
		{"SearchResult", `{"total": 0, "items": [{"id": 1}], "facets": {}}`},
		{"SearchResult", `{"total": 0, "items": [], "facets": {"colour": []}}`},
		{"SearchBody", `{"limit": 101}`},
		{"SearchBody", `{"sort": ["date:asc"]}`},
		{"SearchBody", `{"filter": {"field": "theme", "value": 3}}`},
		{"SearchBody", `{"filter": {"field": "theme", "value": "astrology"}, "facets": [{"field": "theme", "limit": 1.5}]}`},
		{"SearchBody", `{"filter": {"field": "theme", "value": "health", "negate": true}}`},
		{"SearchBody", `{"filter": {"conditions": [{"conditions": []}]}}`},
		{"Error", `{"error": 3}`},
		{"Error", `{"param": "limit"}`},
	} {
		var v any
		if err := json.Unmarshal([]byte(tt.json), &v); err != nil {
			t.Fatal(err)
		}
		if err := validateSchema(doc, tt.schema, v); err == nil {
			t.Errorf("%s accepted %s", tt.schema, tt.json)
		}
	}
}
