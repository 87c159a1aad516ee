package portal

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/mailer"
)

// recordMail keeps the messages queued.
type recordMail struct{ got []mailer.Message }

func (m *recordMail) Enqueue(_ context.Context, msg mailer.Message) error {
	m.got = append(m.got, msg)
	return nil
}

// TestSheetReminderWaitsForSomeone: a stale section of a country nobody
// looks after is not used up; once an editor exists it is reminded, once.
func TestSheetReminderWaitsForSomeone(t *testing.T) {
	ctx := t.Context()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	if _, err := store.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "PT", Section: catalog.SectionStatistics,
		Text: "Números.", Language: "pt", At: now.AddDate(-2, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	mail := &recordMail{}
	r, err := NewSheetReminder(ReminderOptions{Store: store, Mail: mail, BaseURL: "https://hub.example.eu/",
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := r.Remind(ctx); err != nil || n != 0 {
		t.Fatalf("with nobody to remind: %d, %v", n, err)
	}
	ed := &catalog.User{Email: "ed@hub.example", Name: "Eva", Role: catalog.RoleEditor, EmailLanguage: "de", EmailVerifiedAt: now}
	if err := store.CreateUser(ctx, ed); err != nil {
		t.Fatal(err)
	}
	if n, err := r.Remind(ctx); err != nil || n != 1 || len(mail.got) != 1 {
		t.Fatalf("with an editor: %d, %v", n, err)
	}
	m := mail.got[0]
	if m.To != "ed@hub.example" || m.Lang != "de" || m.Subject != "Abschnitte von Länderprofilen zu überprüfen" ||
		!strings.Contains(m.Text, "Portugal — Statistiken (zuletzt geprüft am 26. November 2024)") ||
		!strings.Contains(m.Text, "https://hub.example.eu/de/editor/countries/pt#edit-statistics") ||
		!strings.Contains(m.Text, "365 Tagen") {
		t.Errorf("reminder:\n%s\n%s", m.Subject, m.Text)
	}
	if n, _ := r.Remind(ctx); n != 0 {
		t.Errorf("a second run reminded %d people", n)
	}
	if _, err := NewSheetReminder(ReminderOptions{Store: store, Mail: mail}); err == nil {
		t.Error("a reminder without the portal's address was made")
	}
}
