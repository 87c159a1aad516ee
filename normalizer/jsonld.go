package normalizer

import (
	"encoding/json"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ldEntity is what the hub reads of a schema.org entity in a page's
// JSON-LD: the fields of a creative work, and the type that says what the
// page is.
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

const (
	// maxJSONLD bounds the bytes of one JSON-LD script read, and
	// maxLDNodes the entities looked at, so a hostile page stays cheap.
	maxJSONLD  = 256 << 10
	maxLDNodes = 200
)

// readJSONLD returns the page's main schema.org entity from its
// <script type="application/ld+json"> blocks: top-level objects, arrays
// of them and @graph members. A block that is not valid JSON is ignored,
// as browsers and search engines do; ok is false when no entity of a
// known type was found.
func readJSONLD(doc *goquery.Document) (ldEntity, bool) {
	var nodes []map[string]any
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		src := s.Text()
		if len(src) > maxJSONLD {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
			return
		}
		collectLD(v, &nodes, 0)
	})
	byID := map[string]map[string]any{}
	for _, n := range nodes {
		if id := ldFirst(ldStrings(n["@id"])); id != "" && len(n) > 1 {
			byID[id] = n
		}
	}
	for _, want := range ldTypes {
		for _, n := range nodes {
			if hasType(n, want) {
				return entityOf(n, want, byID), true
			}
		}
	}
	return ldEntity{}, false
}

// collectLD gathers the objects of v: v itself, the members of arrays and
// of @graph, to a bounded depth and count.
func collectLD(v any, out *[]map[string]any, depth int) {
	if depth > 4 || len(*out) >= maxLDNodes {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectLD(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, t)
		if g, ok := t["@graph"]; ok {
			collectLD(g, out, depth+1)
		}
	}
}

// hasType reports whether node's @type (a string or a list) is want,
// written bare or as a schema.org URL.
func hasType(node map[string]any, want string) bool {
	for _, t := range ldStrings(node["@type"]) {
		t = strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/")
		if t == want {
			return true
		}
	}
	return false
}

// entityOf reads one entity; references to others ({"@id": …}, as
// @graph uses for authors and publishers) are looked up in byID.
func entityOf(n map[string]any, typ string, byID map[string]map[string]any) ldEntity {
	ref := func(v any) any { return resolveRefs(v, byID) }
	e := ldEntity{
		Type:        typ,
		Headline:    ldFirst(ldStrings(n["headline"])),
		Description: ldFirst(ldStrings(n["description"])),
		Published:   ldFirst(ldStrings(n["datePublished"])),
		Modified:    ldFirst(ldStrings(n["dateModified"])),
		Language:    ldFirst(ldNames(n["inLanguage"])),
		URL:         ldFirst(ldStrings(n["url"])),
		Licence:     ldFirst(ldNames(ref(n["license"]))),
	}
	if e.Headline == "" {
		e.Headline = ldFirst(ldStrings(n["name"]))
	}
	if e.Published == "" {
		e.Published = ldFirst(ldStrings(n["dateCreated"]))
	}
	if e.Published == "" && (typ == "Legislation" || typ == "LegislationObject") {
		e.Published = ldFirst(ldStrings(n["legislationDate"]))
	}
	e.Authors = ldNames(ref(n["author"]))
	if len(e.Authors) == 0 {
		e.Authors = ldNames(ref(n["creator"]))
	}
	e.Publisher = ldFirst(ldNames(ref(n["publisher"])))
	if e.Publisher == "" {
		e.Publisher = ldFirst(ldNames(ref(n["provider"]))) // GovernmentService, Grant funder
	}
	if e.Publisher == "" {
		e.Publisher = ldFirst(ldNames(ref(n["funder"])))
	}
	return e
}

// resolveRefs replaces objects that only hold an @id by the entity of
// that id, in v or in the list v.
func resolveRefs(v any, byID map[string]map[string]any) any {
	switch t := v.(type) {
	case map[string]any:
		if id := ldFirst(ldStrings(t["@id"])); id != "" && len(t) == 1 {
			if full, ok := byID[id]; ok {
				return full
			}
		}
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = resolveRefs(e, byID)
		}
		return out
	}
	return v
}

// ldStrings returns v as a list of strings: a string, or the strings of a list.
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

// ldNames returns the names in v: strings, objects' "name" (or "@id" or
// "url" for a licence given as a link), in a list or alone.
func ldNames(v any) []string {
	var out []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 2 || len(out) >= MaxAuthors {
			return
		}
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" {
				out = append(out, s)
			}
		case map[string]any:
			for _, k := range []string{"name", "url", "@id"} {
				if s := ldFirst(ldStrings(t[k])); s != "" {
					out = append(out, s)
					return
				}
			}
		case []any:
			for _, e := range t {
				add(e, depth+1)
			}
		}
	}
	add(v, 0)
	return out
}

func ldFirst(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}
