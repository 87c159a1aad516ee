package normalizer

import (
	"encoding/json"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// schemaTypes maps schema.org types to the content type they signal and
// how many points that is worth. Publishers label nearly everything
// NewsArticle or Article, so those say little; Event, Grant and
// Legislation say a lot.
var schemaTypes = map[string]struct {
	typ    string
	points float64
}{
	"event": {"event", 4}, "educationevent": {"event", 4}, "businessevent": {"event", 4},
	"socialevent": {"event", 4}, "exhibitionevent": {"event", 4}, "festival": {"event", 4},
	"grant": {"funding", 4}, "monetarygrant": {"funding", 4},
	"legislation": {"legislation", 4}, "legislationobject": {"legislation", 4},
	"report": {"report", 2}, "scholarlyarticle": {"research", 2}, "thesis": {"research", 2},
	"dataset": {"statistics", 3}, "newsarticle": {"news", 0.75}, "pressrelease": {"news", 2},
	"project": {"project", 2}, "researchproject": {"project", 2}, "organization": {"organisation", 1.5},
	"ngo": {"organisation", 1.5}, "governmentorganization": {"organisation", 1.5},
}

// addSchemaType adds the evidence of a schema.org @type ("Event",
// "https://schema.org/Grant"; several may be given, comma-separated).
func addSchemaType(e *evidence, types string) {
	for _, t := range strings.Split(types, ",") {
		t = strings.ToLower(strings.TrimSpace(t))
		if i := strings.LastIndexAny(t, "/#:"); i >= 0 {
			t = t[i+1:]
		}
		if s, ok := schemaTypes[t]; ok {
			e.add(catalog.LabelType, s.typ, s.points, "schema")
		}
	}
}

// Bounds on reading JSON-LD: how many blocks, and how large each.
const (
	maxJSONLDBlocks = 8
	maxJSONLDBytes  = 256 << 10
)

// jsonLDBlocks returns the contents of the page's
// <script type="application/ld+json"> elements, found by a scan of the raw
// HTML so the page is not parsed twice: at most maxJSONLDBlocks, each cut
// at maxJSONLDBytes.
func jsonLDBlocks(src string) []string {
	var out []string
	lower := strings.ToLower(src)
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

// jsonLDNodes decodes JSON-LD blocks into their nodes: a top-level object,
// the items of a top-level array and the members of an @graph.
func jsonLDNodes(blocks []string) []map[string]any {
	var out []map[string]any
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(b)), &v); err != nil {
			continue
		}
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			if depth > 3 || len(out) >= 32 {
				return
			}
			switch x := v.(type) {
			case []any:
				for _, y := range x {
					walk(y, depth+1)
				}
			case map[string]any:
				if g, ok := x["@graph"]; ok {
					walk(g, depth+1)
				}
				if _, ok := x["@type"]; ok {
					out = append(out, x)
				}
			}
		}
		walk(v, 0)
	}
	return out
}

// nodeTypes returns a node's @type values, lower-case, without the
// schema.org prefix.
func nodeTypes(n map[string]any) []string {
	var out []string
	add := func(s string) {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
			s = s[i+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	switch t := n["@type"].(type) {
	case string:
		add(t)
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				add(s)
			}
		}
	}
	return out
}

// schemaTypeOf returns the comma-separated @types of the nodes, the ones
// classification knows first.
func schemaTypeOf(nodes []map[string]any) string {
	var known, other []string
	for _, n := range nodes {
		for _, t := range nodeTypes(n) {
			if _, ok := schemaTypes[t]; ok {
				known = append(known, t)
			} else {
				other = append(other, t)
			}
		}
	}
	return strings.Join(append(known, other...), ",")
}
