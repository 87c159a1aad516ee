package normalizer

import (
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

// schemaTypeOf returns the comma-separated @types of the nodes, the ones
// classification knows first.
func schemaTypeOf(ld ldGraph) string {
	var known, other []string
	for _, n := range ld.nodes {
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
