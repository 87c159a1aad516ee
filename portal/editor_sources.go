package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/ewsi/hub/catalog"
)

// editorSourcesPage is the data of editor_sources.html.
type editorSourcesPage struct {
	formPage
	Rows []registrationRow
}

// mayDecide reports whether v may decide on g: editors and administrators
// on any, a country coordinator on those of their countries.
func mayDecide(v *viewer, g *catalog.SourceRegistration) bool {
	if v.has(catalog.RoleEditor, catalog.RoleAdministrator) {
		return true
	}
	return v.has(catalog.RoleCountryCoordinator) && g.Country != "" && slices.Contains(v.user.Countries, g.Country)
}

// renderEditorSources shows the pending registrations v may decide on.
func (s *Server) renderEditorSources(w http.ResponseWriter, r *http.Request, lang string, status int, alert string) error {
	loc := s.bundle.Locale(lang)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	list, err := s.acct.store.SourceRegistrations(ctx, 0, catalog.RegistrationPending)
	if err != nil {
		return err
	}
	p := editorSourcesPage{formPage: s.newFormPage(w, r, lang, "editor.sources.title")}
	p.Alert = alert
	v := viewerOf(r)
	for _, g := range list {
		if mayDecide(v, &g) {
			p.Rows = append(p.Rows, newRegistrationRow(loc, lang, g))
		}
	}
	return s.render(w, status, lang, "editor_sources", p)
}

// handleEditorSources lists the sources waiting for a decision.
func (s *Server) handleEditorSources(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.renderEditorSources(w, r, lang, http.StatusOK, "")
}

// handleEditorSourceDecide approves (decision=approve) or refuses
// (decision=refuse, with a reason) a proposed source, and mails its owner.
// A coordinator may decide only on the sources of their countries (403).
func (s *Server) handleEditorSourceDecide(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("registration %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	g, err := s.acct.store.SourceRegistration(ctx, id)
	if err != nil {
		return err
	}
	v := viewerOf(r)
	if !mayDecide(v, g) {
		return errForbidden
	}
	approve := r.PostForm.Get("decision") == "approve"
	if !approve && r.PostForm.Get("decision") != "refuse" {
		return fmt.Errorf("%w: decision must be approve or refuse", catalog.ErrInvalid)
	}
	g, err = s.acct.store.DecideSourceRegistration(ctx, id, v.user.ID, approve, r.PostForm.Get("reason"))
	switch {
	case errors.Is(err, catalog.ErrInvalid):
		return s.renderEditorSources(w, r, lang, http.StatusUnprocessableEntity, loc.T("editor.sources.error.reason"))
	case errors.Is(err, catalog.ErrConflict):
		return s.renderEditorSources(w, r, lang, http.StatusConflict, loc.T("editor.sources.error.decided"))
	case err != nil:
		return err
	}
	owner, err := s.acct.store.User(ctx, g.OwnerID)
	if err != nil {
		return err
	}
	name := "source_refused"
	if approve {
		name = "source_approved"
	}
	if err := s.sendMailWith(ctx, r, owner, name, "/"+owner.EmailLanguage+"/sources/mine", mailData{Source: g.URL, Reason: g.Reason}); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+lang+"/editor/sources", http.StatusSeeOther)
	return nil
}
