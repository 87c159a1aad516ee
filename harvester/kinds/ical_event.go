package kinds

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer"
)

// Event is one event of a calendar, or one occurrence of a recurring
// event: what the normalizer needs (Input) and the event's facts (Event).
//
// Input.Key is the UID; for an occurrence of a recurring event it is the
// UID, "/", and the occurrence's start in UTC (20270126T083000Z), so each
// occurrence is its own document. Input.URL is the event's URL property,
// or else the calendar URL with the UID (and occurrence) as fragment.
// Input.Title comes from SUMMARY; Input.Summary from DESCRIPTION as plain
// text and Input.HTML from X-ALT-DESC (text/html) or DESCRIPTION turned
// into paragraphs; Input.Language from a LANGUAGE parameter of SUMMARY or
// DESCRIPTION; Published and Updated from CREATED and LAST-MODIFIED (or
// DTSTAMP); Categories from CATEGORIES. SourceID and the source's
// defaults are for the caller to set.
type Event struct {
	normalizer.Input
	Event *catalog.Event
	UID   string
	// Status is STATUS as written (TENTATIVE, CONFIRMED, CANCELLED) or "".
	Status string
	// Recurring says the event is one occurrence of a recurring event.
	Recurring bool
}

// calendar is what building events needs to know about the whole file.
type calendar struct {
	url     string
	base    *url.URL
	deflt   zone // for floating times: X-WR-TIMEZONE, else UTC
	floatTZ string
	zones   map[string]*vtimezone
	cache   map[string]zone // resolved TZIDs: loading a zone is costly
	now     time.Time
	budget  int
}

func buildEvents(root *component, calURL string, now time.Time) []Event {
	cal := &calendar{url: calURL, deflt: utcZone, zones: map[string]*vtimezone{}, cache: map[string]zone{}, now: now, budget: expansionBudget}
	cal.base, _ = url.Parse(calURL)
	if p := root.get("X-WR-TIMEZONE"); p != nil {
		if name, loc, ok := loadIANA(p.value); ok {
			cal.deflt, cal.floatTZ = zone{name: name, loc: loc}, name
		}
	}
	overrides := map[string][]*component{}
	for _, c := range root.children {
		switch c.name {
		case "VTIMEZONE":
			if v := parseVTimezone(c); v != nil && len(cal.zones) < 100 {
				cal.zones[v.tzid] = v
			}
		case "VEVENT":
			if rid := c.get("RECURRENCE-ID"); rid != nil {
				uid := uidOf(c)
				overrides[uid] = append(overrides[uid], c)
			}
		}
	}
	var out []Event
	masters := map[string]bool{}
	for _, c := range root.children {
		if c.name != "VEVENT" || c.get("RECURRENCE-ID") != nil {
			continue
		}
		masters[uidOf(c)] = true
		out = cal.appendEvent(out, c, overrides[uidOf(c)])
		if len(out) >= MaxICalEvents {
			return out[:MaxICalEvents]
		}
	}
	// Changed occurrences whose series is not in the file stand alone.
	for _, c := range root.children {
		if c.name == "VEVENT" && c.get("RECURRENCE-ID") != nil && !masters[uidOf(c)] {
			if ev, ok := cal.event(c); ok {
				ev.Recurring = true
				ev.Key = ev.UID + "/" + ev.Event.Start.UTC().Format("20060102T150405Z")
				out = append(out, ev)
			}
			if len(out) >= MaxICalEvents {
				return out[:MaxICalEvents]
			}
		}
	}
	return out
}

func uidOf(c *component) string {
	if p := c.get("UID"); p != nil {
		return strings.TrimSpace(unescapeText(p.value))
	}
	return ""
}

// appendEvent appends the event c, or its occurrences in the window when
// it recurs, with overrides (same UID, RECURRENCE-ID) replacing the
// occurrences they name.
func (cal *calendar) appendEvent(out []Event, c *component, overrides []*component) []Event {
	ev, ok := cal.event(c)
	if !ok {
		return out
	}
	rp := c.get("RRULE")
	if rp == nil {
		return append(out, ev)
	}
	rule, err := parseRRule(rp.value)
	if err != nil {
		return append(out, ev)
	}
	start, z, _ := cal.when(c.get("DTSTART"))
	dur := time.Duration(0)
	if !ev.Event.End.IsZero() {
		dur = ev.Event.End.Sub(ev.Event.Start)
	}
	excluded := map[int64]bool{}
	for _, p := range c.all("EXDATE") {
		for _, v := range strings.Split(p.value, ",") {
			if len(excluded) >= 1000 {
				break
			}
			if t, ok := cal.instant(v, p); ok {
				excluded[t.Unix()] = true
			}
		}
	}
	byStart := map[int64]*component{}
	for _, o := range overrides {
		if t, ok := cal.instant(o.get("RECURRENCE-ID").value, o.get("RECURRENCE-ID")); ok {
			byStart[t.Unix()] = o
		}
	}
	x := rule.expand(start.wall, z, dur, cal.now, cal.now.Add(RecurrenceWindow), excluded, &cal.budget)
	if !x.ok || len(x.starts) == 0 {
		// Nothing to expand in the window (the series is over, or the rule
		// is beyond this package): the first occurrence stands for it.
		return append(out, ev)
	}
	for _, w := range x.starts {
		inst := z.at(w)
		occ := ev
		if o := byStart[inst.Unix()]; o != nil {
			if oe, ok := cal.event(o); ok {
				occ = oe
			}
		} else {
			e := *ev.Event
			e.Start = inst
			if !ev.Event.End.IsZero() {
				if ev.Event.AllDay {
					e.End = z.at(w.AddDate(0, 0, int(dur.Hours()/24+0.5)))
				} else {
					e.End = inst.Add(dur)
				}
			}
			occ.Event = &e
		}
		stamp := inst.UTC().Format("20060102T150405Z")
		occ.Key = ev.UID + "/" + stamp
		if cal.isFragmentURL(ev.URL) {
			occ.URL = ev.URL + "/" + stamp
			occ.BaseURL = occ.URL
		}
		occ.Recurring = true
		out = append(out, occ)
		if len(out) >= MaxICalEvents {
			break
		}
	}
	return out
}

// event builds the Event of one VEVENT as written (its first occurrence
// when it recurs). ok is false without a readable DTSTART.
func (cal *calendar) event(c *component) (Event, bool) {
	start, z, ok := cal.when(c.get("DTSTART"))
	if !ok {
		return Event{}, false
	}
	ce := &catalog.Event{Start: z.at(start.wall), AllDay: start.date, TimeZone: z.name}
	if !start.utc && c.get("DTSTART").params["TZID"] == "" {
		ce.TimeZone = cal.floatTZ // floating: the calendar's zone if it names one
	}
	if end, ez, ok := cal.when(c.get("DTEND")); ok {
		if start.date && end.date {
			ce.End = lastDay(ez, end.wall)
		} else {
			ce.End = ez.at(end.wall)
		}
	} else if d := c.get("DURATION"); d != nil {
		if dur, ok := parseDuration(d.value); ok {
			if start.date {
				ce.End = lastDay(z, start.wall.Add(dur))
			} else {
				ce.End = ce.Start.Add(dur)
			}
		}
	}
	// A date-only event of one day has no end: the catalog's End of an
	// all-day event is its last day, which is the first.
	if ce.End.Before(ce.Start) || ce.AllDay && !ce.End.After(ce.Start) {
		ce.End = time.Time{}
	}
	ev := Event{Event: ce, UID: uidOf(c)}
	if p := c.get("STATUS"); p != nil {
		ev.Status = strings.ToUpper(strings.TrimSpace(p.value))
	}
	in := &ev.Input
	if p := c.get("SUMMARY"); p != nil {
		in.Title = strings.TrimSpace(unescapeText(p.value))
		in.Language = p.params["LANGUAGE"]
	}
	if p := c.get("DESCRIPTION"); p != nil {
		in.Summary = strings.TrimSpace(unescapeText(p.value))
		in.HTML = textToHTML(in.Summary)
		if in.Language == "" {
			in.Language = p.params["LANGUAGE"]
		}
	}
	for _, p := range c.all("X-ALT-DESC") {
		if strings.EqualFold(p.params["FMTTYPE"], "text/html") {
			in.HTML = unescapeText(p.value)
			break
		}
	}
	in.Language = strings.TrimSpace(in.Language)
	if p := c.get("LOCATION"); p != nil {
		ce.Location = strings.TrimSpace(unescapeText(p.value))
	}
	if p := c.get("URL"); p != nil {
		in.URL = absoluteHTTP(cal.baseURL(), unescapeText(p.value))
		ce.URL = in.URL
	}
	ce.Online = guessOnline(ce.Location, c.get("CONFERENCE") != nil || c.get("X-GOOGLE-CONFERENCE") != nil ||
		meetingLink(in.URL) || meetingLink(in.Summary))
	if p := c.get("ORGANIZER"); p != nil {
		ce.Organiser = organiser(p)
	}
	for _, p := range c.all("CATEGORIES") {
		for _, v := range splitText(p.value) {
			if len(in.Categories) < 50 {
				in.Categories = append(in.Categories, v)
			}
		}
	}
	if p := c.get("CREATED"); p != nil {
		if t, ok := cal.instant(p.value, p); ok {
			in.Published = t.UTC()
		}
	}
	for _, name := range []string{"LAST-MODIFIED", "DTSTAMP"} {
		if p := c.get(name); p != nil && in.Updated.IsZero() {
			if t, ok := cal.instant(p.value, p); ok {
				in.Updated = t.UTC()
			}
		}
	}
	in.Key = ev.UID
	if in.Key == "" {
		// RFC 5545 requires a UID; without one, the start and title are
		// the event's identity.
		sum := sha256.Sum256([]byte(ce.Start.UTC().Format(time.RFC3339) + "\x00" + in.Title))
		in.Key = "sha256:" + hex.EncodeToString(sum[:12])
	}
	if in.URL == "" {
		in.URL = cal.fragmentURL(in.Key)
	}
	in.BaseURL = in.URL
	return ev, true
}

func (cal *calendar) baseURL() *url.URL {
	if cal.base == nil {
		return &url.URL{}
	}
	return cal.base
}

// fragmentURL returns the calendar URL with key as fragment, the address
// of an event that has no URL of its own; "" when the calendar URL is not
// http(s).
func (cal *calendar) fragmentURL(key string) string {
	u := absoluteHTTP(cal.baseURL(), cal.url)
	if u == "" {
		return ""
	}
	return u + "#" + url.PathEscape(key)
}

func (cal *calendar) isFragmentURL(u string) bool {
	base := absoluteHTTP(cal.baseURL(), cal.url)
	return base != "" && strings.HasPrefix(u, base+"#")
}

// when reads a DTSTART or DTEND property: its value and the zone its wall
// clock is in.
func (cal *calendar) when(p *property) (icalTime, zone, bool) {
	if p == nil {
		return icalTime{}, zone{}, false
	}
	t, ok := parseICalTime(p.value)
	if !ok {
		return icalTime{}, zone{}, false
	}
	if strings.EqualFold(p.params["VALUE"], "DATE") && !t.date {
		t.wall = time.Date(t.wall.Year(), t.wall.Month(), t.wall.Day(), 0, 0, 0, 0, time.UTC)
		t.date = true
	}
	if t.utc {
		return t, utcZone, true
	}
	return t, cal.zone(p.params["TZID"]), true
}

// instant reads a DATE-TIME value with p's TZID as an instant.
func (cal *calendar) instant(v string, p *property) (time.Time, bool) {
	t, ok := parseICalTime(v)
	if !ok {
		return time.Time{}, false
	}
	if t.utc {
		return t.wall, true
	}
	return cal.zone(p.params["TZID"]).at(t.wall), true
}

// zone resolves a TZID: the tz database first (IANA, vendor-prefixed or
// Windows names), then the file's VTIMEZONE, then the calendar's default.
func (cal *calendar) zone(tzid string) zone {
	if tzid == "" {
		return cal.deflt
	}
	if z, ok := cal.cache[tzid]; ok {
		return z
	}
	z := cal.deflt
	if len(cal.cache) >= maxTZIDs {
		return z // a file naming this many zones is not worth the lookups
	}
	if name, loc, ok := loadIANA(tzid); ok {
		z = zone{name: name, loc: loc}
	} else if v := cal.zones[strings.Trim(strings.TrimSpace(tzid), `"`)]; v != nil {
		z = zone{vtz: v}
	}
	cal.cache[tzid] = z
	return z
}

// maxTZIDs bounds the distinct TZIDs resolved in one file; real calendars
// use a handful.
const maxTZIDs = 200

// parseDuration reads an RFC 5545 DURATION: [+-]P[nW][nD][T[nH][nM][nS]].
// Negative and absurd (over ten years) durations are refused.
func parseDuration(s string) (time.Duration, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "+")
	if !strings.HasPrefix(s, "P") || len(s) < 3 || len(s) > 40 {
		return 0, false
	}
	var d time.Duration
	inTime := false
	num := ""
	for _, c := range s[1:] {
		switch {
		case c >= '0' && c <= '9':
			num += string(c)
		case c == 'T':
			inTime = true
		default:
			n, err := strconv.Atoi(num)
			if err != nil || n > 100000 {
				return 0, false
			}
			num = ""
			unit := map[rune]time.Duration{'W': 7 * 24 * time.Hour, 'D': 24 * time.Hour}
			if inTime {
				unit = map[rune]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second}
			}
			u, ok := unit[c]
			if !ok {
				return 0, false
			}
			d += time.Duration(n) * u
		}
	}
	if num != "" || d > 10*365*24*time.Hour {
		return 0, false
	}
	return d, true
}

// lastDay turns the exclusive end of a date-only event (DTEND;VALUE=DATE,
// the day after it ends) into the catalog's: the start of its last day.
func lastDay(z zone, exclusive time.Time) time.Time {
	return z.at(exclusive.AddDate(0, 0, -1))
}

// onlineWords start a location that is a video call, in the languages of
// the hub's sources.
var onlineWords = []string{
	"online", "on-line", "virtual", "webinar", "web conference", "video conference", "videoconference",
	"zoom", "microsoft teams", "ms teams", "teams", "webex", "google meet", "livestream", "live stream",
	"en ligne", "visioconférence", "virtuell", "digital", "in linea", "videoconferenza", "w sieci",
	"zdalnie", "διαδικτυακά", "διαδικτυακ", "en línea", "em linha", "onlajn",
}

// meetingHosts are the addresses of video meeting services.
var meetingHosts = []string{"zoom.us/j/", "zoom.us/my/", "zoom.us/w/", "teams.microsoft.com/l/meetup-join",
	"teams.live.com/meet", "meet.google.com/", ".webex.com/", "whereby.com/", "meet.jit.si/", "gotomeeting.com/"}

// meetingLink reports whether s holds a link to a video meeting.
func meetingLink(s string) bool {
	s = strings.ToLower(s)
	for _, h := range meetingHosts {
		if strings.Contains(s, h) {
			return true
		}
	}
	return false
}

// guessOnline says whether an event happens online: its location is a web
// address or starts with a word for it, or, without a location, it names
// a conference or links to a video meeting (conference). "Vienna and
// online" is a place first, so it counts as not online.
func guessOnline(location string, conference bool) bool {
	l := strings.ToLower(strings.TrimSpace(location))
	if l == "" {
		return conference
	}
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.") {
		return true
	}
	for _, w := range onlineWords {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// organiser returns the ORGANIZER's name (CN), or its address without
// mailto:.
func organiser(p *property) string {
	if cn := strings.TrimSpace(p.params["CN"]); cn != "" {
		return cn
	}
	v := strings.TrimSpace(p.value)
	if len(v) >= 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	return v
}

// textToHTML turns plain text into escaped paragraphs: blank lines
// separate paragraphs, single newlines become <br>.
func textToHTML(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range strings.Split(s, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}
