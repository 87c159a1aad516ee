package portal

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// fundingQuery is what the funding pages show: open or closed calls,
// filtered by programme, country and theme.
type fundingQuery struct {
	Closed    bool
	Programme string
	Countries []string
	Themes    []string
}

// parseFundingQuery reads programme, country and theme.
func parseFundingQuery(raw string, closed bool) (fundingQuery, error) {
	q := fundingQuery{Closed: closed}
	v, err := parseValues(raw)
	if err != nil {
		return q, err
	}
	if q.Programme, err = single(v, "programme"); err != nil {
		return q, err
	}
	q.Programme = strings.TrimSpace(q.Programme)
	if !utf8.ValidString(q.Programme) {
		return q, &paramError{Param: "programme", Reason: "invalid_utf8"}
	}
	if utf8.RuneCountInString(q.Programme) > maxProgrammeRunes {
		return q, &paramError{Param: "programme", Reason: "too_long", Max: maxProgrammeRunes}
	}
	if q.Themes, err = listParam(v, "theme", strings.ToLower, isTheme); err != nil {
		return q, err
	}
	if q.Countries, err = listParam(v, "country", strings.ToUpper, catalog.IsCountry); err != nil {
		return q, err
	}
	return q, nil
}

// maxProgrammeRunes bounds the programme filter.
const maxProgrammeRunes = 200

// path is the address of the funding page for q in lang.
func (q fundingQuery) path(lang string) string {
	p := "/" + lang + "/funding"
	if q.Closed {
		p += "/closed"
	}
	v := searchValues(catalog.Query{Themes: q.Themes, Countries: q.Countries})
	if q.Programme != "" {
		v.Set("programme", q.Programme)
	}
	if enc := v.Encode(); enc != "" {
		p += "?" + enc
	}
	return p
}

// fundingPage is the data of funding.html.
type fundingPage struct {
	layout
	Heading string
	Intro   string
	Closed  bool
	Tabs    []navLink
	Filters fundingFilters
	Calls   []callView
	Empty   string
}

// fundingFilters is the filter form of the funding pages.
type fundingFilters struct {
	Programmes []option
	Countries  []option
	Themes     []optionGroup
}

// callView is one funding call.
type callView struct {
	URL         string
	Title       string
	Lang        string
	Dir         string
	Programme   string
	CallID      string
	Deadline    string // date and time in the call's zone
	DeadlineISO string
	Zone        string
	ClosesIn    string // "Closes in 12 days"; "Closed" for the archive
	Soon        bool   // closes within a week
	Budget      string
	Countries   string
	deadline    time.Time
}

// handleFundingShow lists the open funding calls, the soonest deadline
// first, with calls whose deadline is not known after them.
func (s *Server) handleFundingShow(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.fundingPage(w, r, lang, false)
}

// handleFundingClosed lists the calls whose deadline has passed, the most
// recent first.
func (s *Server) handleFundingClosed(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.fundingPage(w, r, lang, true)
}

// fundingPage renders either funding page. Like the events page, it
// reads the newest funding documents the catalog filters select (at most
// catalog.MaxLimit) and sorts them by deadline itself, as the catalog
// cannot search by deadline yet.
func (s *Server) fundingPage(w http.ResponseWriter, r *http.Request, lang string, closed bool) error {
	q, err := parseFundingQuery(r.URL.RawQuery, closed)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, res, err := s.documentsOf(ctx, catalog.Query{
		ContentTypes: []string{"funding"},
		Themes:       q.Themes,
		Countries:    q.Countries,
		Sort:         catalog.SortDate,
		Limit:        catalog.MaxLimit,
	})
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	now := s.now()
	title, intro := loc.T("funding.title"), loc.T("funding.intro")
	if closed {
		title, intro = loc.T("funding.title.closed"), loc.T("funding.intro.closed")
	}
	data := fundingPage{
		layout:  s.layout(r, lang, title),
		Heading: title,
		Intro:   intro,
		Closed:  closed,
	}
	data.Current = "funding"
	open, shut := q, q
	open.Closed, shut.Closed = false, true
	data.Tabs = []navLink{
		{loc.T("funding.open"), open.path(lang), !closed},
		{loc.T("funding.archive"), shut.path(lang), closed},
	}
	programmes := map[string]bool{}
	var undated []callView
	for _, d := range docs {
		f := d.Funding
		if f != nil && f.Programme != "" {
			programmes[f.Programme] = true
		}
		if q.Programme != "" && (f == nil || f.Programme != q.Programme) {
			continue
		}
		c := s.newCallView(loc, d, now)
		switch {
		case c.deadline.IsZero():
			if !closed {
				undated = append(undated, c)
			}
		case closed == c.deadline.Before(now):
			data.Calls = append(data.Calls, c)
		}
	}
	slices.SortStableFunc(data.Calls, func(a, b callView) int {
		if closed {
			return b.deadline.Compare(a.deadline)
		}
		return a.deadline.Compare(b.deadline)
	})
	data.Calls = append(data.Calls, undated...)
	if len(data.Calls) == 0 {
		data.Empty = loc.T("funding.empty")
		if closed {
			data.Empty = loc.T("funding.empty.closed")
		}
	}
	if q.Programme != "" {
		programmes[q.Programme] = true
	}
	names := make([]string, 0, len(programmes))
	for p := range programmes {
		names = append(names, p)
	}
	slices.Sort(names)
	data.Filters.Programmes = []option{{"", loc.T("funding.filter.any"), q.Programme == ""}}
	for _, p := range names {
		data.Filters.Programmes = append(data.Filters.Programmes, option{p, p, p == q.Programme})
	}
	data.Filters.Countries = filterCountryOptions(loc, q.Countries, res.Facets[catalog.FacetCountry])
	data.Filters.Themes = themeOptions(loc, q.Themes)
	return s.render(w, http.StatusOK, lang, "funding", data)
}

// newCallView describes a funding document; d.Funding may be nil.
func (s *Server) newCallView(loc *i18n.Locale, d *catalog.Document, now time.Time) callView {
	c := callView{
		URL:   documentPath(loc.Lang(), d.ID),
		Title: d.Title,
		Lang:  d.Language,
		Dir:   textDirection(d.Language),
	}
	countries := d.Countries
	f := d.Funding
	if f != nil {
		c.Programme, c.CallID = f.Programme, f.CallID
		if len(f.EligibleCountries) > 0 {
			countries = f.EligibleCountries
		}
		if f.Budget > 0 {
			c.Budget = loc.Number(int(f.Budget))
			if f.Currency != "" {
				c.Budget += " " + f.Currency
			}
		}
	}
	var names []string
	for _, cc := range countries {
		names = append(names, loc.CountryName(cc))
	}
	c.Countries = strings.Join(names, ", ")
	if f == nil || f.Deadline.IsZero() {
		c.ClosesIn = loc.T("funding.undated")
		return c
	}
	zone := s.zones.get(f.TimeZone)
	c.deadline = f.Deadline
	at := f.Deadline.In(zone)
	c.Deadline = loc.Date(at) + ", " + loc.Time(at)
	c.DeadlineISO = at.Format(time.RFC3339)
	name := zone.String()
	if name == "Local" || name == "" {
		name = "UTC"
	}
	c.Zone = loc.T("events.zone", name)
	days := int(dayOf(at).Sub(dayOf(now.In(zone))).Hours() / 24)
	switch {
	case f.Deadline.Before(now):
		c.ClosesIn = loc.T("funding.closed")
	case days == 0:
		c.ClosesIn = loc.T("funding.closes.today")
		c.Soon = true
	default:
		c.ClosesIn = loc.Plural("funding.closes", days)
		c.Soon = days <= 7
	}
	return c
}
