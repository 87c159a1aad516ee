package portal

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// eventView is one event in the calendar or the list.
type eventView struct {
	URL      string // the document's page
	Title    string
	Lang     string // content language
	Dir      string
	When     string // date and time, in the event's zone
	StartISO string // for <time datetime>
	Zone     string // "Europe/Brussels time"; "" for all-day events
	Place    string
	Online   bool
	// OnlineMark: say "Online" beside the place, which does not say so.
	OnlineMark bool
	Calendar   string // the event's iCalendar
	start      time.Time
	end        time.Time // last instant; equals start when unknown
	loc        *time.Location
}

// zoneCache keeps the time zones events name, loaded once each.
type zoneCache struct{ m sync.Map }

// get returns the location of an IANA zone name, or UTC for an empty or
// unknown one.
func (c *zoneCache) get(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	if l, ok := c.m.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = time.UTC
	}
	c.m.Store(name, l)
	return l
}

// newEventView describes an event document; d.Event may be nil (a
// document typed as an event whose date the normalizer did not find).
func (s *Server) newEventView(loc *i18n.Locale, d *catalog.Document) eventView {
	lang := loc.Lang()
	v := eventView{
		URL:   documentPath(lang, d.ID),
		Title: d.Title,
		Lang:  d.Language,
		Dir:   textDirection(d.Language),
	}
	e := d.Event
	if e == nil || e.Start.IsZero() {
		return v
	}
	v.loc = s.zones.get(e.TimeZone)
	v.start = e.Start.In(v.loc)
	v.end = v.start
	if e.End.After(e.Start) {
		v.end = e.End.In(v.loc)
	}
	v.Place = e.Location
	v.Online = e.Online
	v.OnlineMark = e.Online && !strings.Contains(strings.ToLower(e.Location), strings.ToLower(loc.T("events.mode.online")))
	v.Calendar = documentPath(lang, d.ID) + "/ics"
	v.When = eventWhen(loc, v.start, v.end, e.AllDay)
	if e.AllDay {
		v.StartISO = v.start.Format("2006-01-02")
	} else {
		v.StartISO = v.start.Format(time.RFC3339)
		zone := v.loc.String()
		if zone == "Local" || zone == "" {
			zone = "UTC"
		}
		v.Zone = loc.T("events.zone", zone)
	}
	return v
}

// eventWhen writes the date and time of an event in the interface
// language: "9 December 2026, 14:00–15:30", or the two dates of an event
// over several days.
func eventWhen(loc *i18n.Locale, start, end time.Time, allDay bool) string {
	sameDay := start.Year() == end.Year() && start.YearDay() == end.YearDay()
	switch {
	case allDay && sameDay:
		return loc.Date(start)
	case allDay:
		return loc.Date(start) + " – " + loc.Date(end)
	case sameDay && end.Equal(start):
		return loc.Date(start) + ", " + loc.Time(start)
	case sameDay:
		return loc.Date(start) + ", " + loc.Time(start) + "–" + loc.Time(end)
	}
	return loc.Date(start) + ", " + loc.Time(start) + " – " + loc.Date(end) + ", " + loc.Time(end)
}

// dayCell is one day of the month grid.
type dayCell struct {
	Day     string // "" for the days of the previous and next months
	ISO     string
	Label   string // the full date, for the cell's heading
	Today   bool
	Weekend bool
	Events  []eventView
}

// weekdayHeader is one column header of the month grid.
type weekdayHeader struct {
	Short string
	Full  string
}

// monthView is the grid of one month, weeks from Monday.
type monthView struct {
	Caption  string
	Weekdays []weekdayHeader
	Weeks    [][]dayCell
	Prev     link
	Next     link
	Count    int // events in the month
}

// newMonthView lays out the month starting at first (UTC midnight of its
// first day) with the events that touch it, each on every day it runs
// (in its own zone), and marks today.
func newMonthView(loc *i18n.Locale, first time.Time, events []eventView, today time.Time) monthView {
	m := monthView{Caption: loc.MonthYear(first)}
	for d := time.Monday; ; d = (d + 1) % 7 {
		m.Weekdays = append(m.Weekdays, weekdayHeader{loc.Weekday(d, true), loc.Weekday(d, false)})
		if d == time.Sunday {
			break
		}
	}
	days := first.AddDate(0, 1, -1).Day()
	byDay := make([][]eventView, days+1)
	seen := map[string]bool{}
	for _, e := range events {
		if e.start.IsZero() {
			continue
		}
		for d := dayOf(e.start); !d.After(dayOf(e.end)); d = d.AddDate(0, 0, 1) {
			if d.Year() == first.Year() && d.Month() == first.Month() {
				byDay[d.Day()] = append(byDay[d.Day()], e)
				if !seen[e.URL] {
					seen[e.URL] = true
					m.Count++
				}
			}
		}
	}
	lead := (int(first.Weekday()) + 6) % 7 // days before the 1st in its week
	var week []dayCell
	for i := 0; i < lead; i++ {
		week = append(week, dayCell{})
	}
	for day := 1; day <= days; day++ {
		d := time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
		week = append(week, dayCell{
			Day:     strconv.Itoa(day),
			ISO:     d.Format("2006-01-02"),
			Label:   loc.Weekday(d.Weekday(), false) + " " + loc.Date(d),
			Today:   d.Equal(dayOf(today)),
			Weekend: d.Weekday() == time.Saturday || d.Weekday() == time.Sunday,
			Events:  byDay[day],
		})
		if len(week) == 7 {
			m.Weeks = append(m.Weeks, week)
			week = nil
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, dayCell{})
		}
		m.Weeks = append(m.Weeks, week)
	}
	return m
}

// dayOf is the calendar date of t in its own location, as UTC midnight.
func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
