package portal

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// openAPISource is the OpenAPI 3.1 description of /api/v1, written by
// hand beside the handlers it describes. The vocabularies (themes,
// content types, countries) are filled in from package catalog when the
// server is built, so the document never lists a stale value.
//
//go:embed openapi/openapi.json
var openAPISource []byte

// buildOpenAPI returns the served document: openAPISource with the enums
// of the vocabulary schemas set.
func buildOpenAPI() ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPISource, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	var themes, types, countries []string
	for _, t := range catalog.Themes {
		themes = append(themes, t.Slug)
		for _, sub := range t.Sub {
			themes = append(themes, sub.Slug)
		}
	}
	for _, t := range catalog.ContentTypes {
		types = append(types, t.Slug)
	}
	for _, c := range catalog.Countries {
		countries = append(countries, c.Slug)
	}
	for name, enum := range map[string][]string{"Theme": themes, "ContentType": types, "Country": countries} {
		schema, ok := schemas[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("openapi.json: no schema %s", name)
		}
		schema["enum"] = enum
	}
	return json.MarshalIndent(doc, "", "  ")
}

// handleAPIOpenAPI serves the OpenAPI document.
func (s *Server) handleAPIOpenAPI(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Cache-Control", "public, max-age=3600")
	_, err := w.Write(s.openapi)
	return err
}
