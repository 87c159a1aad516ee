package portal

import (
	"context"
	"errors"
	"net/http"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/auth"
)

// loginPage is the data of login.html.
type loginPage struct {
	formPage
	Email       string
	Next        string
	RegisterURL string
	ForgotURL   string
}

func (s *Server) newLoginPage(w http.ResponseWriter, r *http.Request, lang, next string) loginPage {
	return loginPage{
		formPage:    s.newFormPage(w, r, lang, "account.login.title"),
		Next:        next,
		RegisterURL: "/" + lang + "/register",
		ForgotURL:   "/" + lang + "/password/forgot",
	}
}

// handleLoginShow shows the sign-in form; ?next= is where to go after.
func (s *Server) handleLoginShow(w http.ResponseWriter, r *http.Request, lang string) error {
	p := s.newLoginPage(w, r, lang, safeNext(lang, r.URL.Query().Get("next")))
	return s.render(w, http.StatusOK, lang, "login", p)
}

// handleLoginSubmit checks the address and password and starts a new
// session: any session the browser had is ended first (rotation), so a
// session token planted before sign-in is worth nothing after. Attempts
// are limited per client address and per account; a wrong address and a
// wrong password get the same message. An account whose address is not
// verified yet cannot sign in: a new link is mailed instead.
func (s *Server) handleLoginSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	email := formValue(r, "email")
	if err := limited(s.acct.limits.LoginIP, "ip:"+clientIP(r)); err != nil {
		return err
	}
	if err := limited(s.acct.limits.LoginAccount, "account:"+catalog.EmailKey(email)); err != nil {
		return err
	}
	p := s.newLoginPage(w, r, lang, safeNext(lang, r.PostForm.Get("next")))
	p.Email = email
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	u, err := s.checkLogin(ctx, email, r.PostForm.Get("password"))
	switch {
	case errors.Is(err, errBadLogin):
		p.Alert = loc.T("account.login.error.invalid")
		return s.render(w, http.StatusUnprocessableEntity, lang, "login", p)
	case err != nil:
		return err
	case !u.Verified():
		if err := s.sendVerification(ctx, r, u); err != nil {
			return err
		}
		p.Alert = loc.T("account.login.error.unverified")
		return s.render(w, http.StatusUnprocessableEntity, lang, "login", p)
	}
	if v := viewerOf(r); v != nil {
		if err := s.acct.store.DeleteSession(ctx, v.token); err != nil {
			return err
		}
	}
	token, _, err := s.acct.store.CreateSession(ctx, u.ID, sessionTTL)
	if err != nil {
		return err
	}
	s.setCookie(w, r, sessionCookie, token, int(sessionTTL.Seconds()))
	s.clearCookie(w, r, preSessionCookie)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
	return nil
}

// errBadLogin: no account has the address, or its password is another.
var errBadLogin = errors.New("wrong address or password")

// checkLogin returns the user whose address and password these are, or
// errBadLogin. A hash made with other parameters than the portal's is
// replaced after the password is proven.
func (s *Server) checkLogin(ctx context.Context, email, password string) (*catalog.User, error) {
	u, err := s.acct.store.UserByEmail(ctx, email)
	if errors.Is(err, catalog.ErrNotFound) {
		auth.VerifyPassword(s.acct.dummyHash, password)
		return nil, errBadLogin
	}
	if err != nil {
		return nil, err
	}
	hash, err := s.acct.store.PasswordHash(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	if hash == "" {
		auth.VerifyPassword(s.acct.dummyHash, password)
		return nil, errBadLogin
	}
	switch err := auth.VerifyPassword(hash, password); {
	case errors.Is(err, auth.ErrMismatch):
		return nil, errBadLogin
	case err != nil:
		return nil, err
	}
	if s.acct.params.NeedsRehash(hash) {
		if err := s.acct.store.SetPassword(ctx, u.ID, s.acct.params.HashPassword(password)); err != nil {
			s.log.Warn("rehash password", "user_id", u.ID, "err", err)
		}
	}
	return u, nil
}

// handleLogoutSubmit ends the visitor's session.
func (s *Server) handleLogoutSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.DeleteSession(ctx, viewerOf(r).token); err != nil {
		return err
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/"+lang+"/", http.StatusSeeOther)
	return nil
}
