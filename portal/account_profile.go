package portal

import (
	"context"
	"net/http"
	"slices"

	"github.com/ewsi/hub/catalog"
)

// profilePage is the data of profile.html.
type profilePage struct {
	formPage
	Email, Role             string
	Name, Organisation      string
	Listed                  bool
	OrgTypes, Countries     []option
	EmailLanguages          []option
	VerifiedAt, VerifiedISO string
	// Contributions are the user's, newest first, with where each stands.
	Contributions []contribRow
	ContributeURL string
}

func (s *Server) newProfilePage(w http.ResponseWriter, r *http.Request, lang string, u *catalog.User) (profilePage, error) {
	loc := s.bundle.Locale(lang)
	p := profilePage{
		formPage: s.newFormPage(w, r, lang, "account.profile.title"),
		Email:    u.Email, Role: loc.T("role." + string(u.Role)),
		Name: u.Name, Organisation: u.Organisation, Listed: u.Listed,
		OrgTypes:       orgTypeOptions(loc, u.OrganisationType),
		Countries:      countryOptions(loc, u.Country),
		EmailLanguages: s.languageOptions(u.EmailLanguage),
	}
	if u.Verified() {
		p.VerifiedAt, p.VerifiedISO = loc.Date(u.EmailVerifiedAt), u.EmailVerifiedAt.Format("2006-01-02")
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	var err error
	p.ContributeURL = "/" + lang + "/contribute"
	p.Contributions, err = s.myContributions(ctx, loc, lang, u)
	return p, err
}

// handleProfileShow shows the signed-in visitor's profile form.
func (s *Server) handleProfileShow(w http.ResponseWriter, r *http.Request, lang string) error {
	p, err := s.newProfilePage(w, r, lang, viewerOf(r).user)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, lang, "profile", p)
}

// handleProfileSubmit saves the name, organisation, its type, country,
// directory listing and mail language. Mistakes come back per field with
// everything typed.
func (s *Server) handleProfileSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	u := *viewerOf(r).user
	u.Name, u.Organisation = formValue(r, "name"), formValue(r, "organisation")
	u.OrganisationType, u.Country = formValue(r, "organisation_type"), formValue(r, "country")
	u.Listed = r.PostForm.Get("listed") == "on"
	u.EmailLanguage = formValue(r, "email_language")
	p, err := s.newProfilePage(w, r, lang, &u)
	if err != nil {
		return err
	}
	checkText(p.Errors, loc, "name", u.Name, true, catalog.MaxNameLength)
	checkText(p.Errors, loc, "organisation", u.Organisation, false, catalog.MaxOrganisationLength)
	checkChoice(p.Errors, loc, "organisation_type", u.OrganisationType, false, catalog.IsOrganisationType)
	checkChoice(p.Errors, loc, "country", u.Country, false, catalog.IsCountry)
	checkChoice(p.Errors, loc, "email_language", u.EmailLanguage, true, func(l string) bool { return slices.Contains(s.langs, l) })
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "profile", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.UpdateUser(ctx, &u); err != nil {
		return err
	}
	if p, err = s.newProfilePage(w, r, lang, &u); err != nil {
		return err
	}
	p.Notice = loc.T("account.profile.saved")
	return s.render(w, http.StatusOK, lang, "profile", p)
}
