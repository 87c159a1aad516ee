package portal

import (
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func TestSendAlerts(t *testing.T) {
	site := newSite(t, func(o *Options) { o.BaseURL = "https://hub.example.eu" })
	ctx := t.Context()
	st := site.store
	ana := site.user("ana@ngo.example", "pw", catalog.RolePractitioner)
	ana.EmailLanguage = "de"
	if err := st.UpdateUser(ctx, ana); err != nil {
		t.Fatal(err)
	}
	quiet := &catalog.User{Email: "unverified@ngo.example", Name: "Q", Role: catalog.RolePractitioner}
	if err := st.CreateUser(ctx, quiet); err != nil {
		t.Fatal(err)
	}
	save := func(u *catalog.User, name, query string, f catalog.AlertFrequency) catalog.SavedSearch {
		ss := catalog.SavedSearch{UserID: u.ID, Name: name, Query: query, Frequency: f}
		if err := st.CreateSavedSearch(ctx, &ss); err != nil {
			t.Fatal(err)
		}
		return ss
	}
	daily := save(ana, "Wohnen", "q=wohnungen&lang=de", catalog.AlertDaily)
	save(ana, "Wöchentlich", "q=wohnungen", catalog.AlertWeekly)
	save(ana, "Nichts Neues", "q=nirgendwo", catalog.AlertDaily)
	save(quiet, "Unverified", "q=wohnungen", catalog.AlertDaily)

	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://city.example/feed", Name: "City"}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	t0 := daily.CreatedAt
	for i, d := range []struct {
		title, lang string
		published   time.Time
	}{
		{"Neue Wohnungen für Geflüchtete in Leipzig", "de", t0.Add(time.Hour)},
		{"Wohnungen: Bilanz des Vorjahres", "de", t0.Add(-48 * time.Hour)}, // before the search was saved
		{"Wohnungen im Stadtteil", "en", t0.Add(2 * time.Hour)},            // another language than the filter
	} {
		doc := catalog.Document{SourceID: src.ID, Key: string(rune('a' + i)), URL: "https://city.example/" + string(rune('a'+i)),
			Title: d.title, Text: "Text über Wohnungen.", Language: d.lang, Published: d.published, Harvested: t0}
		if _, err := st.UpsertDocument(ctx, &doc); err != nil {
			t.Fatal(err)
		}
	}

	at := t0.Add(25 * time.Hour)
	n, err := site.server.SendAlerts(ctx, at)
	if err != nil || n != 1 {
		t.Fatalf("SendAlerts = %d, %v; want 1 mail (the weekly is not due, one search finds nothing, one owner is unverified)", n, err)
	}
	mails := site.mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails", len(mails))
	}
	m := mails[0]
	if !strings.Contains(m.To, "ana@ngo.example") || m.Subject != "Neue Dokumente zu Ihrer Suche „Wohnen“" {
		t.Errorf("mail to %q, subject %q", m.To, m.Subject)
	}
	for _, want := range []string{"Neue Wohnungen für Geflüchtete in Leipzig", "https://hub.example.eu/de/documents/",
		"https://hub.example.eu/de/search?q=wohnungen&lang=de", "https://hub.example.eu/de/searches", "seit dem"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("mail lacks %q:\n%s", want, m.Text)
		}
	}
	for _, not := range []string{"Bilanz des Vorjahres", "Stadtteil"} {
		if strings.Contains(m.Text, not) {
			t.Errorf("mail lists %q, which is old or filtered out", not)
		}
	}
	// Every due search moved on, mailed or not; nothing is sent twice.
	for _, id := range []int64{daily.ID} {
		got, err := st.SavedSearch(ctx, ana.ID, id)
		if err != nil || !got.AlertedAt.Equal(at.UTC().Truncate(time.Microsecond)) {
			t.Errorf("search %d alerted at %v, %v", id, got.AlertedAt, err)
		}
	}
	if n, err := site.server.SendAlerts(ctx, at.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("SendAlerts an hour later = %d, %v; want nothing", n, err)
	}
	// A week on, the weekly search finds both new documents.
	if n, err := site.server.SendAlerts(ctx, t0.Add(8*24*time.Hour)); err != nil || n != 1 {
		t.Errorf("SendAlerts a week on = %d, %v; want the weekly alert only (no new document for the daily ones)", n, err)
	}
	if last := site.mails()[1]; !strings.Contains(last.Text, "Stadtteil") || !strings.Contains(last.Text, "Leipzig") {
		t.Errorf("weekly mail:\n%s", last.Text)
	}
}

func TestSendAlertsNeedsBaseURL(t *testing.T) {
	site := newSite(t)
	if _, err := site.server.SendAlerts(t.Context(), time.Now()); err == nil {
		t.Error("SendAlerts without BaseURL made links from nowhere")
	}
}
