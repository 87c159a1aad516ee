package normalizer

import (
	"encoding/json"
	"strconv"
	"strings"
)

// JSON-LD is read once per page (parseJSONLD) and serves both the
// metadata (mainEntity) and the structured fields (jsonLDEvent,
// jsonLDFunding, jsonLDLegislation in structured_jsonld.go) and the
// schema.org types classification weighs (schemaTypeOf).

const (
	// Bounds on reading JSON-LD, so a hostile page stays cheap: how many
	// blocks, how large each, how many objects in all and how deep.
	maxJSONLDBlocks = 8
	maxJSONLDBytes  = 256 << 10
	maxLDNodes      = 200
	maxLDDepth      = 4
)

// jsonLDBlocks returns the contents of the page's
// <script type="application/ld+json"> elements, found by a scan of the raw
// HTML so the page is not parsed twice: at most maxJSONLDBlocks; a block
// larger than maxJSONLDBytes is skipped.
func jsonLDBlocks(src string) []string {
	var out []string
	lower := lowerASCII(src)
	for pos := 0; len(out) < maxJSONLDBlocks; {
		i := strings.Index(lower[pos:], "application/ld+json")
		if i < 0 {
			break
		}
		i += pos
		open := strings.LastIndex(lower[:i], "<script")
		gt := strings.IndexByte(lower[i:], '>')
		if open < 0 || gt < 0 {
			break
		}
		start := i + gt + 1
		end := strings.Index(lower[start:], "</script")
		if end < 0 {
			break
		}
		if end <= maxJSONLDBytes {
			out = append(out, src[start:start+end])
		}
		pos = start + end
	}
	return out
}

// lowerASCII lower-cases the ASCII letters of s only, so that every
// index into the result is an index into s. strings.ToLower does not keep
// lengths: it turns an invalid byte into a three-byte U+FFFD and the
// Kelvin sign into a one-byte k.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ldGraph is a page's JSON-LD: its objects in document order (top-level
// objects, the items of arrays, the members of @graph) and, by @id, those
// that describe an entity, so that references ({"@id": …}, as @graph uses
// for authors, publishers and organisers) can be followed.
type ldGraph struct {
	nodes []map[string]any
	byID  map[string]map[string]any
}

// parseJSONLD decodes JSON-LD blocks. A block that is not valid JSON is
// ignored, as browsers and search engines do.
func parseJSONLD(blocks []string) ldGraph {
	var g ldGraph
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > maxLDDepth || len(g.nodes) >= maxLDNodes {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, y := range x {
				walk(y, depth+1)
			}
		case map[string]any:
			g.nodes = append(g.nodes, x)
			if members, ok := x["@graph"]; ok {
				walk(members, depth+1)
			}
		}
	}
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(b)), &v); err != nil {
			continue
		}
		walk(v, 0)
	}
	for _, n := range g.nodes {
		if id := ldString(n["@id"]); id != "" && len(n) > 1 {
			if g.byID == nil {
				g.byID = map[string]map[string]any{}
			}
			g.byID[id] = n
		}
	}
	return g
}

// ref returns v with the objects that only hold an @id replaced by the
// entity of that id, in v or in the list v. It follows one level, so a
// cycle of references cannot loop.
func (g ldGraph) ref(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if id := ldString(t["@id"]); id != "" && len(t) == 1 {
			if full, ok := g.byID[id]; ok {
				return full
			}
		}
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = g.ref(e)
		}
		return out
	}
	return v
}

// nodeTypes returns a node's @type values, lower-case, without the
// schema.org prefix.
func nodeTypes(n map[string]any) []string {
	var out []string
	for _, s := range ldStrings(n["@type"]) {
		s = strings.ToLower(s)
		if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
			s = s[i+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// hasAnyType reports whether n's @type is one of types (lower-case).
func hasAnyType(n map[string]any, types ...string) bool {
	for _, t := range nodeTypes(n) {
		for _, want := range types {
			if t == want {
				return true
			}
		}
	}
	return false
}

// ldStrings returns v as a list of strings: a string, or the strings of a
// list.
func ldStrings(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
		return out
	}
	return nil
}

// ldValues returns the values in v, at most MaxAuthors: strings, numbers,
// and of an object its "name", else "value", "url" or "@id" (a licence or
// an organiser given as a link), in a list or alone.
func ldValues(v any) []string {
	var out []string
	var add func(v any, depth int) bool
	add = func(v any, depth int) bool {
		if depth > 3 || len(out) >= MaxAuthors {
			return false
		}
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" {
				out = append(out, s)
				return true
			}
		case float64:
			out = append(out, strconv.FormatFloat(t, 'f', -1, 64))
			return true
		case map[string]any:
			for _, k := range []string{"name", "value", "url", "@id"} {
				if add(t[k], depth+1) {
					return true
				}
			}
		case []any:
			added := false
			for _, e := range t {
				added = add(e, depth+1) || added
			}
			return added
		}
		return false
	}
	add(v, 0)
	return out
}

// ldString returns the first of ldValues(v), or "".
func ldString(v any) string {
	if vs := ldValues(v); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// ldEntity is what metadata reads of a page's main schema.org entity: the
// fields of a creative work, and the type that says what the page is.
type ldEntity struct {
	Type        string
	Headline    string
	Description string
	Authors     []string
	Publisher   string
	Published   string
	Modified    string
	Language    string
	URL         string
	Licence     string
}

// ldTypes ranks the schema.org types a page's main entity may have: the
// first found in a page's JSON-LD wins, so an Article beats the WebPage
// and the Organization that CMSs add around it.
var ldTypes = []string{"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "Article",
	"BlogPosting", "ScholarlyArticle", "Report", "Legislation", "LegislationObject", "Event",
	"Grant", "MonetaryGrant", "GovernmentService", "Service", "CreativeWork", "WebPage"}

// mainEntity returns the page's main entity; ok is false when no entity
// of a type in ldTypes was found.
func (g ldGraph) mainEntity() (ldEntity, bool) {
	for _, want := range ldTypes {
		lower := strings.ToLower(want)
		for _, n := range g.nodes {
			if hasAnyType(n, lower) {
				return g.entityOf(n, want), true
			}
		}
	}
	return ldEntity{}, false
}

// entityOf reads one entity of type typ, following references.
func (g ldGraph) entityOf(n map[string]any, typ string) ldEntity {
	first := func(v any) string {
		if ss := ldStrings(v); len(ss) > 0 {
			return ss[0]
		}
		return ""
	}
	e := ldEntity{
		Type:        typ,
		Headline:    first(n["headline"]),
		Description: first(n["description"]),
		Published:   first(n["datePublished"]),
		Modified:    first(n["dateModified"]),
		Language:    ldString(n["inLanguage"]),
		URL:         first(n["url"]),
		Licence:     ldString(g.ref(n["license"])),
	}
	if e.Headline == "" {
		e.Headline = first(n["name"])
	}
	if e.Published == "" {
		e.Published = first(n["dateCreated"])
	}
	if e.Published == "" && (typ == "Legislation" || typ == "LegislationObject") {
		e.Published = first(n["legislationDate"])
	}
	e.Authors = ldValues(g.ref(n["author"]))
	if len(e.Authors) == 0 {
		e.Authors = ldValues(g.ref(n["creator"]))
	}
	// A GovernmentService names its provider, a Grant its funder.
	for _, k := range []string{"publisher", "provider", "funder"} {
		if e.Publisher = ldString(g.ref(n[k])); e.Publisher != "" {
			break
		}
	}
	return e
}
