package portal

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/auth"
	"github.com/ewsi/hub/portal/i18n"
)

// fieldErrors maps a form field's name to its message, translated.
type fieldErrors map[string]string

// formPage is what every form page shows besides its fields.
type formPage struct {
	layout
	CSRF   string      // the csrf_token of the form
	Errors fieldErrors // per field
	Alert  string      // a message about the whole form, an error
	Notice string      // a message about the whole form, not an error
}

// newFormPage fills the frame of a form page and its CSRF token, setting
// the pre-session cookie for an anonymous visitor.
func (s *Server) newFormPage(w http.ResponseWriter, r *http.Request, lang, titleKey string) formPage {
	loc := s.bundle.Locale(lang)
	f := formPage{layout: s.layout(r, lang, loc.T(titleKey)), CSRF: s.csrfToken(w, r), Errors: fieldErrors{}}
	w.Header().Set("Cache-Control", "no-store")
	return f
}

func orgTypeOptions(loc *i18n.Locale, selected string) []option {
	out := make([]option, 0, len(catalog.OrganisationTypes))
	for _, t := range catalog.OrganisationTypes {
		out = append(out, option{Value: t.Slug, Label: loc.T("orgtype." + t.Slug), Selected: t.Slug == selected})
	}
	return out
}

func countryOptions(loc *i18n.Locale, selected string) []option {
	out := make([]option, 0, len(catalog.Countries))
	for _, c := range catalog.Countries {
		out = append(out, option{Value: c.Slug, Label: loc.CountryName(c.Slug), Selected: c.Slug == selected})
	}
	return out
}

// languageOptions names each interface language in itself.
func (s *Server) languageOptions(selected string) []option {
	out := make([]option, 0, len(s.langs))
	for _, l := range s.langs {
		out = append(out, option{Value: l, Label: s.bundle.Locale(l).T("language.self"), Selected: l == selected})
	}
	return out
}

// formValue returns a posted field, trimmed.
func formValue(r *http.Request, name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }

// checkText records in errs the message for a text field that is required
// and empty, or longer than max characters.
func checkText(errs fieldErrors, loc *i18n.Locale, field, v string, required bool, max int) {
	switch {
	case required && v == "":
		errs[field] = loc.T("form.error.required")
	case utf8.RuneCountInString(v) > max:
		errs[field] = loc.T("form.error.too_long", loc.Number(max))
	case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
		errs[field] = loc.T("form.error.invalid_text")
	}
}

// checkChoice records the message for a select whose value is required and
// missing, or not one of the choices known to valid.
func checkChoice(errs fieldErrors, loc *i18n.Locale, field, v string, required bool, valid func(string) bool) {
	switch {
	case v == "" && required:
		errs[field] = loc.T("form.error.choose")
	case v != "" && !valid(v):
		errs[field] = loc.T("form.error.unknown_value")
	}
}

// checkEmail records the message for a malformed address.
func checkEmail(errs fieldErrors, loc *i18n.Locale, field, v string) {
	switch {
	case v == "":
		errs[field] = loc.T("form.error.required")
	case catalog.ValidateEmail(v) != nil:
		errs[field] = loc.T("form.error.email")
	}
}

// checkNewPassword records the messages for a chosen password and its
// repetition.
func checkNewPassword(errs fieldErrors, loc *i18n.Locale, pw, again string) {
	switch err := auth.CheckPassword(pw); {
	case errors.Is(err, auth.ErrPasswordShort):
		errs["password"] = loc.T("form.error.password_short", loc.Number(auth.MinPasswordLength))
	case errors.Is(err, auth.ErrPasswordLong):
		errs["password"] = loc.T("form.error.password_long")
	case pw != again:
		errs["password2"] = loc.T("form.error.password_mismatch")
	}
}

// limited records an attempt under key in l and, when it is over the
// limit, returns the refusal to serve.
func limited(l auth.Limiter, key string) error {
	if ok, wait := l.Allow(key); !ok {
		return errTooMany(wait)
	}
	return nil
}
