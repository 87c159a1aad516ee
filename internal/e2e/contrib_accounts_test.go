package e2e

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal"
	"github.com/ewsi/hub/portal/auth"
)

// The shared hub serves the public pages without accounts. The pages of
// signed-in users are served by a second portal over the same catalog,
// with accounts on and mail written to an contribOutbox: what is published
// there shows on both.

// Accounts of the browser tests, with their passwords.
const (
	contributorEmail   = "ana@mentor.example"
	contribEditorEmail = "eda@hub.example"
	contribPassword    = "a long browser password"
)

var (
	acctOnce      sync.Once
	acctURL       string
	acctErr       error
	contribOutbox *mailer.Outbox
)

// directMail delivers at once to a Mailer, standing in for the queue.
type directMail struct{ m mailer.Mailer }

func (d directMail) Enqueue(ctx context.Context, m mailer.Message) error { return d.m.Send(ctx, m) }

// accountsPortal returns the address of the portal with accounts, started
// on first use with a practitioner and an editor.
func accountsPortal(t *testing.T) string {
	t.Helper()
	acctOnce.Do(func() { acctURL, acctErr = startAccounts(theHub) })
	if acctErr != nil {
		t.Fatal(acctErr)
	}
	return acctURL
}

func startAccounts(h *hub) (string, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "ewsi-e2e-contribOutbox-")
	if err != nil {
		return "", err
	}
	stopAll = append(stopAll, func() { os.RemoveAll(dir) })
	if contribOutbox, err = mailer.NewOutbox(filepath.Join(dir, "contribOutbox"), "hub@ewsi.example"); err != nil {
		return "", err
	}
	cheap := auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	key := make([]byte, 32)
	rand.Read(key)
	srv, err := portal.New(portal.Options{Catalog: h.store, Logger: slog.New(slog.DiscardHandler),
		Accounts: &portal.AccountOptions{Store: h.store, Mail: directMail{contribOutbox}, Outbox: contribOutbox, Key: key,
			PasswordParams: cheap, RegularContributors: 1}})
	if err != nil {
		return "", err
	}
	for _, u := range []catalog.User{
		{Email: contributorEmail, Name: "Ana Sousa", Organisation: "Associação Mentor", OrganisationType: "civil-society",
			Country: "PT", Role: catalog.RolePractitioner, EmailVerifiedAt: time.Now()},
		{Email: contribEditorEmail, Name: "Eda Editor", Role: catalog.RoleEditor, EmailVerifiedAt: time.Now()},
	} {
		if err := h.store.CreateUser(ctx, &u); err != nil {
			return "", fmt.Errorf("user %s: %w", u.Email, err)
		}
		if err := h.store.SetPassword(ctx, u.ID, cheap.HashPassword(contribPassword)); err != nil {
			return "", err
		}
	}
	if err := seedContribution(ctx, h); err != nil {
		return "", err
	}
	ts := httptest.NewServer(srv.Handler())
	stopAll = append(stopAll, ts.Close)
	return ts.URL, nil
}

// seededContribution is the id of a published case study the contributor
// sent before the tests, so the report and the profile have rows.
var seededContribution int64

// pendingContribution waits for review: editors preview it.
var pendingContribution int64

func seedContribution(ctx context.Context, h *hub) error {
	u, err := h.store.UserByEmail(ctx, contributorEmail)
	if err != nil {
		return err
	}
	src, err := h.store.ContributionSource(ctx)
	if err != nil {
		return err
	}
	d := &catalog.Document{SourceID: src.ID, Key: "contribution/seed", Title: "Sprachcafé für Neuzugewanderte",
		Summary: "Ehrenamtliche laden jede Woche zum Gespräch ein.", Text: "Sprachpraxis im Alltag.", Language: "de",
		ContentType: "case-study", Countries: []string{"DE"}, State: catalog.StatePublished, Published: time.Now().UTC(),
		CaseStudy: &catalog.CaseStudy{Region: "Leipzig", Aims: "Sprachpraxis im Alltag.", Activities: "Wöchentliche Treffen.", Innovative: true}}
	c := &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeCaseStudy, Credit: true, SummaryEN: "Volunteers invite newcomers to talk every week."}
	if err := h.store.SubmitContribution(ctx, d, c); err != nil {
		return err
	}
	seededContribution = d.ID
	p := &catalog.Document{SourceID: src.ID, Key: "contribution/pending", Title: "Nova ronda de mentoria",
		Summary: "Candidaturas abertas até ao fim do mês.", Language: "pt", ContentType: "news", State: catalog.StatePending,
		Published: time.Now().UTC()}
	if err := h.store.SubmitContribution(ctx, p, &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeNews, Credit: true}); err != nil {
		return err
	}
	pendingContribution = p.ID
	return nil
}

// submitted clicks the button sel selects and waits until the browser
// has loaded the page the form leads to (a new document, whatever its
// address).
func submitted(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	eval[bool](t, ctx, `(document.documentElement.dataset.stale = "1") === "1"`)
	do(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	const probe = `document.readyState === "complete" && !document.documentElement.dataset.stale`
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](probe)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("clicking %s loaded no new page", sel)
}

// signIn signs in through the form in lang.
func signInAs(t *testing.T, ctx context.Context, base, lang, email string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/"+lang+"/login"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), contribPassword))
	submitted(t, ctx, "main form button[type=submit]")
	if got := text(t, ctx, "header ul.account a"); got == "" {
		t.Fatalf("not signed in as %s", email)
	}
}

// signOut signs out with the header's button.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	submitted(t, ctx, ".logout-form button")
}

// mailsTo counts the contribOutbox's mails to addr with subject.
func mailsTo(t *testing.T, addr, subject string) int {
	t.Helper()
	list, err := contribOutbox.List(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range list {
		if e.Subject == subject && strings.Contains(e.To, addr) {
			n++
		}
	}
	return n
}
