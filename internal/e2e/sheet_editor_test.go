package e2e

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal"
)

// discardMail takes mail and sends none: these pages send none.
type discardMail struct{}

func (discardMail) Enqueue(context.Context, mailer.Message) error { return nil }

// TestSheetEditorAccessibility signs a country coordinator in to a portal
// with accounts over the shared catalog and runs axe-core over the
// editors' country sheet pages (the sections to review and one sheet's
// forms with their history) in the three languages.
func TestSheetEditorAccessibility(t *testing.T) {
	js := axeSource(t)
	ctx, _ := tab(t)
	store := theHub.store
	key := make([]byte, 32)
	rand.Read(key)
	srv, err := portal.New(portal.Options{Catalog: store, Logger: slog.New(slog.DiscardHandler),
		Accounts: &portal.AccountOptions{Store: store, Mail: discardMail{}, Key: key}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	u := &catalog.User{Email: "coordinator-a11y@hub.example", Name: "Coordinatrice", Role: catalog.RoleCountryCoordinator,
		Countries: []string{"FR", "BE"}, EmailVerifiedAt: time.Now()}
	if err := store.CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	// One edit, so that the history lists a text.
	if _, err := store.SaveSheetSection(t.Context(), &catalog.SheetEdit{Country: "FR", Section: catalog.SectionGovernance,
		Text:     "Le ministère de l’Intérieur pilote la politique d’intégration.\n\nVoir https://integration.fr.example/gouvernance",
		Language: "fr", EditorID: u.ID}); err != nil {
		t.Fatal(err)
	}
	token, _, err := store.CreateSession(t.Context(), u.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(ts.URL+"/en/"))
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "ewsi_session", Value: token, URL: ts.URL}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr", "de"} {
		for _, path := range []string{"/editor/countries", "/editor/countries/fr"} {
			full := "/" + lang + path
			do(t, ctx, chromedp.Navigate(ts.URL+full))
			if h := text(t, ctx, "h1"); h == "" || strings.Contains(h, "403") {
				t.Fatalf("%s: heading %q (not signed in?)", full, h)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
				t.Fatalf("%s: injecting axe: %v", full, err)
			}
			for _, v := range eval[[]axeViolation](t, ctx, runAxe) {
				t.Errorf("%s: %s [%s] %s at %s", full, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
			}
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("form.sheet-form").length`); n != 6 {
		t.Errorf("%d section forms on the sheet, want 6", n)
	}
	screenshot(t, ctx, "editor-country-fr-de")
	do(t, ctx, chromedp.Navigate(ts.URL+"/en/editor/countries"))
	screenshot(t, ctx, "editor-countries-en")
}
