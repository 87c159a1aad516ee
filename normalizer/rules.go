package normalizer

import (
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// applyRules applies the source rules that match d (see
// catalog.SourceRule) to labels, in order, so a later rule wins over an
// earlier one. What a rule sets has confidence 1 and From "rule".
func applyRules(labels []catalog.Label, rules []catalog.SourceRule, d *catalog.Document) []catalog.Label {
	var title []string
	for _, r := range rules {
		if r.SourceID != 0 && d.SourceID != 0 && r.SourceID != d.SourceID {
			continue
		}
		if r.URLPrefix == "" && r.TitleKeyword == "" {
			continue
		}
		if r.URLPrefix != "" && !strings.HasPrefix(d.URL, r.URLPrefix) && !strings.HasPrefix(d.CanonicalURL, r.URLPrefix) {
			continue
		}
		if r.TitleKeyword != "" {
			if title == nil {
				title = analysis.Tokens(d.Title)
			}
			if !containsWords(title, analysis.Tokens(r.TitleKeyword)) {
				continue
			}
		}
		labels = applyRule(labels, r)
	}
	return labels
}

func applyRule(labels []catalog.Label, r catalog.SourceRule) []catalog.Label {
	set := catalog.Label{Slug: r.Value, Confidence: catalog.ConfidenceCertain, From: "rule"}
	switch r.Field {
	case catalog.FieldContentType:
		if !catalog.IsContentType(r.Value) {
			return labels
		}
		set.Kind = catalog.LabelType
		out := []catalog.Label{set}
		for _, l := range labels {
			if l.Kind == catalog.LabelType {
				if l.Slug == r.Value {
					continue
				}
				l.Confidence = min(l.Confidence, catalog.ConfidenceAssigned-0.001)
			}
			out = append(out, l)
		}
		return out
	case catalog.FieldThemes:
		parent, ok := catalog.ThemeOf(r.Value)
		if !ok {
			return labels
		}
		if r.Remove {
			return removeLabels(labels, func(l catalog.Label) bool {
				if l.Kind != catalog.LabelTheme && l.Kind != catalog.LabelSubTheme {
					return false
				}
				p, _ := catalog.ThemeOf(l.Slug)
				return l.Slug == r.Value || (parent == r.Value && p == r.Value)
			})
		}
		set.Kind = catalog.LabelTheme
		if parent != r.Value {
			set.Kind = catalog.LabelSubTheme
			labels = upsertLabel(labels, catalog.Label{Kind: catalog.LabelTheme, Slug: parent,
				Confidence: catalog.ConfidenceCertain, From: "rule"})
		}
		return upsertLabel(labels, set)
	case catalog.FieldCountries:
		if !catalog.IsCountry(r.Value) {
			return labels
		}
		if r.Remove {
			return removeLabels(labels, func(l catalog.Label) bool {
				return l.Kind == catalog.LabelCountry && l.Slug == r.Value
			})
		}
		set.Kind = catalog.LabelCountry
		return upsertLabel(labels, set)
	}
	return labels
}

// upsertLabel replaces the label of the same kind and slug, or appends l.
func upsertLabel(labels []catalog.Label, l catalog.Label) []catalog.Label {
	for i := range labels {
		if labels[i].Kind == l.Kind && labels[i].Slug == l.Slug {
			labels[i] = l
			return labels
		}
	}
	return append(labels, l)
}

func removeLabels(labels []catalog.Label, drop func(catalog.Label) bool) []catalog.Label {
	out := labels[:0]
	for _, l := range labels {
		if !drop(l) {
			out = append(out, l)
		}
	}
	return out
}

// containsWords reports whether words holds phrase as consecutive words.
func containsWords(words, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(words); i++ {
		match := true
		for j, p := range phrase {
			if words[i+j] != p {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
