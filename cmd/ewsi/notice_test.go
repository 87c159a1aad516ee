package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/config"
	"github.com/ewsi/hub/mailer"
)

// TestFailingSourceMailsOwnerOnce runs the real path: a harvest that
// moves an owner's source from ok to failing queues a mail:send task, a
// worker delivers it to an SMTP relay in the owner's language; the next
// failed run sends nothing more; the recovery, mailed only on request,
// reaches an owner who asked for it.
func TestFailingSourceMailsOwnerOnce(t *testing.T) {
	var broken atomic.Bool
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Verein</title><item><title>Sprachkurse für Geflüchtete</title>`+
			`<link>https://verein.example/1</link><guid>1</guid><description>Der Verein bietet ab März Sprachkurse für Geflüchtete an.</description></item></channel></rss>`)
	}))
	defer feed.Close()

	cfg, _, err := config.Load("ewsi test", []string{"--data", t.TempDir(), "--allow-private", "127.0.0.1/32", "--host-delay", "0s"},
		func(string) string { return "" }, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := (&env{stderr: io.Discard, getenv: func(string) string { return "" }}).open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	ctx := t.Context()
	owner := &catalog.User{Email: "jonas@verein.example", Name: "Jonas Weber", Role: catalog.RoleSourceOwner, EmailLanguage: "de"}
	editor := &catalog.User{Email: "ed@hub.example", Name: "Ed", Role: catalog.RoleEditor}
	for _, u := range []*catalog.User{owner, editor} {
		if err := a.store.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	g := &catalog.SourceRegistration{OwnerID: owner.ID, Kind: catalog.KindFeed, URL: feed.URL + "/feed.xml", Name: "Vereinsnachrichten", Publisher: "Verein"}
	if err := a.store.CreateSourceRegistration(ctx, g); err != nil {
		t.Fatal(err)
	}
	if g, err = a.store.DecideSourceRegistration(ctx, g.ID, editor.ID, true, ""); err != nil {
		t.Fatal(err)
	}

	// The mail path: queue on an in-process Redis, a worker, an SMTP relay.
	mr := miniredis.NewMiniRedis()
	mr.ClockTTL(true)
	if err := mr.StartAddr("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer mr.Close()
	ropt := asynq.RedisClientOpt{Addr: mr.Addr()}
	r := startRelay(t)
	smtpMail, err := mailer.NewSMTP(mailer.SMTPOptions{Host: "127.0.0.1", Port: r.port, TLS: mailer.TLSNone,
		From: "hub@ewsi.example", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv := asynq.NewServer(ropt, asynq.Config{Concurrency: 1, LogLevel: asynq.FatalLevel})
	mux := asynq.NewServeMux()
	mux.Handle(TypeMailSend, handleMailSend(smtpMail, slog.New(slog.DiscardHandler)))
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	insp := asynq.NewInspector(ropt)
	defer insp.Close()

	notify, err := a.notices(ropt, "https://hub.example.eu")
	if err != nil {
		t.Fatal(err)
	}
	h, err := a.harvester(nil, notify)
	if err != nil {
		t.Fatal(err)
	}
	harvest := func(step string, want catalog.SourceStatus) {
		t.Helper()
		o, err := h.HarvestSource(ctx, g.SourceID)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if got := o.SourceStatus(); got != want {
			t.Fatalf("%s: source %s, want %s (%s)", step, got, want, o.Err)
		}
	}
	harvest("first harvest", catalog.StatusOK)
	broken.Store(true)
	harvest("starts failing", catalog.StatusFailing)
	m := r.next(t)
	if m.Subject != "Ihre Quelle Vereinsnachrichten funktioniert nicht mehr" || m.Lang != "de" || !strings.Contains(m.To, "jonas@verein.example") {
		t.Errorf("mail %+v", m.Envelope)
	}
	for _, want := range []string{"Guten Tag Jonas Weber,", g.URL, "Der Server antwortete mit einem eigenen Fehler (Status 5xx).",
		"https://hub.example.eu/de/sources/mine"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("mail lacks %q:\n%s", want, m.Text)
		}
	}
	harvest("fails again", catalog.StatusFailing)
	harvest("and again", catalog.StatusFailing)
	broken.Store(false)
	harvest("recovers, mailed to nobody: errors only", catalog.StatusOK)
	// Every task queued so far has run: one mail, the first.
	if n := processedMails(t, insp); n != 1 {
		t.Errorf("%d mails sent for one failure and a recovery with errors only, want 1", n)
	}
	if len(r.received) != 0 {
		t.Errorf("the relay received %d more mails", len(r.received))
	}

	if err := a.store.SetRegistrationNotify(ctx, g.ID, owner.ID, catalog.NotifyAll); err != nil {
		t.Fatal(err)
	}
	broken.Store(true)
	harvest("fails once more", catalog.StatusFailing)
	if m := r.next(t); !strings.HasPrefix(m.Subject, "Ihre Quelle Vereinsnachrichten funktioniert nicht") {
		t.Errorf("second failure: %q", m.Subject)
	}
	broken.Store(false)
	harvest("recovers", catalog.StatusOK)
	if m := r.next(t); m.Subject != "Ihre Quelle Vereinsnachrichten funktioniert wieder" {
		t.Errorf("recovery: %q", m.Subject)
	}
}

// processedMails waits until no mail task is pending, running or due for
// a retry, and returns how many were processed.
func processedMails(t *testing.T, insp *asynq.Inspector) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		q, err := insp.GetQueueInfo("default")
		if err != nil {
			t.Fatal(err)
		}
		if q.Size == 0 {
			return q.Processed
		}
		if time.Now().After(deadline) {
			t.Fatalf("mail tasks still queued: %+v", q)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
