package portal

import (
	"context"
	"errors"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// forgotPage is the data of forgot.html.
type forgotPage struct {
	formPage
	Email string
}

// handleForgotShow shows the form that asks for a reset link.
func (s *Server) handleForgotShow(w http.ResponseWriter, r *http.Request, lang string) error {
	p := forgotPage{formPage: s.newFormPage(w, r, lang, "account.forgot.title")}
	return s.render(w, http.StatusOK, lang, "forgot", p)
}

// handleForgotSubmit mails a reset link when an account has the address.
// The page says the same whether one does or not, and whether the
// account's own limit was reached or not, so that it reveals nothing;
// only the client address's limit shows (429).
func (s *Server) handleForgotSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	if err := limited(s.acct.limits.ResetIP, "ip:"+clientIP(r)); err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p := forgotPage{formPage: s.newFormPage(w, r, lang, "account.forgot.title"), Email: formValue(r, "email")}
	checkEmail(p.Errors, loc, "email", p.Email)
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "forgot", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	u, err := s.acct.store.UserByEmail(ctx, p.Email)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
	case err != nil:
		return err
	default:
		if ok, _ := s.acct.limits.ResetAccount.Allow("account:" + catalog.EmailKey(p.Email)); ok {
			token, err := s.acct.store.CreateUserToken(ctx, u.ID, catalog.PurposeResetPassword, resetTokenTTL)
			if err != nil {
				return err
			}
			if err := s.sendMail(ctx, r, u, "reset", "/"+u.EmailLanguage+"/password/reset?token="+token); err != nil {
				return err
			}
		}
	}
	return s.renderNotice(w, r, lang, http.StatusOK, notice{
		TitleKey: "account.forgot.done.title", Text: loc.T("account.forgot.done.text", p.Email),
	})
}

// handleResetShow shows the form that sets a new password, carrying the
// mailed token on to the POST.
func (s *Server) handleResetShow(w http.ResponseWriter, r *http.Request, lang string) error {
	// The token is in this page's address: never send it on.
	w.Header().Set("Referrer-Policy", "no-referrer")
	p := tokenPage{formPage: s.newFormPage(w, r, lang, "account.reset.title"), Token: r.URL.Query().Get("token")}
	return s.render(w, http.StatusOK, lang, "reset", p)
}

// handleResetSubmit sets the new password when the token is good, ends
// every session of the account (whoever knew the old password is out)
// and counts the address as verified, since the mail reached its owner.
// Mistyped passwords come back before the token is used, so a typo does
// not waste the link.
func (s *Server) handleResetSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	p := tokenPage{formPage: s.newFormPage(w, r, lang, "account.reset.title"), Token: r.PostForm.Get("token")}
	pw := r.PostForm.Get("password")
	checkNewPassword(p.Errors, loc, pw, r.PostForm.Get("password2"))
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "reset", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	id, err := s.acct.store.UseUserToken(ctx, p.Token, catalog.PurposeResetPassword)
	if errors.Is(err, catalog.ErrNotFound) {
		return s.renderNotice(w, r, lang, http.StatusBadRequest, notice{
			TitleKey: "account.reset.invalid.title", Text: loc.T("account.reset.invalid.text"),
			LinkURL: "/" + lang + "/password/forgot", LinkLabel: loc.T("account.forgot.title"),
		})
	}
	if err != nil {
		return err
	}
	if err := s.acct.store.SetPassword(ctx, id, s.acct.params.HashPassword(pw)); err != nil {
		return err
	}
	if err := s.acct.store.DeleteUserSessions(ctx, id); err != nil {
		return err
	}
	if err := s.markVerified(ctx, id); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	return s.renderNotice(w, r, lang, http.StatusOK, notice{
		TitleKey: "account.reset.done.title", Text: loc.T("account.reset.done.text"),
		LinkURL: "/" + lang + "/login", LinkLabel: loc.T("account.login.title"),
	})
}
