package fixtureweb

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// renderCalendar writes the publisher's events as iCalendar (RFC 5545):
// one VTIMEZONE per zone used, then one VEVENT per event with local times
// tagged with their TZID.
func (s *site) renderCalendar(p *Publisher, base string) []byte {
	var events []*Item
	zones := map[string]*time.Location{}
	var zoneOrder []string
	for _, it := range s.itemsOf(p.Slug) {
		if it.Calendar != p.Calendar {
			continue
		}
		events = append(events, it)
		loc := it.Event.Start.Location()
		if zones[loc.String()] == nil {
			zones[loc.String()] = loc
			zoneOrder = append(zoneOrder, loc.String())
		}
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(fold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//EWSI fixture web//" + p.Slug + "//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icalText(p.CalendarName))
	line("X-WR-TIMEZONE:" + p.TimeZone)
	for _, z := range zoneOrder {
		writeTimezone(line, zones[z])
	}
	for _, it := range events {
		e := it.Event
		tz := e.Start.Location().String()
		line("BEGIN:VEVENT")
		line("UID:" + strings.Trim(strings.ReplaceAll(it.Path, "/", "-"), "-") + "@fixture.ewsi.example")
		line("DTSTAMP:" + it.Updated.UTC().Format("20060102T150405Z"))
		line("CREATED:" + it.Published.UTC().Format("20060102T150405Z"))
		line("LAST-MODIFIED:" + it.Updated.UTC().Format("20060102T150405Z"))
		if e.AllDay {
			// DTEND of dates is exclusive: the day after the last.
			line("DTSTART;VALUE=DATE:" + e.Start.Format("20060102"))
			line("DTEND;VALUE=DATE:" + e.End.AddDate(0, 0, 1).Format("20060102"))
		} else {
			line("DTSTART;TZID=" + tz + ":" + e.Start.Format("20060102T150405"))
			line("DTEND;TZID=" + tz + ":" + e.End.In(e.Start.Location()).Format("20060102T150405"))
		}
		line("SUMMARY;LANGUAGE=" + it.Language + ":" + icalText(it.Title))
		line("LOCATION:" + icalText(e.Location))
		line("URL:" + base + it.Path)
		line("DESCRIPTION;LANGUAGE=" + it.Language + ":" + icalText(it.Summary+"\n\n"+base+it.Path))
		line("CATEGORIES:" + strings.Join(it.Themes, ","))
		line("STATUS:CONFIRMED")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// writeTimezone describes an EU zone: summer time from the last Sunday of
// March to the last Sunday of October, switching at 01:00 UTC.
func writeTimezone(line func(string), loc *time.Location) {
	_, std := time.Date(2027, 1, 15, 12, 0, 0, 0, loc).Zone()
	_, dst := time.Date(2027, 7, 15, 12, 0, 0, 0, loc).Zone()
	stdName, _ := time.Date(2027, 1, 15, 12, 0, 0, 0, loc).Zone()
	dstName, _ := time.Date(2027, 7, 15, 12, 0, 0, 0, loc).Zone()
	line("BEGIN:VTIMEZONE")
	line("TZID:" + loc.String())
	line("BEGIN:DAYLIGHT")
	line("TZOFFSETFROM:" + offset(std))
	line("TZOFFSETTO:" + offset(dst))
	line("TZNAME:" + dstName)
	line(fmt.Sprintf("DTSTART:19700329T%02d0000", 1+std/3600))
	line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	line("END:DAYLIGHT")
	line("BEGIN:STANDARD")
	line("TZOFFSETFROM:" + offset(dst))
	line("TZOFFSETTO:" + offset(std))
	line("TZNAME:" + stdName)
	line(fmt.Sprintf("DTSTART:19701025T%02d0000", 1+dst/3600))
	line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	line("END:STANDARD")
	line("END:VTIMEZONE")
}

func offset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec%3600/60)
}

// icalText escapes a TEXT value.
func icalText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}

// fold ends a content line with CRLF, folding it into lines of at most 75
// octets without splitting a UTF-8 sequence.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s + "\r\n")
	return b.String()
}
