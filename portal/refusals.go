package portal

import (
	"net/http"
	"strconv"
	"time"
)

// refusal is an error that stands for a refused request: its HTTP status
// and the message key of the page that says why.
type refusal struct {
	status     int
	key        string        // error.<key>.title and .text in the catalogues
	retryAfter time.Duration // for 429: sent as Retry-After
}

func (e *refusal) Error() string { return http.StatusText(e.status) + " (" + e.key + ")" }

var (
	errForbidden = &refusal{status: http.StatusForbidden, key: "error.forbidden"}
	errBadCSRF   = &refusal{status: http.StatusForbidden, key: "error.csrf"}
	errOrigin    = &refusal{status: http.StatusForbidden, key: "error.origin"}
)

// errTooMany is the refusal of an attempt over a rate limit.
func errTooMany(retryAfter time.Duration) *refusal {
	return &refusal{status: http.StatusTooManyRequests, key: "error.too_many", retryAfter: retryAfter}
}

// setRetryAfter writes Retry-After in whole seconds, rounded up.
func setRetryAfter(w http.ResponseWriter, d time.Duration) {
	if d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	}
}

// crossOrigin refuses unsafe requests that a browser says come from
// another site (net/http's CrossOriginProtection: Sec-Fetch-Site, or
// Origin against Host), with the 403 page. It comes before the CSRF token
// check and does not replace it: old browsers send neither header. The
// read-only endpoints other sites may call (the route table's crossSite)
// are let through.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	for _, rt := range s.routeTable() {
		if rt.crossSite {
			cop.AddInsecureBypassPattern(rt.pattern(""))
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, ok := s.pathLanguage(r.URL.Path)
		if !ok {
			lang = s.negotiate(r.Header.Get("Accept-Language"))
		}
		s.serveError(w, r, lang, formatHTML, errOrigin)
	}))
	return cop.Handler(next)
}
