package portal

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// organisationForm is what the organisation form posts, as typed.
type organisationForm struct {
	Org       catalog.Organisation
	BadSource bool // a sources value that is not a number
}

// parseOrganisationForm reads the fields of the organisation form: name,
// type, country, city, website, description, themes, languages, email,
// email_public, verified and sources. Text is trimmed; nothing is checked
// but the shape of source numbers (checkOrganisationForm does the rest).
func parseOrganisationForm(v url.Values) organisationForm {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := organisationForm{Org: catalog.Organisation{
		Name: get("name"), Type: get("type"), Country: get("country"), City: get("city"),
		Website: get("website"), Description: get("description"),
		Themes: v["themes"], Languages: v["languages"],
		Email: get("email"), EmailPublic: get("email_public") == "1",
	}}
	for _, raw := range v["sources"] {
		id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil || id <= 0 {
			f.BadSource = true
			continue
		}
		if !slices.Contains(f.Org.SourceIDs, id) {
			f.Org.SourceIDs = append(f.Org.SourceIDs, id)
		}
	}
	return f
}

// maxOrgChoices bounds the repeated fields of the form.
const maxOrgChoices = 30

// checkOrganisationForm records a message per field of f; when it records
// none, f.Org passes catalog.Organisation.Validate.
func checkOrganisationForm(errs fieldErrors, loc *i18n.Locale, f organisationForm) {
	o := f.Org
	checkText(errs, loc, "name", o.Name, true, catalog.MaxOrganisationLength)
	checkChoice(errs, loc, "type", o.Type, true, catalog.IsOrganisationType)
	checkChoice(errs, loc, "country", o.Country, true, catalog.IsCountry)
	checkText(errs, loc, "city", o.City, false, catalog.MaxOrganisationCity)
	checkText(errs, loc, "description", o.Description, false, catalog.MaxOrganisationDescription)
	checkText(errs, loc, "website", o.Website, false, catalog.MaxOrganisationWebsite)
	if _, bad := errs["website"]; !bad && o.Website != "" && catalog.ValidateWebsite(o.Website) != nil {
		errs["website"] = loc.T("directory.error.website")
	}
	checkText(errs, loc, "email", o.Email, false, catalog.MaxEmailLength)
	if _, bad := errs["email"]; !bad {
		switch {
		case o.Email != "" && catalog.ValidateEmail(o.Email) != nil:
			errs["email"] = loc.T("form.error.email")
		case o.Email == "" && o.EmailPublic:
			errs["email"] = loc.T("directory.error.public_email")
		}
	}
	for field, vals := range map[string][]string{"themes": o.Themes, "languages": o.Languages} {
		valid := catalog.IsTheme
		if field == "languages" {
			valid = func(l string) bool { return slices.Contains(catalog.EULanguages, l) }
		}
		if len(vals) > maxOrgChoices {
			errs[field] = loc.T("form.error.unknown_value")
		}
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" && !valid(v) || !utf8.ValidString(v) {
				errs[field] = loc.T("form.error.unknown_value")
			}
		}
	}
	if f.BadSource || len(o.SourceIDs) > maxFilterValues { // its documents link to a search by source
		errs["sources"] = loc.T("form.error.unknown_value")
	}
}

// sourceChoice is a harvested source the form may link.
type sourceChoice struct {
	ID   int64
	Name string
}

// organisationFormPage is the data of organisation_form.html.
type organisationFormPage struct {
	formPage
	Heading                        string
	Name, City, Website, Email     string
	Description                    string
	EmailPublic                    bool
	Types, Countries               []option
	Themes, WorkLanguages, Sources []checkbox
	CanVerify, Verified            bool
	CancelURL                      string
}

func (s *Server) newOrganisationFormPage(w http.ResponseWriter, r *http.Request, lang, titleKey string, o *catalog.Organisation, sources []sourceChoice) organisationFormPage {
	loc := s.bundle.Locale(lang)
	p := organisationFormPage{
		formPage: s.newFormPage(w, r, lang, titleKey), Heading: loc.T(titleKey),
		Name: o.Name, City: o.City, Website: o.Website, Email: o.Email, Description: o.Description,
		EmailPublic: o.EmailPublic, Types: orgTypeOptions(loc, o.Type), Countries: countryOptions(loc, o.Country),
		CanVerify: canModerateOrganisation(viewerOf(r), o), Verified: o.Verified(),
		CancelURL: "/" + lang + "/directory",
	}
	p.Current = "directory"
	if o.ID != 0 {
		p.CancelURL = organisationPath(lang, o.ID)
	}
	for _, t := range catalog.Themes {
		p.Themes = append(p.Themes, checkbox{Value: t.Slug, Label: loc.ThemeName(t.Slug), Checked: slices.Contains(o.Themes, t.Slug)})
	}
	for _, l := range catalog.EULanguages {
		p.WorkLanguages = append(p.WorkLanguages, checkbox{Value: l, Label: loc.LanguageName(l), Checked: slices.Contains(o.Languages, l)})
	}
	for _, src := range sources {
		p.Sources = append(p.Sources, checkbox{Value: strconv.FormatInt(src.ID, 10), Label: src.Name, Checked: slices.Contains(o.SourceIDs, src.ID)})
	}
	return p
}

// linkableSources are the sources v may link to an entry: every source
// for an editor, the sources of their approved proposals for anyone else,
// and always those linked already.
func (s *Server) linkableSources(ctx context.Context, v *viewer, linked []int64) ([]sourceChoice, error) {
	ctx, cancel := context.WithTimeout(ctx, catalogTimeout)
	defer cancel()
	all, err := s.catalog.Sources(ctx)
	if err != nil {
		return nil, err
	}
	mine := map[int64]bool{}
	if !v.has(sourceDeciders...) {
		regs, err := s.acct.store.SourceRegistrations(ctx, v.user.ID, catalog.RegistrationApproved)
		if err != nil {
			return nil, err
		}
		for _, g := range regs {
			mine[g.SourceID] = true
		}
	}
	var out []sourceChoice
	for _, src := range all {
		if v.has(sourceDeciders...) || mine[src.ID] || slices.Contains(linked, src.ID) {
			name := src.Name
			if name == "" {
				name = src.URL
			}
			out = append(out, sourceChoice{ID: src.ID, Name: name})
		}
	}
	return out, nil
}

// handleOrganisationNewShow shows the form that adds an organisation.
func (s *Server) handleOrganisationNewShow(w http.ResponseWriter, r *http.Request, lang string) error {
	v := viewerOf(r)
	o := &catalog.Organisation{Name: v.user.Organisation, Type: v.user.OrganisationType, Country: v.user.Country}
	srcs, err := s.linkableSources(r.Context(), v, nil)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, lang, "organisation_form", s.newOrganisationFormPage(w, r, lang, "organisation.new.title", o, srcs))
}

// handleOrganisationNewSubmit adds an organisation made by the signed-in
// member, who may edit it from then on.
func (s *Server) handleOrganisationNewSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	v := viewerOf(r)
	o := &catalog.Organisation{CreatedBy: v.user.ID}
	return s.saveOrganisation(w, r, lang, "organisation.new.title", o)
}

// handleOrganisationEditShow shows the form that changes an entry, to its
// creator and the editors.
func (s *Server) handleOrganisationEditShow(w http.ResponseWriter, r *http.Request, lang string) error {
	o, err := s.organisationOf(r)
	if err != nil {
		return err
	}
	v := viewerOf(r)
	if !canEditOrganisation(v, o) {
		return errForbidden
	}
	srcs, err := s.linkableSources(r.Context(), v, o.SourceIDs)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, lang, "organisation_form", s.newOrganisationFormPage(w, r, lang, "organisation.edit.title", o, srcs))
}

// handleOrganisationEditSubmit saves the changes of an entry.
func (s *Server) handleOrganisationEditSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	o, err := s.organisationOf(r)
	if err != nil {
		return err
	}
	if !canEditOrganisation(viewerOf(r), o) {
		return errForbidden
	}
	return s.saveOrganisation(w, r, lang, "organisation.edit.title", o)
}

// saveOrganisation applies the posted form to stored (new when its ID is
// 0) and saves it, or shows the form again with a message per field and
// everything typed.
func (s *Server) saveOrganisation(w http.ResponseWriter, r *http.Request, lang, titleKey string, stored *catalog.Organisation) error {
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	f := parseOrganisationForm(r.PostForm)
	o := f.Org
	o.ID, o.CreatedBy, o.VerifiedAt = stored.ID, stored.CreatedBy, stored.VerifiedAt
	moderator := canModerateOrganisation(v, stored)
	if stored.ID == 0 {
		moderator = canModerateOrganisation(v, &o)
	}
	if moderator {
		switch verified := r.PostForm.Get("verified") == "1"; {
		case verified && o.VerifiedAt.IsZero():
			o.VerifiedAt = s.now()
		case !verified:
			o.VerifiedAt = time.Time{}
		}
	}
	srcs, err := s.linkableSources(r.Context(), v, stored.SourceIDs)
	if err != nil {
		return err
	}
	p := s.newOrganisationFormPage(w, r, lang, titleKey, &o, srcs)
	checkOrganisationForm(p.Errors, loc, f)
	for _, id := range o.SourceIDs {
		if !slices.ContainsFunc(srcs, func(c sourceChoice) bool { return c.ID == id }) {
			p.Errors["sources"] = loc.T("form.error.unknown_value")
		}
	}
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "organisation_form", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if o.ID == 0 {
		err = s.dir.CreateOrganisation(ctx, &o)
	} else {
		err = s.dir.UpdateOrganisation(ctx, &o)
	}
	if errors.Is(err, catalog.ErrInvalid) {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "organisation_form", p)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, organisationPath(lang, o.ID), http.StatusSeeOther)
	return nil
}

// handleOrganisationDelete removes an entry from the directory: editors
// and administrators, or a country coordinator for an entry of their
// countries.
func (s *Server) handleOrganisationDelete(w http.ResponseWriter, r *http.Request, lang string) error {
	o, err := s.organisationOf(r)
	if err != nil {
		return err
	}
	if !canModerateOrganisation(viewerOf(r), o) {
		return errForbidden
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.dir.DeleteOrganisation(ctx, o.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+lang+"/directory", http.StatusSeeOther)
	return nil
}
