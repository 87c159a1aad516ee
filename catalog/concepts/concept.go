package concepts

import (
	"sort"
	"strings"
)

// Concept is one entry of the vocabulary.
type Concept struct {
	// ID is a stable, English, kebab-case name ("labour-market-integration").
	ID string
	// Theme is the theme or sub-theme slug (catalog.Themes) the concept
	// signals, "" when it signals none.
	Theme string
	// Type is the content type slug (catalog.ContentTypes) the concept
	// signals, "" when it signals none.
	Type string
	// Weight is how strongly one hit signals Theme and Type: 1 for a
	// concept that names its subject, less for one that only hints at it.
	Weight float64
	// Labels holds, per language (ISO 639-1), the preferred label first and
	// then its synonyms, as written (not folded).
	Labels map[string][]string
}

// Label returns the concept's preferred label in lang, falling back to
// English, and "" when it has neither.
func (c *Concept) Label(lang string) string {
	if l := c.Labels[lang]; len(l) > 0 {
		return l[0]
	}
	if l := c.Labels["en"]; len(l) > 0 {
		return l[0]
	}
	return ""
}

// entry is how concepts are written in the data files: labels per language
// as "lang: label|synonym|…".
type entry struct {
	id, theme, typ string
	weight         float64
	labels         []string
}

// all holds every concept, built once from the data files; byID indexes
// them.
var (
	all  = build()
	byID = func() map[string]*Concept {
		m := make(map[string]*Concept, len(all))
		for _, c := range all {
			m[c.ID] = c
		}
		return m
	}()
)

func build() []*Concept {
	var out []*Concept
	for _, group := range [][]entry{citizenshipConcepts, economyConcepts, socialConcepts,
		educationConcepts, equalityConcepts, toolsConcepts, specificConcepts, moreConcepts, typeConcepts, typeSpecificConcepts} {
		for _, e := range group {
			c := &Concept{ID: e.id, Theme: e.theme, Type: e.typ, Weight: e.weight, Labels: map[string][]string{}}
			if c.Weight == 0 {
				c.Weight = 1
			}
			for _, l := range e.labels {
				lang, list, ok := strings.Cut(l, ":")
				if !ok {
					continue
				}
				for _, s := range strings.Split(list, "|") {
					if s = strings.TrimSpace(s); s != "" {
						c.Labels[strings.TrimSpace(lang)] = append(c.Labels[strings.TrimSpace(lang)], s)
					}
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// All returns every concept, sorted by ID. The concepts are shared: the
// caller must not change them.
func All() []*Concept {
	out := append([]*Concept(nil), all...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ByID returns the concept with the given ID, or nil.
func ByID(id string) *Concept { return byID[id] }

// Languages returns the languages that have at least one label, sorted.
func Languages() []string {
	seen := map[string]bool{}
	for _, c := range all {
		for l := range c.Labels {
			seen[l] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
