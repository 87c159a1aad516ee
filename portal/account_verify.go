package portal

import (
	"context"
	"errors"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// tokenPage is the data of verify.html and reset.html: a form that
// carries a mailed token on to the POST that uses it.
type tokenPage struct {
	formPage
	Token string
}

// handleVerifyShow shows the button that confirms an address. Following
// the mailed link changes nothing by itself: mail scanners that open links
// must not use the token up, and GET never changes state.
func (s *Server) handleVerifyShow(w http.ResponseWriter, r *http.Request, lang string) error {
	// The token is in this page's address: never send it on.
	w.Header().Set("Referrer-Policy", "no-referrer")
	p := tokenPage{formPage: s.newFormPage(w, r, lang, "account.verify.title"), Token: r.URL.Query().Get("token")}
	return s.render(w, http.StatusOK, lang, "verify", p)
}

// handleVerifySubmit uses the token and marks the address verified. An
// unknown, used or expired token gets a page saying so, with status 400.
func (s *Server) handleVerifySubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	id, err := s.acct.store.UseUserToken(ctx, r.PostForm.Get("token"), catalog.PurposeVerifyEmail)
	if errors.Is(err, catalog.ErrNotFound) {
		return s.renderNotice(w, r, lang, http.StatusBadRequest, notice{
			TitleKey: "account.verify.invalid.title", Text: s.bundle.Locale(lang).T("account.verify.invalid.text"),
			LinkURL: "/" + lang + "/login", LinkLabel: s.bundle.Locale(lang).T("account.login.title"),
		})
	}
	if err != nil {
		return err
	}
	if err := s.markVerified(ctx, id); err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	return s.renderNotice(w, r, lang, http.StatusOK, notice{
		TitleKey: "account.verify.done.title", Text: loc.T("account.verify.done.text"),
		LinkURL: "/" + lang + "/login", LinkLabel: loc.T("account.login.title"),
	})
}

// markVerified records that user id proved their address, now, unless it
// was recorded before.
func (s *Server) markVerified(ctx context.Context, id int64) error {
	u, err := s.acct.store.User(ctx, id)
	if err != nil {
		return err
	}
	if u.Verified() {
		return nil
	}
	u.EmailVerifiedAt = s.now()
	return s.acct.store.UpdateUser(ctx, u)
}
