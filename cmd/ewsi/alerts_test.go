package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
)

// TestAlertsCommand: `ewsi alerts` mails the due alert of a saved search
// once, to the outbox of the embedded mode, and refuses to run without a
// public address for the links.
func TestAlertsCommand(t *testing.T) {
	data := t.TempDir()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"alerts", "--data", data}, &out, &errOut, noEnv); !errors.Is(err, errUsage) {
		t.Fatalf("alerts without --base-url: %v", err)
	}
	runOK(t, "migrate", "--data", data)

	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	u := &catalog.User{Email: "ana@ngo.example", Name: "Ana", Role: catalog.RolePractitioner,
		EmailVerifiedAt: time.Now(), EmailLanguage: "fr"}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://city.example/feed", Name: "City"}
	ss := catalog.SavedSearch{Name: "Logement", Query: "q=logement", Frequency: catalog.AlertDaily}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	ss.UserID = u.ID
	if err := errors.Join(st.CreateSource(ctx, &src), st.CreateSavedSearch(ctx, &ss)); err != nil {
		t.Fatal(err)
	}
	// Saved more than a day ago: the alert is due.
	if _, err := st.MarkSavedSearchAlerted(ctx, ss.ID, ss.CreatedAt, ss.CreatedAt.Add(-25*time.Hour)); err != nil {
		t.Fatal(err)
	}
	doc := catalog.Document{SourceID: src.ID, Key: "a", URL: "https://city.example/a", Title: "Logement des réfugiés à Lyon",
		Language: "fr", Published: ss.CreatedAt.Add(-time.Hour), Harvested: time.Now()}
	if _, err := st.UpsertDocument(ctx, &doc); err != nil {
		t.Fatal(err)
	}
	st.Close()

	if got := runOK(t, "alerts", "--data", data, "--base-url", "https://hub.example.eu"); !strings.Contains(got, "alerts sent: 1") {
		t.Fatalf("alerts said %q", got)
	}
	if got := runOK(t, "alerts", "--data", data, "--base-url", "https://hub.example.eu"); !strings.Contains(got, "alerts sent: 0") {
		t.Errorf("second run said %q; an alert goes out once", got)
	}
	mails, err := filepath.Glob(filepath.Join(data, "outbox", "*.eml"))
	if err != nil || len(mails) != 1 {
		t.Fatalf("outbox holds %v, %v", mails, err)
	}
	body, err := os.ReadFile(mails[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Logement des r", "https://hub.example.eu/fr/documents/"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("mail lacks %q:\n%s", want, body)
		}
	}
}
