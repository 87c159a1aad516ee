package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// registerPage is the data of register.html.
type registerPage struct {
	formPage
	Name, Email, Organisation string
	OrgTypes, Countries       []option
	LoginURL                  string
}

func (s *Server) newRegisterPage(w http.ResponseWriter, r *http.Request, lang string) registerPage {
	loc := s.bundle.Locale(lang)
	return registerPage{
		formPage:  s.newFormPage(w, r, lang, "account.register.title"),
		OrgTypes:  orgTypeOptions(loc, ""),
		Countries: countryOptions(loc, ""),
		LoginURL:  "/" + lang + "/login",
	}
}

// handleRegisterShow shows the registration form.
func (s *Server) handleRegisterShow(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.render(w, http.StatusOK, lang, "register", s.newRegisterPage(w, r, lang))
}

// handleRegisterSubmit creates an account and mails the link that
// verifies its address. A form with mistakes comes back with a message per
// field and everything typed but the passwords. An address already
// registered gets the same answer on the page, and a mail to that address
// instead, so the form does not reveal who has an account.
func (s *Server) handleRegisterSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	if err := limited(s.acct.limits.Register, "ip:"+clientIP(r)); err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p := s.newRegisterPage(w, r, lang)
	p.Name, p.Email, p.Organisation = formValue(r, "name"), formValue(r, "email"), formValue(r, "organisation")
	orgType, country := formValue(r, "organisation_type"), formValue(r, "country")
	p.OrgTypes, p.Countries = orgTypeOptions(loc, orgType), countryOptions(loc, country)
	checkText(p.Errors, loc, "name", p.Name, true, catalog.MaxNameLength)
	checkEmail(p.Errors, loc, "email", p.Email)
	checkNewPassword(p.Errors, loc, r.PostForm.Get("password"), r.PostForm.Get("password2"))
	checkText(p.Errors, loc, "organisation", p.Organisation, true, catalog.MaxOrganisationLength)
	checkChoice(p.Errors, loc, "organisation_type", orgType, true, catalog.IsOrganisationType)
	checkChoice(p.Errors, loc, "country", country, true, catalog.IsCountry)
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "register", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	u := &catalog.User{Email: p.Email, Name: p.Name, Organisation: p.Organisation,
		OrganisationType: orgType, Country: country, EmailLanguage: lang}
	err := s.acct.store.CreateUser(ctx, u)
	switch {
	case errors.Is(err, catalog.ErrConflict):
		old, err := s.acct.store.UserByEmail(ctx, p.Email)
		if err != nil {
			return err
		}
		if err := s.sendMail(ctx, r, old, "exists", "/"+old.EmailLanguage+"/password/forgot"); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("register: %w", err)
	default:
		if err := s.acct.store.SetPassword(ctx, u.ID, s.acct.params.HashPassword(r.PostForm.Get("password"))); err != nil {
			return err
		}
		if err := s.sendVerification(ctx, r, u); err != nil {
			return err
		}
	}
	return s.renderNotice(w, r, lang, http.StatusOK, notice{
		TitleKey: "account.register.done.title",
		Text:     loc.T("account.register.done.text", p.Email),
	})
}

// sendVerification mails u a new link that verifies their address.
func (s *Server) sendVerification(ctx context.Context, r *http.Request, u *catalog.User) error {
	token, err := s.acct.store.CreateUserToken(ctx, u.ID, catalog.PurposeVerifyEmail, verifyTokenTTL)
	if err != nil {
		return err
	}
	return s.sendMail(ctx, r, u, "verify", "/"+u.EmailLanguage+"/verify?token="+token)
}
