package portal

import (
	"strings"

	"github.com/ewsi/hub/catalog"
)

// The sets of the OAI-PMH provider: "theme", "type" and "country" at the
// top; below them theme:<theme>, theme:<theme>:<sub-theme>,
// type:<content type> and country:<code>. A set holds what its subsets
// hold, as the protocol's hierarchy says.

// oaiSets lists every set, parents before their children.
func oaiSets() []oaiSet {
	sets := []oaiSet{{Spec: "theme", Name: "Themes"}}
	for _, t := range catalog.Themes {
		sets = append(sets, oaiSet{Spec: "theme:" + t.Slug, Name: t.Name})
		for _, sub := range t.Sub {
			sets = append(sets, oaiSet{Spec: "theme:" + t.Slug + ":" + sub.Slug, Name: t.Name + ": " + sub.Name})
		}
	}
	sets = append(sets, oaiSet{Spec: "type", Name: "Content types"})
	for _, c := range catalog.ContentTypes {
		sets = append(sets, oaiSet{Spec: "type:" + c.Slug, Name: c.Name})
	}
	sets = append(sets, oaiSet{Spec: "country", Name: "Countries"})
	for _, c := range catalog.Countries {
		sets = append(sets, oaiSet{Spec: "country:" + c.Slug, Name: c.Name})
	}
	return sets
}

// oaiSetFilter returns the catalog filter of a set, and whether the set
// exists.
func oaiSetFilter(spec string) (catalog.Query, bool) {
	var q catalog.Query
	parts := strings.Split(spec, ":")
	switch {
	case parts[0] == "theme" && len(parts) == 1:
		for _, t := range catalog.Themes {
			q.Themes = append(q.Themes, t.Slug)
			for _, sub := range t.Sub {
				q.Themes = append(q.Themes, sub.Slug)
			}
		}
		return q, true
	case parts[0] == "theme" && len(parts) <= 3:
		for _, t := range catalog.Themes {
			if t.Slug != parts[1] {
				continue
			}
			if len(parts) == 2 {
				q.Themes = append(q.Themes, t.Slug)
				for _, sub := range t.Sub {
					q.Themes = append(q.Themes, sub.Slug)
				}
				return q, true
			}
			for _, sub := range t.Sub {
				if sub.Slug == parts[2] {
					q.Themes = []string{sub.Slug}
					return q, true
				}
			}
		}
	case parts[0] == "type" && len(parts) == 1:
		for _, c := range catalog.ContentTypes {
			q.ContentTypes = append(q.ContentTypes, c.Slug)
		}
		return q, true
	case parts[0] == "type" && len(parts) == 2 && catalog.IsContentType(parts[1]):
		q.ContentTypes = []string{parts[1]}
		return q, true
	case parts[0] == "country" && len(parts) == 1:
		for _, c := range catalog.Countries {
			q.Countries = append(q.Countries, c.Slug)
		}
		return q, true
	case parts[0] == "country" && len(parts) == 2 && catalog.IsCountry(parts[1]):
		q.Countries = []string{parts[1]}
		return q, true
	}
	return q, false
}

// oaiSetSpecs are the sets a document is in, by its metadata: the most
// specific set of each theme, type and country it has.
func oaiSetSpecs(themes []string, ctype string, countries []string) []string {
	var out []string
	for _, t := range themes {
		parent, ok := catalog.ThemeOf(t)
		switch {
		case !ok:
		case parent == t:
			out = append(out, "theme:"+t)
		default:
			out = append(out, "theme:"+parent+":"+t)
		}
	}
	if catalog.IsContentType(ctype) {
		out = append(out, "type:"+ctype)
	}
	for _, c := range countries {
		if catalog.IsCountry(c) {
			out = append(out, "country:"+c)
		}
	}
	return out
}
