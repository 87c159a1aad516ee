package portal

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

// directoryPageSize is how many entries a page of the directory lists.
const directoryPageSize = catalog.DefaultOrganisationLimit

// maxDirectoryPage is the last page the directory serves.
const maxDirectoryPage = catalog.MaxOrganisationOffset/directoryPageSize + 1

// directoryQuery is what the directory's address asks for: the filters and
// the page.
type directoryQuery struct {
	catalog.OrganisationQuery
	Page int
}

// parseDirectoryQuery reads q, type, country, theme, verified and page
// from a raw query string. Each may be given once; empty values (an
// untouched form field) do not filter; codes are accepted in any case.
// Errors are *paramError, wrapping catalog.ErrInvalid.
func parseDirectoryQuery(raw string) (directoryQuery, error) {
	var q directoryQuery
	v, err := parseValues(raw)
	if err != nil {
		return q, err
	}
	text, err := single(v, "q")
	if err != nil {
		return q, err
	}
	if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
		return q, &paramError{Param: "q", Reason: "invalid_utf8"}
	}
	if q.Text = strings.TrimSpace(text); utf8.RuneCountInString(q.Text) > catalog.MaxDirectoryText {
		return q, &paramError{Param: "q", Reason: "too_long", Max: catalog.MaxDirectoryText}
	}
	if q.Type, err = oneOf(v, "type", strings.ToLower, catalog.IsOrganisationType); err != nil {
		return q, err
	}
	if q.Country, err = oneOf(v, "country", strings.ToUpper, catalog.IsCountry); err != nil {
		return q, err
	}
	if q.Theme, err = oneOf(v, "theme", strings.ToLower, catalog.IsTheme); err != nil {
		return q, err
	}
	verified, err := oneOf(v, "verified", nil, func(s string) bool { return s == "1" })
	if err != nil {
		return q, err
	}
	q.VerifiedOnly = verified == "1"
	if q.Page, err = intParam(v, "page", 1, maxDirectoryPage, 1); err != nil {
		return q, err
	}
	q.Limit, q.Offset = directoryPageSize, (q.Page-1)*directoryPageSize
	return q, nil
}

// oneOf returns the one value of a parameter, trimmed and canonicalised
// by norm (nil: as given), which valid must accept; "" when absent or
// empty.
func oneOf(v url.Values, name string, norm func(string) string, valid func(string) bool) (string, error) {
	s, err := single(v, name)
	if err != nil {
		return "", err
	}
	if s = strings.TrimSpace(s); s == "" {
		return "", nil
	}
	if !utf8.ValidString(s) {
		return "", &paramError{Param: name, Reason: "invalid_utf8"}
	}
	if norm != nil {
		s = norm(s)
	}
	if !valid(s) {
		return "", &paramError{Param: name, Reason: "unknown_value", Value: shorten(s)}
	}
	return s, nil
}

// values returns the address query of q at page (1: none), leaving out
// empty filters, so links stay short and stable.
func (q directoryQuery) values(page int) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Text)
	set("type", q.Type)
	set("country", q.Country)
	set("theme", q.Theme)
	if q.VerifiedOnly {
		v.Set("verified", "1")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// peopleQuery is what the people directory's address asks for.
type peopleQuery struct {
	catalog.PeopleQuery
	Page int
}

// parsePeopleQuery reads type, country and page like parseDirectoryQuery.
func parsePeopleQuery(raw string) (peopleQuery, error) {
	var q peopleQuery
	v, err := parseValues(raw)
	if err != nil {
		return q, err
	}
	if q.OrganisationType, err = oneOf(v, "type", strings.ToLower, catalog.IsOrganisationType); err != nil {
		return q, err
	}
	if q.Country, err = oneOf(v, "country", strings.ToUpper, catalog.IsCountry); err != nil {
		return q, err
	}
	if q.Page, err = intParam(v, "page", 1, maxDirectoryPage, 1); err != nil {
		return q, err
	}
	q.Limit, q.Offset = directoryPageSize, (q.Page-1)*directoryPageSize
	return q, nil
}
