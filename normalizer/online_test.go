package normalizer

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func TestOnlineEvent(t *testing.T) {
	for _, tc := range []struct {
		name, title, text, venue string
		want                     bool
	}{
		{"online venue", "Workshop", "", "Online (video conference)", true},
		{"en ligne venue", "Atelier", "", "En ligne", true},
		{"Online-Veranstaltung venue", "Fachtag", "", "Online-Veranstaltung (Videokonferenz)", true},
		{"meeting link as venue", "Meeting", "", "https://zoom.us/j/123456789", true},
		{"a place, also streamed", "Seminar", "", "IRC Seminar Room, Alser Straße 23, 1080 Vienna, and online", false},
		{"a place beats the prose", "Webinar series launch", "", "Town hall, Rue Haute 2, Brussels", false},
		{"webinar in the title", "Webinar: measuring integration outcomes", "Registration is open.", "", true},
		{"webinaire", "Webinaire : le parrainage", "", "", true},
		{"French prose", "Séminaire", "La rencontre se tiendra en ligne le 3 mars.", "", true},
		{"French noun", "Rencontre", "Une réunion en ligne est prévue le 3 mars.", "", true},
		{"German prose", "Fachgespräch", "Die Veranstaltung findet virtuell statt.", "", true},
		{"German compound", "Online-Seminar: Sprachförderung", "", "", true},
		{"virtuelle Konferenz", "Tagung", "Eine virtuelle Konferenz für Kommunen.", "", true},
		{"schema-free English", "Talk", "The talk will be held online on 3 March.", "", true},
		{"Italian", "Incontro", "Un incontro online per le associazioni.", "", true},
		{"Greek", "Ενημέρωση", "Διαδικτυακό σεμινάριο για τους δήμους.", "", true},
		{"Teams link in the text", "Meeting", "Join at https://teams.microsoft.com/l/meetup-join/19%3a", "", true},
		{"registration online is no online event", "Conference", "Registration online is open until 3 March.", "", false},
		{"an online platform is no online event", "Launch", "The city launches an online platform for newcomers.", "", false},
		{"nothing", "Neighbours' evening", "Come along to the town hall.", "", false},
	} {
		if got := onlineEvent(tc.title, tc.text, tc.venue); got != tc.want {
			t.Errorf("%s: onlineEvent = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFeedEventsOnlineAndAllDay: an event item of a feed (no JSON-LD, no
// venue) is online when its text says so, and all-day when it gives only
// dates; a timed one is not.
func TestFeedEventsOnlineAndAllDay(t *testing.T) {
	n := mustNormalizer(t)
	d, err := n.Normalize(Input{URL: "https://ex.example/e/1", Title: "Webinar: housing for newcomers", ContentType: "text/html",
		HTML:          "<p>On 9 December 2026, from 14:00 to 15:30, the office invites policy officers to an online webinar on housing.</p>",
		SourceCountry: "BE"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Event == nil || !d.Event.Online || d.Event.AllDay {
		t.Fatalf("webinar: type %q, event %+v", d.ContentType, d.Event)
	}
	d, err = n.Normalize(Input{URL: "https://ex.example/e/2", Title: "Open days: European Week of Integration",
		HTML:          "<p>From 3 to 7 May 2027, cities across Europe open their welcome centres during the European Week of Integration. The event invites residents to visit.</p>",
		SourceCountry: "BE"})
	if err != nil {
		t.Fatal(err)
	}
	brussels, _ := time.LoadLocation("Europe/Brussels")
	want := catalog.Event{Start: time.Date(2027, 5, 3, 0, 0, 0, 0, brussels), End: time.Date(2027, 5, 7, 0, 0, 0, 0, brussels), AllDay: true}
	if e := d.Event; e == nil || !e.AllDay || e.Online || !e.Start.Equal(want.Start) || !e.End.Equal(want.End) {
		t.Errorf("date-only event: type %q, event %+v, want all-day %s – %s", d.ContentType, d.Event, want.Start, want.End)
	}
}

func FuzzOnlineEvent(f *testing.F) {
	f.Add("Webinar: housing", "Die Veranstaltung findet virtuell statt.", "")
	f.Add("Séminaire", "", "En ligne")
	f.Add("Ενημέρωση", "Διαδικτυακό σεμινάριο", "https://zoom.us/j/1")
	f.Add("", "\xff\xfe online event", "Rue Haute 2, Brussels, and online")
	f.Fuzz(func(t *testing.T, title, text, venue string) {
		onlineEvent(title, text, venue) // must not panic on any input
	})
}
