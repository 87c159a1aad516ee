package portal

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
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

func TestOpenAPIDocument(t *testing.T) {
	s, err := New(Options{Catalog: newFakeCatalog()})
	if err != nil {
		t.Fatal(err)
	}
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
			o := op.(map[string]any)
			if o["operationId"] == nil || o["responses"] == nil {
				t.Errorf("%s %s lacks operationId or responses", method, path)
			}
			for _, p := range listOf(o["parameters"]) {
				p = resolveRef(t, doc, p)
				if p["name"] == nil || p["in"] == nil || p["schema"] == nil {
					t.Errorf("%s %s: parameter %v lacks name, in or schema", method, path, p)
				}
				if p["in"] == "path" && !strings.Contains(path, "{"+p["name"].(string)+"}") {
					t.Errorf("%s %s: path parameter %v not in the path", method, path, p["name"])
				}
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
		if rec.Code == http.StatusNotFound && !strings.Contains(path, "{id}") || rec.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d", d, rec.Code)
		}
	}
	// Every $ref resolves.
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			resolveRef(t, doc, v)
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(doc)
	// The vocabularies come from the catalog.
	for name, want := range map[string]int{"Theme": countThemes(), "ContentType": len(catalog.ContentTypes), "Country": len(catalog.Countries)} {
		if enum := asList(schemaOf(t, doc, name)["enum"]); len(enum) != want {
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
	h := newTestServer(t, cat, nil)
	doc := openAPIDoc(t, h)
	example := resolvePath(t, doc, "paths", "/api/v1/search", "post", "requestBody", "content", "application/json",
		"examples", "latest-health", "value")
	exampleJSON, _ := json.Marshal(example)
	if err := validate(doc, schemaOf(t, doc, "SearchBody"), example, "body"); err != nil {
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
		if err := validate(doc, schemaOf(t, doc, tt.schema), v, "response"); err != nil {
			t.Errorf("%s %s: %v\n%s", tt.method, tt.path, err, rec.Body)
		}
	}
}

func TestSchemaValidatorRefuses(t *testing.T) {
	h := newTestServer(t, newFakeCatalog(), nil)
	doc := openAPIDoc(t, h)
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
		{"Error", `{"error": 3}`},
	} {
		var v any
		if err := json.Unmarshal([]byte(tt.json), &v); err != nil {
			t.Fatal(err)
		}
		if err := validate(doc, schemaOf(t, doc, tt.schema), v, "value"); err == nil {
			t.Errorf("%s accepted %s", tt.schema, tt.json)
		}
	}
}

func schemaOf(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	s, ok := resolvePath(t, doc, "components", "schemas", name).(map[string]any)
	if !ok {
		t.Fatalf("no schema %s", name)
	}
	return s
}

func resolvePath(t *testing.T, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok || m[k] == nil {
			t.Fatalf("no %q in %v", k, keys)
		}
		v = m[k]
	}
	return v
}

// resolveRef follows a local $ref.
func resolveRef(t *testing.T, doc map[string]any, v map[string]any) map[string]any {
	t.Helper()
	ref, ok := v["$ref"].(string)
	if !ok {
		return v
	}
	r, err := lookupRef(doc, ref)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func lookupRef(doc map[string]any, ref string) (map[string]any, error) {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("$ref %q is not local", ref)
	}
	var v any = doc
	for _, k := range strings.Split(p, "/") {
		m, ok := v.(map[string]any)
		if !ok || m[k] == nil {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
		v = m[k]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q is not an object", ref)
	}
	return m, nil
}

func listOf(v any) []map[string]any {
	var out []map[string]any
	for _, e := range asList(v) {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func asList(v any) []any { l, _ := v.([]any); return l }

// validate checks v against the subset of JSON Schema 2020-12 the
// document uses: $ref, type, enum, const, oneOf, properties, required,
// additionalProperties, propertyNames, minProperties, items, minItems,
// maxItems, minimum, maximum, maxLength and pattern. Annotations
// (format, description, default) are not assertions and are skipped.
func validate(doc, schema map[string]any, v any, at string) error {
	if ref, ok := schema["$ref"].(string); ok {
		s, err := lookupRef(doc, ref)
		if err != nil {
			return err
		}
		return validate(doc, s, v, at)
	}
	if alts := listOf(schema["oneOf"]); len(alts) > 0 {
		n := 0
		for _, a := range alts {
			if validate(doc, a, v, at) == nil {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("%s: matches %d of oneOf, want 1", at, n)
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v not in enum", at, v)
	}
	if c, ok := schema["const"]; ok && c != v {
		return fmt.Errorf("%s: %v is not %v", at, v, c)
	}
	if typ, ok := schema["type"].(string); ok && jsonType(v) != typ && !(typ == "number" && jsonType(v) == "integer") {
		return fmt.Errorf("%s: %s, want %s", at, jsonType(v), typ)
	}
	switch v := v.(type) {
	case string:
		if max, ok := schema["maxLength"].(float64); ok && float64(len([]rune(v))) > max {
			return fmt.Errorf("%s: longer than %v", at, max)
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(v) {
			return fmt.Errorf("%s: %q does not match %s", at, v, p)
		}
	case float64:
		if min, ok := schema["minimum"].(float64); ok && v < min {
			return fmt.Errorf("%s: %v < %v", at, v, min)
		}
		if max, ok := schema["maximum"].(float64); ok && v > max {
			return fmt.Errorf("%s: %v > %v", at, v, max)
		}
	case []any:
		if min, ok := schema["minItems"].(float64); ok && float64(len(v)) < min {
			return fmt.Errorf("%s: fewer than %v items", at, min)
		}
		if max, ok := schema["maxItems"].(float64); ok && float64(len(v)) > max {
			return fmt.Errorf("%s: more than %v items", at, max)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range v {
				if err := validate(doc, items, e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case map[string]any:
		for _, r := range asList(schema["required"]) {
			if _, ok := v[r.(string)]; !ok {
				return fmt.Errorf("%s: lacks %s", at, r)
			}
		}
		if min, ok := schema["minProperties"].(float64); ok && float64(len(v)) < min {
			return fmt.Errorf("%s: fewer than %v members", at, min)
		}
		props, _ := schema["properties"].(map[string]any)
		for k, e := range v {
			if pn, ok := schema["propertyNames"].(map[string]any); ok {
				if err := validate(doc, pn, k, at+" name"); err != nil {
					return err
				}
			}
			if ps, ok := props[k].(map[string]any); ok {
				if err := validate(doc, ps, e, at+"."+k); err != nil {
					return err
				}
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Errorf("%s: unexpected member %s", at, k)
				}
			case map[string]any:
				if err := validate(doc, ap, e, at+"."+k); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}
