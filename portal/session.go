package portal

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// Cookie names. Both cookies are HttpOnly and SameSite=Lax, and Secure
// unless the portal is reached over plain HTTP on a loopback address (the
// demo, tests) or published at an http:// BaseURL.
const (
	sessionCookie    = "ewsi_session"
	preSessionCookie = "ewsi_presession"
)

// viewer is the signed-in visitor of a request.
type viewer struct {
	user  *catalog.User
	token string // the session token, from the cookie
}

// has reports whether the viewer holds one of roles.
func (v *viewer) has(roles ...catalog.Role) bool {
	return v != nil && slices.Contains(roles, v.user.Role)
}

type viewerKey struct{}

// viewerOf returns the signed-in visitor of r, or nil.
func viewerOf(r *http.Request) *viewer {
	v, _ := r.Context().Value(viewerKey{}).(*viewer)
	return v
}

// withSession finds the visitor's session and user, when the request
// carries a session cookie, and puts them in the request's context. A
// cookie of an unknown or expired session is cleared. When the catalog
// cannot be read the visitor is served as anonymous and the failure logged.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.acct != nil && !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages show who is signed in: a cache must key on the cookie.
			w.Header().Add("Vary", "Cookie")
		}
		c, err := r.Cookie(sessionCookie)
		if err != nil || c.Value == "" || s.acct == nil {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
		v, err := s.lookupSession(ctx, c.Value)
		cancel()
		switch {
		case errors.Is(err, catalog.ErrNotFound):
			s.clearCookie(w, r, sessionCookie)
		case err != nil:
			s.log.Error("session lookup failed", "path", r.URL.Path, "err", err)
		default:
			// A signed-in page is personal: no shared cache keeps it.
			w.Header().Set("Cache-Control", "no-store")
			r = r.WithContext(context.WithValue(r.Context(), viewerKey{}, v))
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) lookupSession(ctx context.Context, token string) (*viewer, error) {
	sess, err := s.acct.store.SessionByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	u, err := s.acct.store.User(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	return &viewer{user: u, token: token}, nil
}

// secureCookies reports whether cookies set in answer to r carry Secure:
// always behind an https:// BaseURL or over TLS; not behind an http://
// BaseURL; else only when the request did not come over plain HTTP to a
// loopback host, since a public host without TLS here means a proxy that
// terminated it.
func (s *Server) secureCookies(r *http.Request) bool {
	switch {
	case strings.HasPrefix(s.base, "https://") || r.TLS != nil:
		return true
	case strings.HasPrefix(s.base, "http://"):
		return false
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	s.setCookie(w, r, name, "", -1)
}

// csrfBinding returns what the CSRF token of a form served to r is bound
// to: the session token of a signed-in visitor, or else the pre-session
// cookie, which it sets first when the visitor has none. w may be nil when
// only a signed-in visitor's binding is wanted.
func (s *Server) csrfBinding(w http.ResponseWriter, r *http.Request) string {
	if v := viewerOf(r); v != nil {
		return v.token
	}
	if c, err := r.Cookie(preSessionCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	if w == nil {
		return ""
	}
	nonce := rand.Text() + rand.Text()
	s.setCookie(w, r, preSessionCookie, nonce, 12*60*60)
	// Later reads within this request see the new cookie, not a bad one.
	kept := []string{(&http.Cookie{Name: preSessionCookie, Value: nonce}).String()}
	for _, c := range r.Cookies() {
		if c.Name != preSessionCookie {
			kept = append(kept, c.Name+"="+c.Value)
		}
	}
	r.Header.Set("Cookie", strings.Join(kept, "; "))
	return nonce
}

// csrfToken returns the csrf_token value for a form served to r.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if s.acct == nil {
		return ""
	}
	return s.acct.csrf.Token(s.csrfBinding(w, r))
}

// clientIP is the address rate limits count by: the connection's peer.
func clientIP(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}
