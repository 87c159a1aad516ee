package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// editorDocumentPage is the data of editor_document.html: the metadata
// form of one document, the fields editors locked and its revisions.
type editorDocumentPage struct {
	formPage
	ID                   int64
	URL                  string
	Title, Summary       string
	ContentLang          string // the language of the title and summary
	Types, ItemLanguages []option
	Themes, Countries    []checkbox
	Locked               []string // translated field names
	Revisions            []revisionRow
	RestoreURL           string
	MergeURL             string
	DuplicateOf          int64  // the group's representative; 0 when none
	MergeInto            string // as typed, when the merge failed
}

type revisionRow struct {
	ID      int64
	Date    string
	Editor  string
	Changes []revisionChange
}

type revisionChange struct {
	Field, Before, After string
}

// editorDocument loads document id for v: a coordinator may edit only the
// documents of their countries (errForbidden).
func (s *Server) editorDocument(ctx context.Context, r *http.Request, v *viewer) (*catalog.Document, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	d, err := s.catalog.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if !mayReview(v, d) {
		return nil, errForbidden
	}
	return d, nil
}

func fieldName(loc *i18n.Locale, f string) string { return loc.T("editor.document.field." + f) }

// renderDocumentEdit builds the page for d with the values of f (as
// stored, or as typed when the form failed).
func (s *Server) renderDocumentEdit(ctx context.Context, w http.ResponseWriter, lang string, status int, p editorDocumentPage, d *catalog.Document, f catalog.DocumentFields) error {
	loc := s.bundle.Locale(lang)
	p.ID, p.URL, p.Title, p.Summary, p.ContentLang = d.ID, d.URL, f.Title, f.Summary, f.Language
	p.RestoreURL = fmt.Sprintf("/%s/editor/documents/%d/restore", lang, d.ID)
	p.MergeURL = fmt.Sprintf("/%s/editor/documents/%d/merge", lang, d.ID)
	p.DuplicateOf = d.DuplicateOf
	for _, t := range catalog.ContentTypes {
		p.Types = append(p.Types, option{Value: t.Slug, Label: loc.TypeName(t.Slug), Selected: t.Slug == f.ContentType})
	}
	langs := catalog.EULanguages
	if f.Language != "" && !slices.Contains(langs, f.Language) {
		langs = append(slices.Clone(langs), f.Language)
	}
	for _, l := range langs {
		p.ItemLanguages = append(p.ItemLanguages, option{Value: l, Label: loc.LanguageName(l), Selected: l == f.Language})
	}
	for _, t := range catalog.Themes {
		p.Themes = append(p.Themes, checkbox{Value: t.Slug, Label: loc.ThemeName(t.Slug), Checked: slices.Contains(f.Themes, t.Slug)})
		for _, sub := range t.Sub {
			p.Themes = append(p.Themes, checkbox{Value: sub.Slug, Label: "— " + loc.ThemeName(sub.Slug), Checked: slices.Contains(f.Themes, sub.Slug)})
		}
	}
	for _, c := range catalog.Countries {
		p.Countries = append(p.Countries, checkbox{Value: c.Slug, Label: loc.CountryName(c.Slug), Checked: slices.Contains(f.Countries, c.Slug)})
	}
	locked, err := s.acct.store.LockedFields(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, l := range locked {
		p.Locked = append(p.Locked, fieldName(loc, l))
	}
	revs, err := s.acct.store.DocumentRevisions(ctx, d.ID)
	if err != nil {
		return err
	}
	editors := map[int64]string{}
	for _, rev := range revs {
		name, ok := editors[rev.EditorID]
		if !ok && rev.EditorID != 0 {
			if u, err := s.acct.store.User(ctx, rev.EditorID); err == nil {
				name = u.Name
			} else if !errors.Is(err, catalog.ErrNotFound) {
				return err
			}
			editors[rev.EditorID] = name
		}
		row := revisionRow{ID: rev.ID, Date: loc.Date(rev.At), Editor: name}
		for _, field := range rev.Fields {
			row.Changes = append(row.Changes, revisionChange{Field: fieldName(loc, field),
				Before: fieldValue(rev.Before, field), After: fieldValue(rev.After, field)})
		}
		p.Revisions = append(p.Revisions, row)
	}
	return s.render(w, status, lang, "editor_document", p)
}

// fieldValue is a field of f as text for the revision history.
func fieldValue(f catalog.DocumentFields, field string) string {
	switch field {
	case catalog.FieldTitle:
		return f.Title
	case catalog.FieldSummary:
		return f.Summary
	case catalog.FieldLanguage:
		return f.Language
	case catalog.FieldThemes:
		return strings.Join(f.Themes, ", ")
	case catalog.FieldContentType:
		return f.ContentType
	case catalog.FieldCountries:
		return strings.Join(f.Countries, ", ")
	}
	return ""
}

// handleDocumentEditShow shows the metadata form of a document, whatever
// its state, with its locked fields and revisions.
func (s *Server) handleDocumentEditShow(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	d, err := s.editorDocument(ctx, r, viewerOf(r))
	if err != nil {
		return err
	}
	p := editorDocumentPage{formPage: s.newFormPage(w, r, lang, "editor.document.title")}
	return s.renderDocumentEdit(ctx, w, lang, http.StatusOK, p, d, catalog.FieldsOf(d))
}

// handleDocumentEditSubmit saves an editor's metadata; the changed fields
// are locked against later harvests and recorded as a revision. Mistakes
// come back per field with everything typed.
func (s *Server) handleDocumentEditSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	d, err := s.editorDocument(ctx, r, v)
	if err != nil {
		return err
	}
	f := catalog.DocumentFields{Title: formValue(r, "title"), Summary: formValue(r, "summary"),
		Language: formValue(r, "language"), ContentType: formValue(r, "content_type"),
		Themes: r.PostForm["themes"], Countries: r.PostForm["countries"]}
	p := editorDocumentPage{formPage: s.newFormPage(w, r, lang, "editor.document.title")}
	checkText(p.Errors, loc, "title", f.Title, true, catalog.MaxTitle)
	checkText(p.Errors, loc, "summary", f.Summary, false, 5000)
	checkChoice(p.Errors, loc, "content_type", f.ContentType, false, catalog.IsContentType)
	for _, t := range f.Themes {
		if _, ok := catalog.ThemeOf(t); !ok {
			p.Errors["themes"] = loc.T("form.error.unknown_value")
		}
	}
	for _, c := range f.Countries {
		if !catalog.IsCountry(c) {
			p.Errors["countries"] = loc.T("form.error.unknown_value")
		}
	}
	if len(p.Errors) == 0 {
		_, err = s.acct.store.EditDocument(ctx, &catalog.DocumentEdit{DocumentID: d.ID, EditorID: v.user.ID, Fields: f})
		switch {
		case errors.Is(err, catalog.ErrInvalid):
			p.Alert = loc.T("form.error.summary")
		case err != nil:
			return err
		}
	}
	if len(p.Errors) > 0 || p.Alert != "" {
		if p.Alert == "" {
			p.Alert = loc.T("form.error.summary")
		}
		return s.renderDocumentEdit(ctx, w, lang, http.StatusUnprocessableEntity, p, d, f)
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/editor/documents/%d/edit", lang, d.ID), http.StatusSeeOther)
	return nil
}

// handleDocumentRestore puts back the values a revision (form field
// revision) of the document replaced; a revision of another document is a
// 404.
func (s *Server) handleDocumentRestore(w http.ResponseWriter, r *http.Request, lang string) error {
	v := viewerOf(r)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	d, err := s.editorDocument(ctx, r, v)
	if err != nil {
		return err
	}
	revID, err := strconv.ParseInt(r.PostForm.Get("revision"), 10, 64)
	if err != nil {
		return fmt.Errorf("revision %q: %w", shorten(r.PostForm.Get("revision")), catalog.ErrNotFound)
	}
	revs, err := s.acct.store.DocumentRevisions(ctx, d.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(revs, func(rev catalog.Revision) bool { return rev.ID == revID }) {
		return fmt.Errorf("revision %d of document %d: %w", revID, d.ID, catalog.ErrNotFound)
	}
	if _, err := s.acct.store.RestoreRevision(ctx, revID, v.user.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/%s/editor/documents/%d/edit", lang, d.ID), http.StatusSeeOther)
	return nil
}

// handleDocumentMerge marks the document as a duplicate of another (form
// field into, its ID), which both must be documents the editor may act on.
// An unknown or same-group target comes back with a message.
func (s *Server) handleDocumentMerge(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	d, err := s.editorDocument(ctx, r, v)
	if err != nil {
		return err
	}
	p := editorDocumentPage{formPage: s.newFormPage(w, r, lang, "editor.document.title"), MergeInto: formValue(r, "into")}
	into, err := strconv.ParseInt(p.MergeInto, 10, 64)
	if err == nil {
		var target *catalog.Document
		target, err = s.catalog.Document(ctx, into)
		if err == nil && !mayReview(v, target) {
			return errForbidden
		}
		if err == nil {
			err = s.acct.store.MergeDocuments(ctx, d.ID, into)
		}
	}
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/%s/editor/documents/%d/edit", lang, d.ID), http.StatusSeeOther)
		return nil
	case errors.Is(err, catalog.ErrNotFound) || errors.Is(err, catalog.ErrInvalid) || errors.Is(err, strconv.ErrSyntax) || errors.Is(err, strconv.ErrRange):
		p.Errors["into"] = loc.T("editor.document.error.merge")
		p.Alert = loc.T("form.error.summary")
		return s.renderDocumentEdit(ctx, w, lang, http.StatusUnprocessableEntity, p, d, catalog.FieldsOf(d))
	default:
		return err
	}
}
