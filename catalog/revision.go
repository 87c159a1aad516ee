package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Fields an editor may change on a document besides those of corrections
// (FieldContentType, FieldThemes, FieldCountries). Once changed, a field
// is locked: later harvests of the document keep the editor's value.
const (
	FieldTitle    = "title"
	FieldSummary  = "summary"
	FieldLanguage = "language"
	// FieldDuplicateOf is locked when an editor merges a document into
	// another: harvests then leave its group alone.
	FieldDuplicateOf = "duplicate_of"
)

// EditableFields lists the fields of DocumentFields in a stable order.
var EditableFields = []string{FieldTitle, FieldSummary, FieldLanguage, FieldThemes, FieldContentType, FieldCountries}

// DocumentFields are the metadata of a document that editors edit.
type DocumentFields struct {
	Title       string   `json:"title"`
	Summary     string   `json:"summary"`
	Language    string   `json:"language"`
	Themes      []string `json:"themes"`
	ContentType string   `json:"content_type"`
	Countries   []string `json:"countries"`
}

// FieldsOf returns the editable fields of d.
func FieldsOf(d *Document) DocumentFields {
	return DocumentFields{Title: d.Title, Summary: d.Summary, Language: d.Language,
		Themes: slices.Clone(d.Themes), ContentType: d.ContentType, Countries: slices.Clone(d.Countries)}
}

// Apply copies the named fields of f into d; other names are ignored.
func (f DocumentFields) Apply(d *Document, fields []string) {
	for _, name := range fields {
		switch name {
		case FieldTitle:
			d.Title = f.Title
		case FieldSummary:
			d.Summary = f.Summary
		case FieldLanguage:
			d.Language = f.Language
		case FieldThemes:
			d.Themes = slices.Clone(f.Themes)
		case FieldContentType:
			d.ContentType = f.ContentType
		case FieldCountries:
			d.Countries = slices.Clone(f.Countries)
		}
	}
}

// Changed lists the fields whose values differ between f and g, in the
// order of EditableFields.
func (f DocumentFields) Changed(g DocumentFields) []string {
	var out []string
	if f.Title != g.Title {
		out = append(out, FieldTitle)
	}
	if f.Summary != g.Summary {
		out = append(out, FieldSummary)
	}
	if f.Language != g.Language {
		out = append(out, FieldLanguage)
	}
	if !slices.Equal(f.Themes, g.Themes) {
		out = append(out, FieldThemes)
	}
	if f.ContentType != g.ContentType {
		out = append(out, FieldContentType)
	}
	if !slices.Equal(f.Countries, g.Countries) {
		out = append(out, FieldCountries)
	}
	return out
}

// Validate checks an editor's values, trimming the text. Errors wrap
// ErrInvalid and start with the field's name.
func (f *DocumentFields) Validate() error {
	f.Title, f.Summary = strings.TrimSpace(f.Title), strings.TrimSpace(f.Summary)
	switch {
	case f.Title == "":
		return fmt.Errorf("%w: title: the title is empty", ErrInvalid)
	case utf8.RuneCountInString(f.Title) > MaxTitle:
		return fmt.Errorf("%w: title: longer than %d characters", ErrInvalid, MaxTitle)
	case utf8.RuneCountInString(f.Summary) > 5000:
		return fmt.Errorf("%w: summary: longer than 5000 characters", ErrInvalid)
	case f.ContentType != "" && !IsContentType(f.ContentType):
		return fmt.Errorf("%w: content_type: unknown content type %q", ErrInvalid, f.ContentType)
	}
	if f.Language != "" && len(f.Language) != 2 {
		return fmt.Errorf("%w: language: %q is not an ISO 639-1 code", ErrInvalid, f.Language)
	}
	for _, t := range f.Themes {
		if _, ok := ThemeOf(t); !ok {
			return fmt.Errorf("%w: themes: unknown theme %q", ErrInvalid, t)
		}
	}
	for _, c := range f.Countries {
		if !IsCountry(c) {
			return fmt.Errorf("%w: countries: unknown country %q", ErrInvalid, c)
		}
	}
	return nil
}

// DocumentEdit is an editor's change of a document's metadata.
type DocumentEdit struct {
	DocumentID int64
	EditorID   int64
	Fields     DocumentFields // the whole new set; unchanged fields stay unlocked
}

// Revision is one change of a document by an editor: who, when, which
// fields, and their values before and after, so it can be undone.
type Revision struct {
	ID         int64
	DocumentID int64
	EditorID   int64
	At         time.Time
	Fields     []string // the changed fields, in the order of EditableFields
	Before     DocumentFields
	After      DocumentFields
}
