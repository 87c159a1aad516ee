package catalog

import (
	"fmt"
	"strings"
	"time"
)

// Fields of a document an editor's correction or a source rule can set.
const (
	FieldContentType = "content_type"
	FieldThemes      = "themes"
	FieldCountries   = "countries"
)

// Correction records one change an editor made to a document's
// classification: which field, its value before and after (lists as
// comma-separated slugs, in the document's order), who and when.
type Correction struct {
	ID         int64
	DocumentID int64
	Field      string // FieldContentType, FieldThemes or FieldCountries
	OldValue   string
	NewValue   string
	Editor     string // the editor's user name or ID
	At         time.Time
}

// Validate checks a correction before it is stored; errors wrap
// ErrInvalid.
func (c *Correction) Validate() error {
	switch {
	case c.DocumentID <= 0:
		return fmt.Errorf("%w: correction has no document", ErrInvalid)
	case c.Field != FieldContentType && c.Field != FieldThemes && c.Field != FieldCountries:
		return fmt.Errorf("%w: correction of unknown field %q", ErrInvalid, c.Field)
	case strings.TrimSpace(c.Editor) == "":
		return fmt.Errorf("%w: correction has no editor", ErrInvalid)
	case c.OldValue == c.NewValue:
		return fmt.Errorf("%w: correction changes nothing", ErrInvalid)
	case len(c.OldValue) > 2000 || len(c.NewValue) > 2000 || len(c.Editor) > 200:
		return fmt.Errorf("%w: correction too long", ErrInvalid)
	}
	return nil
}

// SourceRule classifies a source's documents the way an editor corrected
// one of them: when a document of SourceID matches (its URL starts with
// URLPrefix, and its title contains TitleKeyword as whole words, folded;
// an empty condition always holds, but not both), Field is set to Value
// (content type) or Value is added to it (themes, countries), or removed
// from it when Remove is set.
type SourceRule struct {
	ID           int64
	SourceID     int64
	URLPrefix    string
	TitleKeyword string
	Field        string // FieldContentType, FieldThemes or FieldCountries
	Value        string // a content type, theme or sub-theme slug, or country code
	Remove       bool
	// CorrectionID is the correction the rule was made from, 0 when none.
	CorrectionID int64
	CreatedBy    string
	CreatedAt    time.Time
}

// Validate checks a rule before it is stored; errors wrap ErrInvalid.
func (r *SourceRule) Validate() error {
	switch {
	case r.SourceID <= 0:
		return fmt.Errorf("%w: rule has no source", ErrInvalid)
	case strings.TrimSpace(r.URLPrefix) == "" && strings.TrimSpace(r.TitleKeyword) == "":
		return fmt.Errorf("%w: rule has neither URL prefix nor title keyword", ErrInvalid)
	case len(r.URLPrefix) > 2000 || len(r.TitleKeyword) > 200:
		return fmt.Errorf("%w: rule pattern too long", ErrInvalid)
	}
	switch r.Field {
	case FieldContentType:
		if !IsContentType(r.Value) || r.Remove {
			return fmt.Errorf("%w: rule sets unknown content type %q", ErrInvalid, r.Value)
		}
	case FieldThemes:
		if _, ok := ThemeOf(r.Value); !ok {
			return fmt.Errorf("%w: rule sets unknown theme %q", ErrInvalid, r.Value)
		}
	case FieldCountries:
		if !IsCountry(r.Value) {
			return fmt.Errorf("%w: rule sets unknown country %q", ErrInvalid, r.Value)
		}
	default:
		return fmt.Errorf("%w: rule of unknown field %q", ErrInvalid, r.Field)
	}
	return nil
}

// RulesFromCorrection turns an editor's correction of d into rules for d's
// source matching documents whose URL starts with urlPrefix and whose
// title contains titleKeyword (either may be empty, not both): one rule
// per value the correction added or removed. The rules are not validated.
func RulesFromCorrection(c Correction, d *Document, urlPrefix, titleKeyword string) []SourceRule {
	base := SourceRule{SourceID: d.SourceID, URLPrefix: urlPrefix, TitleKeyword: titleKeyword,
		Field: c.Field, CorrectionID: c.ID, CreatedBy: c.Editor}
	if c.Field == FieldContentType {
		r := base
		r.Value = c.NewValue
		return []SourceRule{r}
	}
	old, neu := splitList(c.OldValue), splitList(c.NewValue)
	var out []SourceRule
	for _, v := range neu {
		if !contains(old, v) {
			r := base
			r.Value = v
			out = append(out, r)
		}
	}
	for _, v := range old {
		if !contains(neu, v) {
			r := base
			r.Value, r.Remove = v, true
			out = append(out, r)
		}
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ApplyCorrection sets the corrected field of d to c.NewValue and makes
// d.Labels agree: the new values get confidence ConfidenceCertain and
// From "editor"; values the editor removed lose their labels; for a
// content type the old type stays as an alternative below
// ConfidenceAssigned. A theme list keeps each sub-theme's theme. It does
// not change ContentHash, so an unchanged re-harvest keeps the correction.
func ApplyCorrection(d *Document, c Correction) {
	vals := splitList(c.NewValue)
	editor := func(kind LabelKind, slug string) Label {
		return Label{Kind: kind, Slug: slug, Confidence: ConfidenceCertain, From: "editor"}
	}
	var keep []Label
	switch c.Field {
	case FieldContentType:
		d.ContentType = c.NewValue
		keep = append(keep, editor(LabelType, c.NewValue))
		for _, l := range d.Labels {
			if l.Kind == LabelType && l.Slug == c.NewValue {
				continue
			}
			if l.Kind == LabelType && l.Confidence >= ConfidenceAssigned {
				l.Confidence = ConfidenceAssigned - 0.001
			}
			keep = append(keep, l)
		}
	case FieldThemes:
		d.Themes = nil
		for _, v := range vals {
			if parent, ok := ThemeOf(v); ok && parent != v && !contains(vals, parent) && !contains(d.Themes, parent) {
				d.Themes = append(d.Themes, parent)
			}
			if !contains(d.Themes, v) {
				d.Themes = append(d.Themes, v)
			}
		}
		for _, l := range d.Labels {
			if l.Kind != LabelTheme && l.Kind != LabelSubTheme {
				keep = append(keep, l)
			}
		}
		for _, v := range d.Themes {
			kind := LabelSubTheme
			if p, _ := ThemeOf(v); p == v {
				kind = LabelTheme
			}
			keep = append(keep, editor(kind, v))
		}
	case FieldCountries:
		d.Countries = vals
		for _, l := range d.Labels {
			if l.Kind != LabelCountry {
				keep = append(keep, l)
			}
		}
		for _, v := range vals {
			keep = append(keep, editor(LabelCountry, v))
		}
	default:
		return
	}
	d.Labels = keep
}
