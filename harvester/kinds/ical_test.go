package kinds

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const calURL = "https://ngo.example/events.ics"

var calNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// vcal wraps lines into a calendar with CRLF line ends.
func vcal(lines ...string) []byte {
	all := append([]string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"}, lines...)
	all = append(all, "END:VCALENDAR")
	return []byte(strings.Join(all, "\r\n") + "\r\n")
}

func vevent(lines ...string) []string {
	return append(append([]string{"BEGIN:VEVENT"}, lines...), "END:VEVENT")
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func parseOne(t *testing.T, body []byte) Event {
	t.Helper()
	evs, err := ParseICalAt(body, calURL, calNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1: %+v", len(evs), evs)
	}
	return evs[0]
}

func TestParseICalFields(t *testing.T) {
	body := vcal(vevent(
		"UID:seminar-1@ngo.example",
		"DTSTAMP:20261120T130000Z",
		"CREATED:20261101T090000Z",
		"LAST-MODIFIED:20261119T100000Z",
		"DTSTART;TZID=Europe/Paris:20270126T093000",
		"DTEND;TZID=Europe/Paris:20270126T170000",
		"SUMMARY;LANGUAGE=fr:Séminaire : logement\\, intégration\\; villes moyen",
		" nes",
		"DESCRIPTION:Première ligne\\nseconde <ligne>\\n\\nNouveau paragraphe\\\\fin",
		`ORGANIZER;CN="Réseau, Ville";SENT-BY="mailto:a@b.example":mailto:info@ngo.example`,
		"LOCATION:Hôtel de la Métropole\\, Lyon",
		"URL:/events/seminar-1",
		"CATEGORIES:housing,social-cohesion",
		"CATEGORIES:Logement\\, urbanisme",
		"STATUS:CONFIRMED",
		"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM",
	)...)
	ev := parseOne(t, body)
	paris := mustZone(t, "Europe/Paris")
	if ev.Title != "Séminaire : logement, intégration; villes moyennes" {
		t.Errorf("title %q", ev.Title)
	}
	if ev.Summary != "Première ligne\nseconde <ligne>\n\nNouveau paragraphe\\fin" {
		t.Errorf("summary %q", ev.Summary)
	}
	if ev.HTML != "<p>Première ligne<br>seconde &lt;ligne&gt;</p><p>Nouveau paragraphe\\fin</p>" {
		t.Errorf("html %q", ev.HTML)
	}
	want := Event{UID: "seminar-1@ngo.example", Status: "CONFIRMED"}
	if ev.UID != want.UID || ev.Key != want.UID || ev.Status != want.Status || ev.Recurring {
		t.Errorf("identity: uid %q key %q status %q recurring %v", ev.UID, ev.Key, ev.Status, ev.Recurring)
	}
	if ev.URL != "https://ngo.example/events/seminar-1" || ev.BaseURL != ev.URL || ev.Language != "fr" {
		t.Errorf("url %q base %q lang %q", ev.URL, ev.BaseURL, ev.Language)
	}
	if diff := cmp.Diff([]string{"housing", "social-cohesion", "Logement, urbanisme"}, ev.Categories); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	if !ev.Published.Equal(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)) || !ev.Updated.Equal(time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("published %s updated %s", ev.Published, ev.Updated)
	}
	e := ev.Event
	if !e.Start.Equal(time.Date(2027, 1, 26, 9, 30, 0, 0, paris)) || !e.End.Equal(time.Date(2027, 1, 26, 17, 0, 0, 0, paris)) {
		t.Errorf("start %s end %s", e.Start, e.End)
	}
	if e.TimeZone != "Europe/Paris" || e.AllDay || e.Online || e.Location != "Hôtel de la Métropole, Lyon" ||
		e.Organiser != "Réseau, Ville" || e.URL != ev.URL {
		t.Errorf("event facts %+v", e)
	}
}

func TestParseICalTimes(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	tests := []struct {
		name       string
		cal        []string
		start, end time.Time
		zone       string
		allDay     bool
	}{
		{"UTC", vevent("UID:a", "DTSTART:20270301T100000Z", "DTEND:20270301T120000Z"),
			time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC), "UTC", false},
		{"floating with no calendar zone is read as UTC, zone unknown", vevent("UID:a", "DTSTART:20270301T100000"),
			time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Time{}, "", false},
		{"floating takes X-WR-TIMEZONE", append([]string{"X-WR-TIMEZONE:Europe/Berlin"}, vevent("UID:a", "DTSTART:20270301T100000", "DURATION:PT1H30M")...),
			time.Date(2027, 3, 1, 10, 0, 0, 0, berlin), time.Date(2027, 3, 1, 11, 30, 0, 0, berlin), "Europe/Berlin", false},
		{"all-day with exclusive DTEND ends on its last day", append([]string{"X-WR-TIMEZONE:Europe/Berlin"}, vevent("UID:a", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270303")...),
			time.Date(2027, 3, 1, 0, 0, 0, 0, berlin), time.Date(2027, 3, 2, 0, 0, 0, 0, berlin), "Europe/Berlin", true},
		{"all-day of one day by DTEND has no end", vevent("UID:a", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270302"),
			time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Time{}, "", true},
		{"all-day without DTEND lasts one day", vevent("UID:a", "DTSTART;VALUE=DATE:20270301"),
			time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Time{}, "", true},
		{"all-day DURATION of three days", vevent("UID:a", "DTSTART;VALUE=DATE:20270301", "DURATION:P3D"),
			time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC), "", true},
		{"Windows zone name", vevent("UID:a", `DTSTART;TZID="W. Europe Standard Time":20270701T100000`),
			time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC), time.Time{}, "Europe/Berlin", false},
		{"vendor-prefixed IANA name", vevent("UID:a", "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20270701T100000"),
			time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC), time.Time{}, "Europe/Berlin", false},
		{"DTEND before DTSTART is dropped", vevent("UID:a", "DTSTART:20270301T100000Z", "DTEND:20270301T090000Z"),
			time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Time{}, "UTC", false},
		{"ISO 8601 punctuation tolerated", vevent("UID:a", "DTSTART:2027-03-01T10:00:00Z"),
			time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Time{}, "UTC", false},
		{"DURATION in weeks and days", vevent("UID:a", "DTSTART:20270301T100000Z", "DURATION:P1W2D"),
			time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC), time.Date(2027, 3, 10, 10, 0, 0, 0, time.UTC), "UTC", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := parseOne(t, vcal(tt.cal...)).Event
			if !e.Start.Equal(tt.start) || !e.End.Equal(tt.end) || e.TimeZone != tt.zone || e.AllDay != tt.allDay {
				t.Errorf("got %s – %s zone %q all-day %v; want %s – %s zone %q all-day %v",
					e.Start, e.End, e.TimeZone, e.AllDay, tt.start, tt.end, tt.zone, tt.allDay)
			}
		})
	}
}

// A zone only the file defines: offsets follow its STANDARD and DAYLIGHT
// rules (the EU's, here under a made-up name).
func TestParseICalVTimezoneOnly(t *testing.T) {
	tz := []string{
		"BEGIN:VTIMEZONE", "TZID:Custom Brussels",
		"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
		"DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
		"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
		"DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
		"END:VTIMEZONE",
	}
	brussels := mustZone(t, "Europe/Brussels")
	for _, local := range []time.Time{
		time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 27, 10, 0, 0, 0, time.UTC), // Saturday before the switch
		time.Date(2027, 3, 28, 10, 0, 0, 0, time.UTC), // the day of the switch, after it
		time.Date(2027, 7, 1, 10, 0, 0, 0, time.UTC),
		time.Date(2027, 10, 30, 10, 0, 0, 0, time.UTC),
		time.Date(2027, 10, 31, 10, 0, 0, 0, time.UTC),
	} {
		cal := append(append([]string{}, tz...), vevent("UID:a", "DTSTART;TZID=Custom Brussels:"+local.Format("20060102T150405"))...)
		e := parseOne(t, vcal(cal...)).Event
		want := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), 0, 0, 0, brussels)
		if !e.Start.Equal(want) {
			t.Errorf("%s local: got %s, want %s", local.Format("2006-01-02 15:04"), e.Start, want)
		}
		if e.TimeZone != "" {
			t.Errorf("a VTIMEZONE-only zone is no IANA name, got %q", e.TimeZone)
		}
	}
	// An unknown TZID with no definition falls back to the calendar's zone.
	e := parseOne(t, vcal(vevent("UID:a", "DTSTART;TZID=Nowhere/Atlantis:20270701T100000")...)).Event
	if !e.Start.Equal(time.Date(2027, 7, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("unknown zone: %s", e.Start)
	}
}

func TestParseICalRecurrence(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	starts := func(evs []Event) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.Event.Start.In(berlin).Format("2006-01-02 15:04"))
		}
		return out
	}
	tests := []struct {
		name string
		ev   []string
		want []string
	}{
		{"weekly with COUNT, across the DST change, past ones dropped",
			vevent("UID:w", "DTSTART;TZID=Europe/Berlin:20261112T180000", "DTEND;TZID=Europe/Berlin:20261112T193000", "RRULE:FREQ=WEEKLY;COUNT=5"),
			[]string{"2026-11-26 18:00", "2026-12-03 18:00", "2026-12-10 18:00"}},
		{"monthly last Friday until a date, with an EXDATE",
			vevent("UID:m", "DTSTART;TZID=Europe/Berlin:20261127T100000", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270401T000000Z", "EXDATE;TZID=Europe/Berlin:20270129T100000"),
			[]string{"2026-11-27 10:00", "2026-12-25 10:00", "2027-02-26 10:00", "2027-03-26 10:00"}},
		{"weekly on two days, every other week",
			vevent("UID:b", "DTSTART;TZID=Europe/Berlin:20261130T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4"),
			[]string{"2026-11-30 09:00", "2026-12-02 09:00", "2026-12-14 09:00", "2026-12-16 09:00"}},
		{"yearly series from long ago: only the window",
			vevent("UID:y", "DTSTART;TZID=Europe/Berlin:19900615T100000", "RRULE:FREQ=YEARLY"),
			[]string{"2027-06-15 10:00"}},
		{"daily from 1900 without end is capped at MaxOccurrences", vevent("UID:d", "DTSTART:19000101T080000Z", "RRULE:FREQ=DAILY"), nil},
		{"series over before now keeps its first occurrence",
			vevent("UID:o", "DTSTART;TZID=Europe/Berlin:20250106T100000", "RRULE:FREQ=WEEKLY;COUNT=3"),
			[]string{"2025-01-06 10:00"}},
		{"unsupported rule keeps the first occurrence",
			vevent("UID:u", "DTSTART;TZID=Europe/Berlin:20261201T100000", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
			[]string{"2026-12-01 10:00"}},
		{"unreadable rule keeps the first occurrence",
			vevent("UID:x", "DTSTART;TZID=Europe/Berlin:20261201T100000", "RRULE:FREQ=SOMETIMES"),
			[]string{"2026-12-01 10:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseICalAt(vcal(tt.ev...), calURL, calNow)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if len(evs) != MaxOccurrences {
					t.Fatalf("%d occurrences, want the cap %d", len(evs), MaxOccurrences)
				}
				return
			}
			if diff := cmp.Diff(tt.want, starts(evs)); diff != "" {
				t.Errorf("starts (-want +got):\n%s", diff)
			}
			keys := map[string]bool{}
			for _, e := range evs {
				if keys[e.Key] {
					t.Errorf("key %q twice", e.Key)
				}
				keys[e.Key] = true
				if len(evs) > 1 && (!e.Recurring || !strings.Contains(e.URL, "#")) {
					t.Errorf("occurrence %q: recurring %v, url %q", e.Key, e.Recurring, e.URL)
				}
			}
		})
	}
	// The weekly event keeps its 90-minute length in every occurrence.
	evs, _ := ParseICalAt(vcal(tests[0].ev...), calURL, calNow)
	for _, e := range evs {
		if d := e.Event.End.Sub(e.Event.Start); d != 90*time.Minute {
			t.Errorf("%s lasts %s", e.Key, d)
		}
		if !strings.HasPrefix(e.Key, "w/") || !strings.HasPrefix(e.URL, calURL+"#w/") {
			t.Errorf("occurrence identity %q %q", e.Key, e.URL)
		}
	}
}

func TestParseICalRecurrenceOverride(t *testing.T) {
	body := vcal(append(
		vevent("UID:r", "SUMMARY:Language café", "DTSTART:20261203T170000Z", "DTEND:20261203T180000Z", "RRULE:FREQ=WEEKLY;COUNT=3"),
		vevent("UID:r", "SUMMARY:Language café (moved)", "RECURRENCE-ID:20261210T170000Z", "DTSTART:20261211T170000Z", "DTEND:20261211T180000Z")...)...)
	evs, err := ParseICalAt(body, calURL, calNow)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Title+" "+e.Event.Start.UTC().Format("01-02")+" "+e.Key)
	}
	want := []string{
		"Language café 12-03 r/20261203T170000Z",
		"Language café (moved) 12-11 r/20261210T170000Z",
		"Language café 12-17 r/20261217T170000Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseICalOddInputs(t *testing.T) {
	tests := []struct {
		name  string
		body  []byte
		check func(t *testing.T, evs []Event)
	}{
		{"LF line ends, tab folding, lower-case names",
			[]byte("BEGIN:VCALENDAR\nbegin:vevent\nuid:a\ndtstart:20270101T100000Z\nsummary:Long\n\t title\nend:vevent\nEND:VCALENDAR\n"),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || evs[0].Title != "Long title" {
					t.Errorf("%+v", evs)
				}
			}},
		{"Latin-1 bytes", []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T100000Z\r\nSUMMARY:R\xe9union\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || evs[0].Title != "Réunion" {
					t.Errorf("%+v", evs)
				}
			}},
		{"no DTSTART is skipped, no UID gets a hash key",
			vcal(append(vevent("UID:nostart", "SUMMARY:x"), vevent("DTSTART:20270101T100000Z", "SUMMARY:anonymous")...)...),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || !strings.HasPrefix(evs[0].Key, "sha256:") || !strings.HasPrefix(evs[0].URL, calURL+"#sha256") {
					t.Errorf("%+v", evs)
				}
			}},
		{"cancelled event kept with its status",
			vcal(vevent("UID:c", "DTSTART:20270101T100000Z", "STATUS:CANCELLED")...),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || evs[0].Status != "CANCELLED" {
					t.Errorf("%+v", evs)
				}
			}},
		{"HTML description and unsafe URL",
			vcal(vevent("UID:h", "DTSTART:20270101T100000Z", "DESCRIPTION:plain", "X-ALT-DESC;FMTTYPE=text/html:<p>rich</p>", "URL:javascript:alert(1)")...),
			func(t *testing.T, evs []Event) {
				if evs[0].HTML != "<p>rich</p>" || evs[0].Summary != "plain" || evs[0].URL != calURL+"#h" {
					t.Errorf("%+v", evs[0].Input)
				}
			}},
		{"cut off calendar keeps its complete events",
			[]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n"),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || evs[0].UID != "a" {
					t.Errorf("%+v", evs)
				}
			}},
		{"junk lines and a second calendar ignored",
			[]byte("garbage line\r\nBEGIN:VCALENDAR\r\nno colon here\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
			func(t *testing.T, evs []Event) {
				if len(evs) != 1 || evs[0].UID != "a" {
					t.Errorf("%+v", evs)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseICalAt(tt.body, calURL, calNow)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, evs)
		})
	}
}

func TestGuessOnline(t *testing.T) {
	for loc, want := range map[string]bool{
		"Online (video conference)":            true,
		"https://zoom.us/j/123":                true,
		"Zoom":                                 true,
		"En ligne":                             true,
		"Webinar":                              true,
		"Διαδικτυακά":                          true,
		"IRC Seminar Room, Vienna, and online": false,
		"Rue de la Loi 170, Brussels":          false,
		"":                                     false,
	} {
		if got := guessOnline(loc, false); got != want {
			t.Errorf("guessOnline(%q) = %v, want %v", loc, got, want)
		}
	}
	if !guessOnline("", true) {
		t.Error("a CONFERENCE property with no location should count as online")
	}
}

// TestICalMeetingLinks: a VEVENT without a location whose URL or
// description links to a video meeting is online; one at a place is not,
// even with such a link.
func TestICalMeetingLinks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		props []string
		want  bool
	}{
		{"URL to a meeting", []string{"URL:https://us02web.zoom.us/j/87654321"}, true},
		{"description with a Teams link", []string{`DESCRIPTION:Join here: https://teams.microsoft.com/l/meetup-join/19%3ameeting`}, true},
		{"a place with a link", []string{`LOCATION:Town hall\, Rue Haute 2`, "URL:https://meet.google.com/abc-defg-hij"}, false},
		{"no link", []string{"URL:https://ex.example/events/1", "DESCRIPTION:Come along."}, false},
	} {
		props := append([]string{"UID:m", "DTSTART:20270301T100000Z", "SUMMARY:Meeting"}, tc.props...)
		if got := parseOne(t, vcal(vevent(props...)...)).Event.Online; got != tc.want {
			t.Errorf("%s: online %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestParseICalErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrNotICal, "no BEGIN:VCALENDAR"},
		{"HTML", []byte("<!DOCTYPE html><html>Not found</html>"), ErrNotICal, "no BEGIN:VCALENDAR"},
		{"event outside a calendar", []byte("BEGIN:VEVENT\r\nEND:VEVENT\r\n"), ErrNotICal, "outside a VCALENDAR"},
		{"mismatched END", []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\n"), ErrNotICal, "ends VTODO but VEVENT is open"},
		{"nested too deep", []byte("BEGIN:VCALENDAR\r\n" + strings.Repeat("BEGIN:X\r\n", 20)), ErrNotICal, "nested more than"},
		{"too large", make([]byte, MaxICalBytes+1), ErrTooLarge, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := ParseICalAt(tt.body, calURL, calNow)
			if !errors.Is(err, tt.want) || evs != nil {
				t.Fatalf("got %v, %v; want %v", evs, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestParseICalIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\n")
	// Many recurring events share one expansion budget.
	for i := range 1000 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:r%d\r\nDTSTART:19000101T000000Z\r\nRRULE:FREQ=DAILY;COUNT=100000000\r\nEND:VEVENT\r\n", i)
	}
	for i := range MaxICalEvents + 100 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%d\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n", i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	start := time.Now()
	evs, err := ParseICalAt([]byte(b.String()), calURL, calNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != MaxICalEvents {
		t.Errorf("%d events, want the cap %d", len(evs), MaxICalEvents)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
	// Many distinct made-up zones cost a bounded number of lookups.
	b.Reset()
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:%d\r\nDTSTART;TZID=%s/Zone%d:20270101T100000\r\nEND:VEVENT\r\n", i, strings.Repeat("a/", 40), i)
	}
	b.WriteString("END:VCALENDAR\r\n")
	start = time.Now()
	if evs, err := ParseICalAt([]byte(b.String()), calURL, calNow); err != nil || len(evs) != 3000 {
		t.Errorf("made-up zones: %d events, %v", len(evs), err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("made-up zones took %s", d)
	}
	// A huge folded line is cut, not kept whole.
	long := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T100000Z\r\nSUMMARY:x" + strings.Repeat("\r\n y", 3<<20/3) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	evs, err = ParseICalAt([]byte(long), calURL, calNow)
	if err != nil || len(evs) != 1 || len(evs[0].Title) > maxICalLine {
		t.Errorf("long line: %v, %d events", err, len(evs))
	}
}
