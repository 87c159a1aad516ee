package portal

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// approvedSource makes a source proposed by owner and approved by an
// editor, and returns its registration.
func approvedSource(t *testing.T, s *site, owner *catalog.User, feed string) *catalog.SourceRegistration {
	t.Helper()
	editor := s.user("editor-"+owner.Email, "editor password", catalog.RoleEditor)
	g := &catalog.SourceRegistration{OwnerID: owner.ID, Kind: catalog.KindFeed, URL: feed, Name: "Gent news", Publisher: "City of Ghent"}
	if err := s.store.CreateSourceRegistration(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	g, err := s.store.DecideSourceRegistration(t.Context(), g.ID, editor.ID, true, "")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestSourceNoticesMailOwners: a source that starts failing is mailed to
// its owner in the owner's language, with the error in words and a link
// to their sources page; a recovery only to those who asked; nothing to
// those who chose none.
func TestSourceNoticesMailOwners(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	owner := s.user("owner@gent.example", "owner password", catalog.RoleSourceOwner)
	owner.EmailLanguage = "fr"
	if err := s.store.UpdateUser(ctx, owner); err != nil {
		t.Fatal(err)
	}
	g := approvedSource(t, s, owner, "https://gent.example/feed.xml")
	n, err := NewSourceNotices(s.store, directMail{s.outbox}, "https://hub.example.eu/", nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	failed := catalog.StatusChange{SourceID: g.SourceID, Name: "Gent news", URL: g.URL, From: catalog.StatusOK,
		To: catalog.StatusFailing, Err: "the server answered 503 Service Unavailable", Class: catalog.ErrServer, At: at}
	recovered := catalog.StatusChange{SourceID: g.SourceID, Name: "Gent news", URL: g.URL, From: catalog.StatusFailing, To: catalog.StatusOK, At: at}

	if err := n.SourceStatusChanged(ctx, failed); err != nil {
		t.Fatal(err)
	}
	ms := s.mails()
	if len(ms) != 1 {
		t.Fatalf("%d mails after the source failed, want 1", len(ms))
	}
	m := ms[0]
	if m.Subject != "Votre source Gent news ne fonctionne plus" || m.Lang != "fr" || !strings.Contains(m.To, "owner@gent.example") {
		t.Errorf("mail %+v", m.Envelope)
	}
	for _, want := range []string{"https://gent.example/feed.xml", "Son état est désormais : En échec.",
		"Le serveur a répondu par une erreur de sa part (code 5xx).", "the server answered 503 Service Unavailable",
		"https://hub.example.eu/fr/sources/mine"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("mail text lacks %q:\n%s", want, m.Text)
		}
	}
	// Errors only, by default: no mail on recovery.
	if err := n.SourceStatusChanged(ctx, recovered); err != nil {
		t.Fatal(err)
	}
	if ms := s.mails(); len(ms) != 1 {
		t.Fatalf("%d mails after a recovery with errors only", len(ms))
	}
	if err := s.store.SetRegistrationNotify(ctx, g.ID, owner.ID, catalog.NotifyAll); err != nil {
		t.Fatal(err)
	}
	if err := n.SourceStatusChanged(ctx, recovered); err != nil {
		t.Fatal(err)
	}
	if ms := s.mails(); len(ms) != 2 || ms[1].Subject != "Votre source Gent news fonctionne de nouveau" {
		t.Fatalf("after a recovery with all: %d mails", len(ms))
	}
	if err := s.store.SetRegistrationNotify(ctx, g.ID, owner.ID, catalog.NotifyNone); err != nil {
		t.Fatal(err)
	}
	if err := n.SourceStatusChanged(ctx, failed); err != nil {
		t.Fatal(err)
	}
	if ms := s.mails(); len(ms) != 2 {
		t.Fatalf("%d mails with none chosen, want still 2", len(ms))
	}
	// A source nobody proposed mails no one.
	if err := n.SourceStatusChanged(ctx, catalog.StatusChange{SourceID: 999, From: catalog.StatusOK, To: catalog.StatusFailing}); err != nil {
		t.Fatal(err)
	}
}

// TestSourceNotifyForm: the owner chooses on their sources page which
// mails they get; an unknown choice is refused with a message, and
// someone else's source is not found.
func TestSourceNotifyForm(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	owner := s.user("owner@gent.example", "owner password", catalog.RoleSourceOwner)
	s.user("other@x.example", "other password", catalog.RoleSourceOwner)
	g := approvedSource(t, s, owner, "https://gent.example/feed.xml")

	b := s.browser()
	b.login("de", "owner@gent.example", "owner password")
	mine := b.get("/de/sources/mine")
	row := "tr#registration-" + itoa(g.ID)
	if got := mine.doc.Find(row+` select[name="notify"] option[selected]`).AttrOr("value", ""); got != "errors" {
		t.Errorf("default choice shown = %q, want errors", got)
	}
	if l := mine.text(row + ` label[for="notify-` + itoa(g.ID) + `"]`); l != "Mir schreiben" {
		t.Errorf("label %q", l)
	}
	p := b.submit(mine, row+" form.notify-form", url.Values{"notify": {"all"}})
	if p.StatusCode != http.StatusOK || p.text(".form-notice") != "Ihre Auswahl der Nachrichten ist gespeichert." {
		t.Fatalf("saving: %d %q", p.StatusCode, p.text(".form-notice"))
	}
	if got, _ := s.store.SourceRegistration(ctx, g.ID); got.Notify != catalog.NotifyAll {
		t.Errorf("stored %q, want all", got.Notify)
	}
	if got := p.doc.Find(row+` option[selected]`).AttrOr("value", ""); got != "all" {
		t.Errorf("page shows %q after saving", got)
	}
	p = b.submit(mine, row+" form.notify-form", url.Values{"notify": {"sometimes"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text(".form-alert") == "" {
		t.Errorf("unknown choice: %d %q", p.StatusCode, p.text(".form-alert"))
	}
	// Without the CSRF token: refused.
	if p := b.post("/de/sources/mine/"+itoa(g.ID)+"/notify", url.Values{"notify": {"none"}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("without CSRF token: %d", p.StatusCode)
	}
	other := s.browser()
	other.login("en", "other@x.example", "other password")
	theirs := other.get("/en/sources/mine")
	token := theirs.doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")
	if token == "" {
		token = other.get("/en/profile").doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")
	}
	if p := other.post("/en/sources/mine/"+itoa(g.ID)+"/notify", url.Values{"csrf_token": {token}, "notify": {"none"}}); p.StatusCode != http.StatusNotFound {
		t.Errorf("another user's source: %d, want 404", p.StatusCode)
	}
	if got, _ := s.store.SourceRegistration(ctx, g.ID); got.Notify != catalog.NotifyAll {
		t.Errorf("another user changed it to %q", got.Notify)
	}
}
