package kinds

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // calendars name zones; resolve them on machines without tzdata
)

// zone turns wall-clock times of one TZID into instants. It is either a
// tz-database location or, for a TZID only the file's VTIMEZONE defines,
// that definition.
type zone struct {
	name string         // IANA name, "UTC", or "" for a VTIMEZONE-only zone
	loc  *time.Location // nil for a VTIMEZONE-only zone
	vtz  *vtimezone
}

var utcZone = zone{name: "UTC", loc: time.UTC}

// at returns the instant of wall-clock time w (its fields read as local
// time, its own location ignored) in the zone.
func (z zone) at(w time.Time) time.Time {
	if z.loc != nil {
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, z.loc)
	}
	off, name := z.vtz.offsetAt(wallUTC(w))
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.FixedZone(name, off))
}

// wallUTC returns w's wall-clock fields as a UTC time, for comparing wall
// clocks without zones getting in the way.
func wallUTC(w time.Time) time.Time {
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
}

// windowsZones maps the Windows zone names Outlook and Exchange write as
// TZID to IANA zones, for the zones of Europe and a few others.
var windowsZones = map[string]string{
	"W. Europe Standard Time":        "Europe/Berlin",
	"Romance Standard Time":          "Europe/Paris",
	"Central Europe Standard Time":   "Europe/Budapest",
	"Central European Standard Time": "Europe/Warsaw",
	"GMT Standard Time":              "Europe/London",
	"Greenwich Standard Time":        "Atlantic/Reykjavik",
	"GTB Standard Time":              "Europe/Athens",
	"FLE Standard Time":              "Europe/Helsinki",
	"E. Europe Standard Time":        "Europe/Chisinau",
	"Turkey Standard Time":           "Europe/Istanbul",
	"Russian Standard Time":          "Europe/Moscow",
	"Morocco Standard Time":          "Africa/Casablanca",
	"Eastern Standard Time":          "America/New_York",
	"Central Standard Time":          "America/Chicago",
	"Pacific Standard Time":          "America/Los_Angeles",
	"UTC":                            "UTC",
	"Coordinated Universal Time":     "UTC",
}

// loadIANA returns the tz-database zone for a TZID as calendars write it:
// an IANA name, one with a vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"),
// or a Windows name. ok is false when none applies.
func loadIANA(tzid string) (string, *time.Location, bool) {
	tzid = strings.Trim(strings.TrimSpace(tzid), `"`)
	if tzid == "" || len(tzid) > 128 {
		return "", nil, false
	}
	if iana, ok := windowsZones[tzid]; ok {
		tzid = iana
	}
	// IANA names have at most two slashes (America/Argentina/Salta), so
	// only the last three segments can name a zone: at most three tries,
	// however long the prefix.
	segs := strings.Split(tzid, "/")
	for n := min(len(segs), 3); n >= 1; n-- {
		cand := strings.Join(segs[len(segs)-n:], "/")
		if cand == "Local" || !validZoneName(cand) {
			continue // "Local" is the machine's zone, which says nothing about the event
		}
		if loc, err := time.LoadLocation(cand); err == nil {
			return loc.String(), loc, true
		}
	}
	return "", nil, false
}

// validZoneName keeps odd strings away from the tz loader.
func validZoneName(s string) bool {
	if s == "" || len(s) > 64 || strings.Contains(s, "..") || s[0] == '/' {
		return false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}

// vtimezone is a zone as a VTIMEZONE component defines it.
type vtimezone struct {
	tzid        string
	observances []observance
}

// observance is one STANDARD or DAYLIGHT block: from its onset on, the
// offset is to.
type observance struct {
	start    time.Time // wall clock of the first onset, as UTC
	from, to int       // offsets in seconds east of UTC
	name     string
	rule     *rrule // nil: a single onset
}

// parseVTimezone reads a VTIMEZONE component; nil when it defines no
// usable observance.
func parseVTimezone(c *component) *vtimezone {
	p := c.get("TZID")
	if p == nil {
		return nil
	}
	v := &vtimezone{tzid: strings.TrimSpace(p.value)}
	for _, ch := range c.children {
		if ch.name != "STANDARD" && ch.name != "DAYLIGHT" {
			continue
		}
		ds, to, from := ch.get("DTSTART"), ch.get("TZOFFSETTO"), ch.get("TZOFFSETFROM")
		if ds == nil || to == nil {
			continue
		}
		start, ok := parseICalTime(ds.value)
		toOff, ok2 := parseUTCOffset(to.value)
		if !ok || !ok2 {
			continue
		}
		o := observance{start: start.wall, to: toOff, from: toOff, name: ch.name}
		if from != nil {
			if f, ok := parseUTCOffset(from.value); ok {
				o.from = f
			}
		}
		if n := ch.get("TZNAME"); n != nil && len(n.value) <= 16 {
			o.name = unescapeText(n.value)
		}
		if r := ch.get("RRULE"); r != nil {
			if rule, err := parseRRule(r.value); err == nil && rule.freq == "YEARLY" {
				o.rule = rule
			}
		}
		if len(v.observances) < 16 {
			v.observances = append(v.observances, o)
		}
	}
	if len(v.observances) == 0 {
		return nil
	}
	return v
}

// offsetAt returns the offset and abbreviation in force at wall-clock
// time w: that of the observance with the latest onset not after w. Before
// any onset, the first observance's offset before its onset applies.
func (v *vtimezone) offsetAt(w time.Time) (int, string) {
	var best *observance
	var bestOnset time.Time
	for i := range v.observances {
		o := &v.observances[i]
		onset, ok := o.lastOnset(w)
		if ok && (best == nil || onset.After(bestOnset)) {
			best, bestOnset = o, onset
		}
	}
	if best == nil {
		first := &v.observances[0]
		for i := range v.observances {
			if v.observances[i].start.Before(first.start) {
				first = &v.observances[i]
			}
		}
		return first.from, first.name
	}
	return best.to, best.name
}

// lastOnset returns the latest onset of o not after w.
func (o *observance) lastOnset(w time.Time) (time.Time, bool) {
	if w.Before(o.start) {
		return time.Time{}, false
	}
	if o.rule == nil {
		return o.start, true
	}
	for y := w.Year(); y >= w.Year()-1 && y >= o.start.Year(); y-- {
		// yearDays is in date order: take the last onset not after w.
		days := o.rule.yearDays(y, o.start)
		for i := len(days) - 1; i >= 0; i-- {
			on := days[i]
			if !on.After(w) && !on.Before(o.start) && o.rule.withinUntil(on, o.to) {
				return on, true
			}
		}
	}
	return time.Time{}, false
}

// parseUTCOffset reads ±HHMM or ±HHMMSS.
func parseUTCOffset(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 5 && len(s) != 7 {
		return 0, false
	}
	sign := 1
	switch s[0] {
	case '-':
		sign = -1
	case '+':
	default:
		return 0, false
	}
	var parts []int
	for i := 1; i+1 < len(s); i += 2 {
		a, b := s[i], s[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		parts = append(parts, int(a-'0')*10+int(b-'0'))
	}
	n := parts[0]*3600 + parts[1]*60
	if len(parts) == 3 {
		n += parts[2]
	}
	if n >= 24*3600 {
		return 0, false
	}
	return sign * n, true
}

// icalTime is a DATE or DATE-TIME value as written.
type icalTime struct {
	wall time.Time // the wall clock, as a UTC time
	utc  bool      // ended in Z
	date bool      // a DATE, no time of day
}

// parseICalTime reads DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS with
// an optional Z). Dashes and colons (an ISO 8601 habit) are tolerated.
// Years before 1583 are refused: iCalendar dates are Gregorian, and such
// values are typing errors (or a zero time in disguise).
func parseICalTime(s string) (icalTime, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 32 {
		return icalTime{}, false
	}
	if strings.ContainsAny(s, "-:") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "-", ""), ":", "")
	}
	s = strings.ToUpper(s)
	var v icalTime
	if strings.HasSuffix(s, "Z") {
		v.utc = true
		s = s[:len(s)-1]
	}
	var layout string
	switch len(s) {
	case 8:
		layout, v.date = "20060102", true
	case 13:
		layout = "20060102T1504"
	case 15:
		layout = "20060102T150405"
	default:
		return icalTime{}, false
	}
	t, err := time.Parse(layout, s)
	if err != nil || t.Year() < 1583 {
		return icalTime{}, false
	}
	v.wall = t
	return v, true
}

func (z zone) String() string {
	if z.loc != nil {
		return z.name
	}
	return fmt.Sprintf("VTIMEZONE %q", z.vtz.tzid)
}
