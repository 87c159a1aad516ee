package portal

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"golang.org/x/text/language"
)

// Bounds on what a search URL may ask for.
const (
	maxTextRunes    = 500 // q
	maxFilterValues = 20  // values of one filter (lang, theme, …)
	pageSize        = catalog.DefaultLimit
	maxPage         = catalog.MaxOffset/pageSize + 1
)

// parseAPIQuery reads the query string of /api/v1/search into a catalog
// query: the text and filters of parseFilters plus limit (1–MaxLimit,
// default DefaultLimit) and offset (0–MaxOffset). Any malformed or
// unknown value is refused with a *paramError (wrapping
// catalog.ErrInvalid) rather than guessed at, and unknown parameters are
// ignored. A query it returns is always valid (see validQuery in tests).
func parseAPIQuery(raw string) (catalog.Query, error) {
	v, err := parseValues(raw)
	if err != nil {
		return catalog.Query{}, err
	}
	q, err := parseFilters(v)
	if err != nil {
		return catalog.Query{}, err
	}
	if q.Limit, err = intParam(v, "limit", 1, catalog.MaxLimit, catalog.DefaultLimit); err != nil {
		return catalog.Query{}, err
	}
	if q.Offset, err = intParam(v, "offset", 0, catalog.MaxOffset, 0); err != nil {
		return catalog.Query{}, err
	}
	return q, nil
}

// parsePageQuery reads the query string of a search page or its Atom
// feed: the text and filters of parseFilters plus page (1–maxPage) in
// steps of pageSize.
func parsePageQuery(raw string) (catalog.Query, error) {
	v, err := parseValues(raw)
	if err != nil {
		return catalog.Query{}, err
	}
	q, err := parseFilters(v)
	if err != nil {
		return catalog.Query{}, err
	}
	page, err := intParam(v, "page", 1, maxPage, 1)
	if err != nil {
		return catalog.Query{}, err
	}
	q.Limit = pageSize
	q.Offset = (page - 1) * pageSize
	return q, nil
}

// parseValues parses a raw query string strictly: where url.Values drops
// a badly escaped pair silently, the portal says so.
func parseValues(raw string) (url.Values, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return nil, &paramError{Param: "query", Reason: "malformed"}
	}
	return v, nil
}

// parseFilters reads q, lang, theme, type, country, source, exact (1
// keeps the search to the words typed: no cross-language equivalents)
// and sort.
// Filters may repeat (theme=health&theme=housing); empty values, as an
// untouched form field sends, are skipped; codes are accepted in any case
// and stored in their canonical one.
func parseFilters(v url.Values) (catalog.Query, error) {
	var q catalog.Query
	text, err := single(v, "q")
	if err != nil {
		return q, err
	}
	if !utf8.ValidString(text) {
		return q, &paramError{Param: "q", Reason: "invalid_utf8"}
	}
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > maxTextRunes {
		return q, &paramError{Param: "q", Reason: "too_long", Max: maxTextRunes}
	}
	q.Text = text

	if q.Languages, err = listParam(v, "lang", strings.ToLower, isLanguageCode); err != nil {
		return q, err
	}
	if q.Themes, err = listParam(v, "theme", strings.ToLower, isTheme); err != nil {
		return q, err
	}
	if q.ContentTypes, err = listParam(v, "type", strings.ToLower, catalog.IsContentType); err != nil {
		return q, err
	}
	if q.Countries, err = listParam(v, "country", strings.ToUpper, catalog.IsCountry); err != nil {
		return q, err
	}
	sources, err := listParam(v, "source", nil, nil)
	if err != nil {
		return q, err
	}
	for _, s := range sources {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return q, &paramError{Param: "source", Reason: "not_integer", Value: shorten(s)}
		}
		if id <= 0 {
			return q, &paramError{Param: "source", Reason: "unknown_value", Value: shorten(s)}
		}
		if !slices.Contains(q.SourceIDs, id) {
			q.SourceIDs = append(q.SourceIDs, id)
		}
	}

	switch exact, err := single(v, "exact"); {
	case err != nil:
		return q, err
	case exact == "1":
		q.NoExpand = true
	case exact != "" && exact != "0":
		return q, &paramError{Param: "exact", Reason: "unknown_value", Value: shorten(exact)}
	}

	sort, err := single(v, "sort")
	if err != nil {
		return q, err
	}
	switch catalog.Sort(sort) {
	case "", catalog.SortRelevance:
		q.Sort = catalog.SortRelevance
	case catalog.SortDate:
		q.Sort = catalog.SortDate
	default:
		return q, &paramError{Param: "sort", Reason: "unknown_value", Value: shorten(sort)}
	}
	return q, nil
}

// single returns the one value of a parameter that may not repeat.
func single(v url.Values, name string) (string, error) {
	switch vals := v[name]; len(vals) {
	case 0:
		return "", nil
	case 1:
		return vals[0], nil
	}
	return "", &paramError{Param: name, Reason: "repeated"}
}

// listParam returns the distinct non-empty values of a repeatable
// parameter, each canonicalised by norm and checked by valid (either may
// be nil).
func listParam(v url.Values, name string, norm func(string) string, valid func(string) bool) ([]string, error) {
	var out []string
	for _, raw := range v[name] {
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		if !utf8.ValidString(s) {
			return nil, &paramError{Param: name, Reason: "invalid_utf8"}
		}
		if norm != nil {
			s = norm(s)
		}
		if valid != nil && !valid(s) {
			return nil, &paramError{Param: name, Reason: "unknown_value", Value: shorten(raw)}
		}
		if slices.Contains(out, s) {
			continue
		}
		if len(out) == maxFilterValues {
			return nil, &paramError{Param: name, Reason: "too_many_values", Max: maxFilterValues}
		}
		out = append(out, s)
	}
	return out, nil
}

// intParam returns the integer value of name within [lo, hi], or def when
// the parameter is absent or empty.
func intParam(v url.Values, name string, lo, hi, def int) (int, error) {
	s, err := single(v, name)
	if err != nil {
		return 0, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, &paramError{Param: name, Reason: "out_of_range", Value: shorten(s), Min: lo, Max: hi}
		}
		return 0, &paramError{Param: name, Reason: "not_integer", Value: shorten(s)}
	}
	if n < lo || n > hi {
		return 0, &paramError{Param: name, Reason: "out_of_range", Value: shorten(s), Min: lo, Max: hi}
	}
	return n, nil
}

// isLanguageCode reports whether s is a known two-letter ISO 639-1 code,
// the form documents store.
func isLanguageCode(s string) bool {
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return false
	}
	_, err := language.ParseBase(s)
	return err == nil
}

// isTheme reports whether s is a theme or sub-theme slug.
func isTheme(s string) bool {
	_, ok := catalog.ThemeOf(s)
	return ok
}

// shorten cuts a value echoed in an error message to a readable length
// and to valid UTF-8.
func shorten(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:40]) + "…"
}
