package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// eventsPage is the data of events.html.
type eventsPage struct {
	layout
	Month       bool // the month grid, else the list
	MonthURL    string
	ListURL     string
	Upcoming    bool // list view: upcoming, else past
	WhenLinks   []navLink
	Filters     eventFilters
	Grid        monthView
	Items       []eventView
	Undated     []eventView // events whose date is not known yet (upcoming list only)
	Empty       string      // the message when nothing is shown
	CalendarURL string      // iCalendar of the filtered view
}

// navLink is a link that may be the current page.
type navLink struct {
	Label   string
	URL     string
	Current bool
}

// eventFilters is the filter form of the events page.
type eventFilters struct {
	Hidden    []field
	Themes    []optionGroup
	Countries []option
	Modes     []option
}

// optionGroup is an <optgroup> of a <select>.
type optionGroup struct {
	Label   string
	Options []option
}

// handleEventsShow renders the events calendar: a month grid (the
// default) or the list of upcoming or past events, filtered by theme,
// country and format. The catalog cannot yet search by event date, so
// the page reads the newest events the filters select (one search, at
// most catalog.MaxLimit) and places them itself; the demo holds far
// fewer.
func (s *Server) handleEventsShow(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parseEventsQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, countries, err := s.eventDocs(ctx, q)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	now := s.now()
	data := eventsPage{
		layout:      s.layout(r, lang, loc.T("events.title")),
		Month:       q.View == viewMonth,
		Upcoming:    q.When == whenUpcoming,
		CalendarURL: q.path(lang, "/ics"),
	}
	data.Current = "events"
	mq, lq := q, q
	mq.View, mq.Month = viewMonth, time.Time{}
	lq.View, lq.When = viewList, whenUpcoming
	data.MonthURL, data.ListURL = mq.path(lang, ""), lq.path(lang, "")
	data.Filters = s.eventFilters(loc, q, countries)
	var events []eventView
	for _, d := range docs {
		events = append(events, s.newEventView(loc, d))
	}
	if data.Month {
		first := q.Month
		if first.IsZero() {
			first = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		data.Grid = newMonthView(loc, first, events, now)
		prev, next := q, q
		prev.Month, next.Month = first.AddDate(0, -1, 0), first.AddDate(0, 1, 0)
		data.Grid.Prev = link{loc.T("events.month.link", loc.T("events.month.prev"), loc.MonthYear(prev.Month)), prev.path(lang, "")}
		data.Grid.Next = link{loc.T("events.month.link", loc.T("events.month.next"), loc.MonthYear(next.Month)), next.path(lang, "")}
		if data.Grid.Count == 0 {
			data.Empty = loc.T("events.empty.month")
		}
		return s.render(w, http.StatusOK, lang, "events", data)
	}
	up, past := q, q
	up.When, past.When = whenUpcoming, whenPast
	data.WhenLinks = []navLink{
		{loc.T("events.upcoming"), up.path(lang, ""), data.Upcoming},
		{loc.T("events.past"), past.path(lang, ""), !data.Upcoming},
	}
	for _, e := range events {
		switch {
		case e.start.IsZero():
			if data.Upcoming {
				data.Undated = append(data.Undated, e)
			}
		case data.Upcoming == !e.end.Before(now):
			data.Items = append(data.Items, e)
		}
	}
	slices.SortStableFunc(data.Items, func(a, b eventView) int {
		if data.Upcoming {
			return a.start.Compare(b.start)
		}
		return b.start.Compare(a.start)
	})
	if len(data.Items) == 0 && len(data.Undated) == 0 {
		data.Empty = loc.T("events.empty." + q.When)
	}
	return s.render(w, http.StatusOK, lang, "events", data)
}

// handleEventsCalendar writes the iCalendar of the events page's
// filtered view: every event the filters select, whatever the month.
func (s *Server) handleEventsCalendar(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parseEventsQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, _, err := s.eventDocs(ctx, q)
	if err != nil {
		return err
	}
	return writeCalendar(w, "events.ics", s.icsCalendar(r, s.bundle.Locale(lang).T("ics.title"), docs))
}

// eventDocs returns the event documents q selects, with the countries
// the catalog counts among the events of its other filters (for the
// filter form).
func (s *Server) eventDocs(ctx context.Context, q eventsQuery) ([]*catalog.Document, []catalog.FacetValue, error) {
	cq := q.catalogQuery()
	docs, res, err := s.documentsOf(ctx, cq)
	if err != nil {
		return nil, nil, err
	}
	out := docs[:0]
	for _, d := range docs {
		if q.keeps(d.Event) {
			out = append(out, d)
		}
	}
	return out, res.Facets[catalog.FacetCountry], nil
}

// documentsOf runs q and fetches the full document of every hit, which
// the structured facts (event, funding) live on.
func (s *Server) documentsOf(ctx context.Context, q catalog.Query) ([]*catalog.Document, *catalog.Result, error) {
	res, err := s.catalog.Search(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	docs := make([]*catalog.Document, 0, len(res.Hits))
	for _, h := range res.Hits {
		d, err := s.catalog.Document(ctx, h.ID)
		if err != nil {
			if errors.Is(err, catalog.ErrNotFound) {
				continue // removed since the search
			}
			return nil, nil, fmt.Errorf("document %d: %w", h.ID, err)
		}
		docs = append(docs, d)
	}
	return docs, res, nil
}

// eventFilters builds the filter form: themes with their sub-themes,
// the countries the catalog has events for (and any chosen), formats.
func (s *Server) eventFilters(loc *i18n.Locale, q eventsQuery, countries []catalog.FacetValue) eventFilters {
	f := eventFilters{
		Themes:    themeOptions(loc, q.Themes),
		Countries: filterCountryOptions(loc, q.Countries, countries),
		Modes: []option{
			{"", loc.T("events.filter.any"), q.Mode == ""},
			{modeOnline, loc.T("events.mode.online"), q.Mode == modeOnline},
			{modeInPerson, loc.T("events.mode.in-person"), q.Mode == modeInPerson},
		},
	}
	f.Hidden = append(f.Hidden, field{"view", q.View})
	if q.View == viewMonth && !q.Month.IsZero() {
		f.Hidden = append(f.Hidden, field{"month", q.Month.Format(monthParamFmt)})
	}
	if q.View == viewList {
		f.Hidden = append(f.Hidden, field{"when", q.When})
	}
	return f
}

// themeOptions lists the themes, each with its sub-themes, for a
// <select> whose first option is "any".
func themeOptions(loc *i18n.Locale, chosen []string) []optionGroup {
	groups := []optionGroup{{Options: []option{{"", loc.T("events.filter.any"), len(chosen) == 0}}}}
	for _, th := range catalog.Themes {
		g := optionGroup{Label: loc.ThemeName(th.Slug)}
		g.Options = append(g.Options, option{th.Slug, loc.ThemeName(th.Slug), slices.Contains(chosen, th.Slug)})
		for _, sub := range th.Sub {
			g.Options = append(g.Options, option{sub.Slug, loc.ThemeName(sub.Slug), slices.Contains(chosen, sub.Slug)})
		}
		groups = append(groups, g)
	}
	return groups
}

// filterCountryOptions lists the countries with content, plus any chosen, in
// the order of the vocabulary, after an "any" option.
func filterCountryOptions(loc *i18n.Locale, chosen []string, counted []catalog.FacetValue) []option {
	has := map[string]bool{}
	for _, c := range counted {
		has[c.Value] = true
	}
	for _, c := range chosen {
		has[c] = true
	}
	out := []option{{"", loc.T("events.filter.any"), len(chosen) == 0}}
	for _, c := range catalog.Countries {
		if has[c.Slug] {
			out = append(out, option{c.Slug, loc.CountryName(c.Slug), slices.Contains(chosen, c.Slug)})
		}
	}
	return out
}
