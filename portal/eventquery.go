package portal

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// eventsQuery is what the events page shows: a view (a month grid or a
// list of upcoming or past events) and the filters, as its address
// spells them.
type eventsQuery struct {
	View      string    // "month" (default) or "list"
	Month     time.Time // first day of the month shown, UTC; zero means this month
	When      string    // list view: "upcoming" (default) or "past"
	Themes    []string
	Countries []string
	Mode      string // "", "online" or "in-person"
}

// Values of eventsQuery's fields.
const (
	viewMonth     = "month"
	viewList      = "list"
	whenUpcoming  = "upcoming"
	whenPast      = "past"
	modeOnline    = "online"
	modeInPerson  = "in-person"
	monthParamFmt = "2006-01"
)

// parseEventsQuery reads view, month, when, theme, country and mode. An
// unknown value is a paramError, so the page answers 400 rather than
// guessing.
func parseEventsQuery(raw string) (eventsQuery, error) {
	var q eventsQuery
	v, err := parseValues(raw)
	if err != nil {
		return q, err
	}
	if q.View, err = choice(v, "view", viewMonth, viewList); err != nil {
		return q, err
	}
	if q.When, err = choice(v, "when", whenUpcoming, whenPast); err != nil {
		return q, err
	}
	if q.Mode, err = choice(v, "mode", "", modeOnline, modeInPerson); err != nil {
		return q, err
	}
	m, err := single(v, "month")
	if err != nil {
		return q, err
	}
	if m = strings.TrimSpace(m); m != "" {
		t, err := time.Parse(monthParamFmt, m)
		if err != nil || t.Year() < 1900 || t.Year() > 2200 {
			return q, &paramError{Param: "month", Reason: "unknown_value", Value: shorten(m)}
		}
		q.Month = t
	}
	if q.Themes, err = listParam(v, "theme", strings.ToLower, isTheme); err != nil {
		return q, err
	}
	if q.Countries, err = listParam(v, "country", strings.ToUpper, catalog.IsCountry); err != nil {
		return q, err
	}
	return q, nil
}

// choice returns the one value of name among allowed; the first allowed
// value is the default when the parameter is absent or empty.
func choice(v url.Values, name string, allowed ...string) (string, error) {
	s, err := single(v, name)
	if err != nil {
		return "", err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return allowed[0], nil
	}
	if !slices.Contains(allowed, s) {
		return "", &paramError{Param: name, Reason: "unknown_value", Value: shorten(s)}
	}
	return s, nil
}

// values spells q as query parameters, leaving defaults out.
func (q eventsQuery) values() url.Values {
	v := url.Values{}
	if q.View != "" && q.View != viewMonth {
		v.Set("view", q.View)
	}
	if q.View == viewMonth && !q.Month.IsZero() {
		v.Set("month", q.Month.Format(monthParamFmt))
	}
	if q.View == viewList && q.When != "" && q.When != whenUpcoming {
		v.Set("when", q.When)
	}
	setList(v, "theme", q.Themes)
	setList(v, "country", q.Countries)
	if q.Mode != "" {
		v.Set("mode", q.Mode)
	}
	return v
}

// path is the address of the events page for q in lang; suffix "/ics"
// gives its iCalendar.
func (q eventsQuery) path(lang, suffix string) string {
	p := "/" + lang + "/events" + suffix
	if enc := q.values().Encode(); enc != "" {
		p += "?" + enc
	}
	return p
}

// catalogQuery is the catalog search behind the page: every event of the
// filters, as many as one search returns.
func (q eventsQuery) catalogQuery() catalog.Query {
	return catalog.Query{
		ContentTypes: []string{"event"},
		Themes:       slices.Clone(q.Themes),
		Countries:    slices.Clone(q.Countries),
		Sort:         catalog.SortDate,
		Limit:        catalog.MaxLimit,
	}
}

// keeps reports whether an event passes the online / in person filter.
func (q eventsQuery) keeps(e *catalog.Event) bool {
	switch q.Mode {
	case modeOnline:
		return e != nil && e.Online
	case modeInPerson:
		return e != nil && !e.Online
	}
	return true
}
