package portal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

// The body of POST /api/v1/search is a subset of ReliefWeb API v1's
// (https://apidoc.reliefweb.int/parameters): the same names and nesting,
// fewer operators. What is left out is refused with a 400, never ignored:
//
//   - query: {value, operator} — the words and how they combine (AND, the
//     default, or OR); the value is passed to the engine as it is, so the
//     engine's query language (phrases, prefixes, field filters) applies.
//     ReliefWeb's query.fields is not supported.
//   - filter: one condition {field, value, operator, negate} or a group
//     {operator: "AND", conditions: [...]} of conditions one level deep.
//     A condition's value is one value or a list; a list matches any of
//     its values (operator "OR", the default). "AND" is accepted on a
//     single value only, and negate not at all, because the catalog's
//     filters cannot say "all of" or "none of". The date field takes
//     {"from": …, "to": …} (RFC 3339 or YYYY-MM-DD, inclusive).
//   - facets: [{field, limit, sort}] with sort "count:desc" (default) or
//     "value:asc".
//   - sort: ["date:desc"] or ["score:desc"]; one entry.
//   - fields: {include: [...], exclude: [...]} on top of the default
//     fields id, title, url, source, language, published.
//   - limit (1–100), offset (0–10000), preset ("latest", "analysis").

// Bounds a POST body may not break; each refusal is a 400 naming what.
const (
	maxBodyBytes      = 64 << 10
	maxBodyDepth      = 6 // object and array nesting of the whole body
	maxConditions     = 20
	maxFacetRequests  = 10
	maxFacetLimit     = 100
	defaultFacetLimit = 10
	maxFieldNames     = 20
)

// apiSearchBody is the JSON body of POST /api/v1/search.
type apiSearchBody struct {
	Query  *apiQueryPart   `json:"query"`
	Filter *apiFilter      `json:"filter"`
	Facets []apiFacetQuery `json:"facets"`
	Sort   []string        `json:"sort"`
	Fields *apiFields      `json:"fields"`
	Limit  *int            `json:"limit"`
	Offset *int            `json:"offset"`
	Preset string          `json:"preset"`
}

// apiQueryPart is the full-text part of a search.
type apiQueryPart struct {
	Value    string `json:"value"`
	Operator string `json:"operator"`
}

// apiFilter is a condition on one field or a group of conditions.
type apiFilter struct {
	Field      string          `json:"field"`
	Value      json.RawMessage `json:"value"`
	Operator   string          `json:"operator"`
	Negate     bool            `json:"negate"`
	Conditions []apiFilter     `json:"conditions"`
}

// apiFacetQuery asks for the counts of one facet.
type apiFacetQuery struct {
	Field string `json:"field"`
	Limit int    `json:"limit"`
	Sort  string `json:"sort"`
}

// apiFields chooses the fields of each item.
type apiFields struct {
	Include []string `json:"include"`
	Exclude []string `json:"exclude"`
}

// apiRequest is a parsed search request: the catalog query plus what the
// response should hold.
type apiRequest struct {
	Query  catalog.Query
	Facets []apiFacetQuery // in the order asked; nil asks for none
	Fields []string        // item fields, always with "id"
}

// Item fields; the default ones are what GET /api/v1/search returns.
var (
	defaultItemFields = []string{"id", "title", "url", "source", "language", "published"}
	allItemFields     = []string{"id", "title", "url", "source", "source_id", "language",
		"published", "summary", "themes", "type", "countries", "page"}
)

// apiPresets are the named starting points of a search. A preset sets
// what the body leaves unset; the body wins where both speak.
var apiPresets = map[string]func(q *catalog.Query){
	// latest: newest first.
	"latest": func(q *catalog.Query) { q.Sort = catalog.SortDate },
	// analysis: the analytical content types, most relevant first.
	"analysis": func(q *catalog.Query) {
		if len(q.ContentTypes) == 0 {
			q.ContentTypes = []string{"research", "evaluation", "policy-paper", "report", "statistics"}
		}
	},
}

// bodyError is a 400 about one member of a JSON body, named by its path
// ("filter.conditions[1].value").
type bodyError struct {
	Param  string
	Reason string
}

func (e *bodyError) Error() string {
	if e.Param == "" {
		return "request body: " + e.Reason
	}
	return fmt.Sprintf("request body: %s: %s", e.Param, e.Reason)
}

func (e *bodyError) Unwrap() error { return catalog.ErrInvalid }

func badBody(param, format string, args ...any) error {
	return &bodyError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// parseAPISearchBody reads a POST body into a request. It refuses with a
// *bodyError (wrapping catalog.ErrInvalid) a body that is not one JSON
// object, nests deeper than maxBodyDepth, has a member it does not know,
// or breaks any bound; r must already be limited to maxBodyBytes.
func parseAPISearchBody(r io.Reader) (apiRequest, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return apiRequest{}, badBody("", "larger than %d bytes", maxBodyBytes)
		}
		return apiRequest{}, fmt.Errorf("reading the request body: %w", err)
	}
	if len(raw) > maxBodyBytes {
		return apiRequest{}, badBody("", "larger than %d bytes", maxBodyBytes)
	}
	if !utf8.Valid(raw) {
		return apiRequest{}, badBody("", "not valid UTF-8")
	}
	if err := checkDepth(raw, maxBodyDepth); err != nil {
		return apiRequest{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var b apiSearchBody
	if err := dec.Decode(&b); err != nil {
		if be, ok := jsonBodyError(err).(*bodyError); ok && be.Reason == "unknown member" {
			// encoding/json names the member but not where it is.
			var v any
			if json.Unmarshal(raw, &v) == nil {
				if p := unknownMember(v, "", bodyMembers); p != "" {
					be.Param = p
				}
			}
			return apiRequest{}, be
		}
		return apiRequest{}, jsonBodyError(err)
	}
	if dec.More() {
		return apiRequest{}, badBody("", "more than one JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return apiRequest{}, badBody("", "trailing data after the JSON object")
	}
	return b.request()
}

// bodyMembers lists the members each object of the body may have, by
// its path with list indexes replaced by "[]". A filter's value is
// free-form and not looked into; nested groups share the conditions'
// entry (request refuses them after decoding, naming where).
var bodyMembers = map[string][]string{
	"":                    {"query", "filter", "facets", "sort", "fields", "limit", "offset", "preset"},
	"query":               {"value", "operator"},
	"filter":              {"field", "value", "operator", "negate", "conditions"},
	"filter.conditions[]": {"field", "value", "operator", "negate", "conditions"},
	"facets[]":            {"field", "limit", "sort"},
	"fields":              {"include", "exclude"},
}

var listIndex = regexp.MustCompile(`\[\d+\]`)

// unknownMember returns the full path of the first member of v that
// members does not allow, or "".
func unknownMember(v any, path string, members map[string][]string) string {
	pattern := listIndex.ReplaceAllString(path, "[]")
	pattern = strings.ReplaceAll(pattern, "filter.conditions[].conditions[]", "filter.conditions[]")
	switch v := v.(type) {
	case map[string]any:
		allowed, known := members[pattern]
		if !known {
			return ""
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			child := k
			if path != "" {
				child = path + "." + k
			}
			if !slices.Contains(allowed, k) {
				return child
			}
			if k == "value" {
				continue
			}
			if p := unknownMember(v[k], child, members); p != "" {
				return p
			}
		}
	case []any:
		for i, e := range v {
			if p := unknownMember(e, fmt.Sprintf("%s[%d]", path, i), members); p != "" {
				return p
			}
		}
	}
	return ""
}

// checkDepth refuses JSON nested deeper than max, before it is decoded
// into anything.
func checkDepth(raw []byte, max int) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return jsonBodyError(err)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth > max {
				return badBody("", "nested deeper than %d levels", max)
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// jsonBodyError turns a decoding error into a 400 naming the member.
func jsonBodyError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return badBody("", "malformed JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return badBody(te.Field, "must be a JSON %s, not %s", jsonKind(te.Type.Kind().String()), te.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badBody("", "empty or cut short; send a JSON object")
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ := strconv.Unquote(field)
		return badBody(name, "unknown member")
	}
	return badBody("", "%s", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "number"
	case "slice":
		return "array"
	case "struct", "map", "ptr":
		return "object"
	case "bool":
		return "boolean"
	}
	return goKind
}

// request checks the body and builds the catalog query.
func (b *apiSearchBody) request() (apiRequest, error) {
	var req apiRequest
	q := &req.Query
	if b.Query != nil {
		text := strings.TrimSpace(b.Query.Value)
		if utf8.RuneCountInString(text) > maxTextRunes {
			return req, badBody("query.value", "longer than %d characters", maxTextRunes)
		}
		switch strings.ToUpper(b.Query.Operator) {
		case "", "AND":
		case "OR":
			// The engine's query language reads OR between words.
			text = strings.Join(strings.Fields(text), " OR ")
		default:
			return req, badBody("query.operator", "must be AND or OR, not %q", shorten(b.Query.Operator))
		}
		q.Text = text
	}
	if b.Filter != nil {
		if err := applyFilter(q, b.Filter, "filter", 0); err != nil {
			return req, err
		}
	}
	if len(b.Facets) > maxFacetRequests {
		return req, badBody("facets", "more than %d facets", maxFacetRequests)
	}
	for i, f := range b.Facets {
		p := fmt.Sprintf("facets[%d]", i)
		if !slices.ContainsFunc(facetOrder, func(o struct{ name, param string }) bool { return o.name == f.Field }) {
			return req, badBody(p+".field", "%q is not a facet (language, theme, type, country, source)", shorten(f.Field))
		}
		if slices.ContainsFunc(req.Facets, func(g apiFacetQuery) bool { return g.Field == f.Field }) {
			return req, badBody(p+".field", "facet %q is asked for twice", f.Field)
		}
		switch {
		case f.Limit == 0:
			f.Limit = defaultFacetLimit
		case f.Limit < 1 || f.Limit > maxFacetLimit:
			return req, badBody(p+".limit", "must be between 1 and %d", maxFacetLimit)
		}
		switch f.Sort {
		case "":
			f.Sort = "count:desc"
		case "count:desc", "value:asc":
		default:
			return req, badBody(p+".sort", "must be count:desc or value:asc, not %q", shorten(f.Sort))
		}
		req.Facets = append(req.Facets, f)
	}
	if b.Preset != "" {
		preset, ok := apiPresets[b.Preset]
		if !ok {
			return req, badBody("preset", "%q is not a preset (latest, analysis)", shorten(b.Preset))
		}
		preset(q)
	}
	switch len(b.Sort) {
	case 0:
	case 1:
		switch b.Sort[0] {
		case "date:desc", "date":
			q.Sort = catalog.SortDate
		case "score:desc", "score":
			q.Sort = catalog.SortRelevance
		default:
			return req, badBody("sort[0]", "must be date:desc or score:desc, not %q", shorten(b.Sort[0]))
		}
	default:
		return req, badBody("sort", "only one sort order is supported")
	}
	if q.Sort == "" {
		q.Sort = catalog.SortRelevance
	}
	q.Limit = catalog.DefaultLimit
	if b.Limit != nil {
		if *b.Limit < 1 || *b.Limit > catalog.MaxLimit {
			return req, badBody("limit", "must be between 1 and %d", catalog.MaxLimit)
		}
		q.Limit = *b.Limit
	}
	if b.Offset != nil {
		if *b.Offset < 0 || *b.Offset > catalog.MaxOffset {
			return req, badBody("offset", "must be between 0 and %d", catalog.MaxOffset)
		}
		q.Offset = *b.Offset
	}
	fields, err := itemFields(b.Fields)
	if err != nil {
		return req, err
	}
	req.Fields = fields
	return req, nil
}

// itemFields resolves fields.include and fields.exclude.
func itemFields(f *apiFields) ([]string, error) {
	out := slices.Clone(defaultItemFields)
	if f == nil {
		return out, nil
	}
	if len(f.Include) > maxFieldNames || len(f.Exclude) > maxFieldNames {
		return nil, badBody("fields", "more than %d field names", maxFieldNames)
	}
	for i, name := range f.Include {
		if !slices.Contains(allItemFields, name) {
			return nil, badBody(fmt.Sprintf("fields.include[%d]", i), "%q is not a field (%s)", shorten(name), strings.Join(allItemFields, ", "))
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for i, name := range f.Exclude {
		if !slices.Contains(allItemFields, name) {
			return nil, badBody(fmt.Sprintf("fields.exclude[%d]", i), "%q is not a field", shorten(name))
		}
		if name == "id" {
			return nil, badBody(fmt.Sprintf("fields.exclude[%d]", i), "id is always returned")
		}
		out = slices.DeleteFunc(out, func(s string) bool { return s == name })
	}
	return out, nil
}

// applyFilter adds a condition or group to q. Groups may hold up to
// maxConditions conditions but not further groups.
func applyFilter(q *catalog.Query, f *apiFilter, path string, depth int) error {
	if f.Conditions != nil {
		if depth > 0 {
			return badBody(path+".conditions", "groups may not nest")
		}
		if f.Field != "" || f.Value != nil || f.Negate {
			return badBody(path, "a group has conditions and an operator, no field, value or negate")
		}
		if op := strings.ToUpper(f.Operator); op != "" && op != "AND" {
			return badBody(path+".operator", "a group's conditions combine with AND only")
		}
		if len(f.Conditions) == 0 {
			return badBody(path+".conditions", "empty")
		}
		if len(f.Conditions) > maxConditions {
			return badBody(path+".conditions", "more than %d conditions", maxConditions)
		}
		for i := range f.Conditions {
			if err := applyFilter(q, &f.Conditions[i], fmt.Sprintf("%s.conditions[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if f.Negate {
		return badBody(path+".negate", "negated filters are not supported")
	}
	if f.Field == "" {
		return badBody(path+".field", "missing")
	}
	if f.Value == nil {
		return badBody(path+".value", "missing")
	}
	if f.Field == "date" {
		return applyDateFilter(q, f, path)
	}
	var values []string
	var one string
	if err := json.Unmarshal(f.Value, &one); err == nil {
		values = []string{one}
	} else if err := json.Unmarshal(f.Value, &values); err != nil {
		return badBody(path+".value", "must be a string or an array of strings")
	}
	if len(values) == 0 {
		return badBody(path+".value", "empty")
	}
	if len(values) > maxFilterValues {
		return badBody(path+".value", "more than %d values", maxFilterValues)
	}
	switch strings.ToUpper(f.Operator) {
	case "", "OR":
	case "AND":
		if len(values) > 1 {
			return badBody(path+".operator", "AND over several values is not supported; use OR or one value per condition")
		}
	default:
		return badBody(path+".operator", "must be AND or OR, not %q", shorten(f.Operator))
	}
	var list *[]string
	norm, valid := strings.ToLower, func(string) bool { return true }
	switch f.Field {
	case "language":
		list, valid = &q.Languages, isLanguageCode
	case "theme":
		list, valid = &q.Themes, isTheme
	case "type":
		list, valid = &q.ContentTypes, catalog.IsContentType
	case "country":
		list, norm, valid = &q.Countries, strings.ToUpper, catalog.IsCountry
	case "source":
		if len(q.SourceIDs) > 0 {
			return badBody(path+".field", "field \"source\" is filtered twice; put the values in one condition")
		}
		for i, v := range values {
			id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil || id <= 0 {
				return badBody(fmt.Sprintf("%s.value[%d]", path, i), "%q is not a source id", shorten(v))
			}
			if !slices.Contains(q.SourceIDs, id) {
				q.SourceIDs = append(q.SourceIDs, id)
			}
		}
		return nil
	default:
		return badBody(path+".field", "%q is not a filter field (language, theme, type, country, source, date)", shorten(f.Field))
	}
	if len(*list) > 0 {
		return badBody(path+".field", "field %q is filtered twice; put the values in one condition", f.Field)
	}
	for i, v := range values {
		s := norm(strings.TrimSpace(v))
		if !valid(s) {
			return badBody(fmt.Sprintf("%s.value[%d]", path, i), "%q is not a known %s", shorten(v), f.Field)
		}
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
	return nil
}

// apiDateRange is the value of a date condition.
type apiDateRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func applyDateFilter(q *catalog.Query, f *apiFilter, path string) error {
	if !q.From.IsZero() || !q.Until.IsZero() {
		return badBody(path+".field", "the date is filtered twice")
	}
	dec := json.NewDecoder(bytes.NewReader(f.Value))
	dec.DisallowUnknownFields()
	var r apiDateRange
	if err := dec.Decode(&r); err != nil {
		return badBody(path+".value", `must be {"from": date, "to": date}`)
	}
	if r.From == "" && r.To == "" {
		return badBody(path+".value", "needs from, to or both")
	}
	var err error
	if r.From != "" {
		if q.From, _, err = parseAPIDate(r.From); err != nil {
			return badBody(path+".value.from", "%q is not an RFC 3339 time or YYYY-MM-DD date", shorten(r.From))
		}
	}
	if r.To != "" {
		var day bool
		if q.Until, day, err = parseAPIDate(r.To); err != nil {
			return badBody(path+".value.to", "%q is not an RFC 3339 time or YYYY-MM-DD date", shorten(r.To))
		}
		if day {
			q.Until = q.Until.Add(24*time.Hour - time.Microsecond)
		}
	}
	return nil
}

// parseAPIDate reads an RFC 3339 time or a date (UTC midnight), saying
// which it was.
func parseAPIDate(s string) (time.Time, bool, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC(), false, err
}
