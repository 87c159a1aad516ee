package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// responseFormat says how serveError writes an error: as a page or as JSON.
type responseFormat int

const (
	formatHTML responseFormat = iota
	formatJSON
)

// errNoPage is the error of an address no route serves.
var errNoPage = fmt.Errorf("%w: no page at this address", catalog.ErrNotFound)

// paramError is a search parameter the portal refuses. It wraps
// catalog.ErrInvalid, so it becomes a 400; Error reads as a sentence for
// API clients and pages show the translation of error.param.<Reason>.
type paramError struct {
	Param    string // as spelled in the URL: "limit", "theme"…
	Reason   string // malformed, repeated, too_long, invalid_utf8, not_integer, out_of_range, unknown_value, too_many_values
	Value    string // the value given, shortened; empty when beside the point
	Min, Max int    // the bounds broken, for too_long, out_of_range and too_many_values
}

func (e *paramError) Error() string {
	switch e.Reason {
	case "malformed":
		return "the query string is not correctly encoded"
	case "repeated":
		return fmt.Sprintf("parameter %q is given more than once", e.Param)
	case "too_long":
		return fmt.Sprintf("parameter %q is longer than %d characters", e.Param, e.Max)
	case "invalid_utf8":
		return fmt.Sprintf("parameter %q is not valid UTF-8 text", e.Param)
	case "not_integer":
		return fmt.Sprintf("parameter %q must be a whole number, not %q", e.Param, e.Value)
	case "out_of_range":
		return fmt.Sprintf("parameter %q must be between %d and %d, not %s", e.Param, e.Min, e.Max, e.Value)
	case "unknown_value":
		return fmt.Sprintf("%q is not a known value of parameter %q", e.Value, e.Param)
	case "too_many_values":
		return fmt.Sprintf("parameter %q is given more than %d values", e.Param, e.Max)
	}
	return fmt.Sprintf("parameter %q is not valid", e.Param)
}

func (e *paramError) Unwrap() error { return catalog.ErrInvalid }

// statusOf maps an error to the HTTP status it stands for.
func statusOf(err error) int {
	var ref *refusal
	switch {
	case errors.As(err, &ref):
		return ref.status
	case errors.Is(err, catalog.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, catalog.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// serveError is the one place where errors become responses: it picks
// the status, logs a server fault once, and writes a page in the
// interface language lang or a JSON body {"error": "…"}.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, lang string, f responseFormat, err error) {
	status := statusOf(err)
	if status == http.StatusServiceUnavailable {
		s.log.Warn("request timed out", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusInternalServerError {
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			// The client left; nobody is there to read an answer.
			s.log.Debug("request abandoned", "method", r.Method, "path", r.URL.Path, "err", err)
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if f == formatJSON {
		var body apiError
		switch status {
		case http.StatusBadRequest:
			body.Error = err.Error()
			var pe *paramError
			var be *bodyError
			if errors.As(err, &pe) {
				body.Param = pe.Param
			} else if errors.As(err, &be) {
				body.Param = be.Param
			}
		case http.StatusNotFound:
			body.Error = "not found"
		case http.StatusServiceUnavailable:
			body.Error = "the request took too long; narrow the search and try again"
		case http.StatusForbidden, http.StatusTooManyRequests:
			body.Error = strings.ToLower(http.StatusText(status))
		default:
			body.Error = "internal error; the problem has been recorded"
		}
		writeJSON(w, status, body)
		return
	}
	loc := s.bundle.Locale(lang)
	var key string
	switch status {
	case http.StatusNotFound:
		key = "error.not_found"
	case http.StatusServiceUnavailable:
		key = "error.timeout"
	case http.StatusBadRequest:
		key = "error.bad_request"
	default:
		key = "error.internal"
	}
	var ref *refusal
	if errors.As(err, &ref) {
		key = ref.key
		setRetryAfter(w, ref.retryAfter)
	}
	data := errorPage{
		layout:  s.layout(r, lang, loc.T(key+".title")),
		Heading: loc.T(key + ".title"),
		Text:    loc.T(key + ".text"),
	}
	var pe *paramError
	if errors.As(err, &pe) {
		data.Text = s.paramMessage(lang, pe)
	}
	if rerr := s.render(w, status, lang, "error", data); rerr != nil {
		s.log.Error("render error page", "path", r.URL.Path, "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// paramMessage translates a parameter error for a page.
func (s *Server) paramMessage(lang string, e *paramError) string {
	loc := s.bundle.Locale(lang)
	name := loc.T("param." + e.Param)
	if !loc.Has("param." + e.Param) {
		name = e.Param
	}
	switch e.Reason {
	case "malformed":
		return loc.T("error.param.malformed")
	case "too_long":
		return loc.T("error.param.too_long", name, loc.Number(e.Max))
	case "unknown_value":
		return loc.T("error.param.unknown_value", name, e.Value)
	case "repeated", "invalid_utf8", "not_integer", "out_of_range", "too_many_values":
		return loc.T("error.param."+e.Reason, name)
	}
	return loc.T("error.bad_request.text")
}

// handleNotFound answers every address no route serves with a 404 page in
// the language of the path's prefix, else of the browser, or with JSON
// under /api/.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.serveError(w, r, "en", formatJSON, errNoPage)
		return
	}
	lang, ok := s.pathLanguage(r.URL.Path)
	if !ok {
		lang = s.negotiate(r.Header.Get("Accept-Language"))
	}
	s.serveError(w, r, lang, formatHTML, errNoPage)
}
