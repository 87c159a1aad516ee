package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
)

// staleCatalog makes a catalog in data with a coordinator of France, an
// editor, and a stale section in France (which has a coordinator) and in
// Norway (which has none).
func staleCatalog(t *testing.T, data string) {
	t.Helper()
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	for _, u := range []catalog.User{
		{Email: "coord@hub.example", Name: "Claire Coordinatrice", Role: catalog.RoleCountryCoordinator,
			Countries: []string{"FR"}, EmailLanguage: "fr", EmailVerifiedAt: now},
		{Email: "editor@hub.example", Name: "Erik Editor", Role: catalog.RoleEditor, EmailVerifiedAt: now},
		{Email: "unverified@hub.example", Name: "Not Confirmed", Role: catalog.RoleEditor},
	} {
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []catalog.SheetEdit{
		{Country: "FR", Section: catalog.SectionLegislation, Text: "Loi.", Language: "fr", At: now.AddDate(-2, 0, 0)},
		{Country: "NO", Section: catalog.SectionStatistics, Text: "Figures.", Language: "en", At: now.AddDate(-1, -1, 0)},
		{Country: "DE", Section: catalog.SectionGovernance, Text: "Current.", Language: "de", At: now.AddDate(0, -1, 0)},
	} {
		if _, err := s.SaveSheetSection(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSheetRemindersThroughQueueAndRelay runs `ewsi serve` with an SMTP
// relay over a catalog with stale sections: the scheduler queues
// sheets:remind, a worker claims the sections and queues one mail per
// person, and mail:send delivers them in a real SMTP conversation — the
// coordinator of France in French about France, the editors about Norway,
// which has no coordinator.
func TestSheetRemindersThroughQueueAndRelay(t *testing.T) {
	r := startRelay(t)
	data := t.TempDir()
	staleCatalog(t, data)
	base, _ := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", data,
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(r.port), "--smtp-tls", "none")
	got := map[string]string{}
	for range 2 {
		l := r.next(t)
		// Keyed by the address alone, whatever the quoting of the name.
		addr := l.To[strings.LastIndex(l.To, "<")+1 : len(l.To)-1]
		got[addr] = l.Subject + "\n" + l.Text
	}
	coord, editor := got["coord@hub.example"], got["editor@hub.example"]
	if !strings.Contains(coord, "Sections de fiches pays à revoir") || !strings.Contains(coord, "France — Législation") ||
		!strings.Contains(coord, base+"fr/editor/countries/fr#edit-legislation") || strings.Contains(coord, "Norv") {
		t.Errorf("the coordinator's reminder:\n%s", coord)
	}
	if !strings.Contains(editor, "Country sheet sections to review") || !strings.Contains(editor, "Norway — Statistics") ||
		strings.Contains(editor, "France") || strings.Contains(editor, "Germany") {
		t.Errorf("the editor's reminder:\n%s", editor)
	}
	if len(got) != 2 || coord == "" {
		t.Errorf("reminders went to %d addresses: %v", len(got), got)
	}
}

// TestSheetsRemindCommand: `ewsi sheets remind` sends the reminders at
// once through the relay, and a second run within the same stale period
// sends none.
func TestSheetsRemindCommand(t *testing.T) {
	r := startRelay(t)
	data := t.TempDir()
	staleCatalog(t, data)
	args := []string{"sheets", "remind", "--data", data, "--base-url", "https://hub.example.eu",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(r.port), "--smtp-tls", "none"}
	var out bytes.Buffer
	if err := run(context.Background(), args, &out, &bytes.Buffer{}, noEnv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "country sheet reminders sent: 2") {
		t.Errorf("first run printed %q", out.String())
	}
	for range 2 {
		if l := r.next(t); !strings.Contains(l.Text, "https://hub.example.eu/") {
			t.Errorf("reminder without the base URL:\n%s", l.Text)
		}
	}
	out.Reset()
	if err := run(context.Background(), args, &out, &bytes.Buffer{}, noEnv); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "country sheet reminders sent: 0") {
		t.Errorf("second run printed %q", out.String())
	}
	// A longer max age makes nothing stale: still nothing sent.
	out.Reset()
	if err := run(context.Background(), append(args, "--sheet-max-age", "100000h"), &out, &bytes.Buffer{}, noEnv); err != nil ||
		!strings.Contains(out.String(), "sent: 0") {
		t.Errorf("with a long max age: %q, %v", out.String(), err)
	}
}
