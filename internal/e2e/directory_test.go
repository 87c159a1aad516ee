package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/ewsi/hub/catalog"
)

// firstOrganisation returns the id of the directory's first entry, the
// fixture web's publisher with the most sources harvested (by name).
func firstOrganisation(t *testing.T) int64 {
	t.Helper()
	res, err := theHub.store.Organisations(t.Context(), catalog.OrganisationQuery{Text: "Bundesamt"})
	if err != nil || len(res.Organisations) == 0 {
		t.Fatalf("no directory entry for the Bundesamt: %v", err)
	}
	return res.Organisations[0].ID
}

// signInEditorSession puts a new session of the editor in the browser's
// cookie, for the hub's portal with accounts: a new one each time, since
// other tests signing in or out on the same host end the one before.
func signInEditorSession(t *testing.T, ctx context.Context) {
	t.Helper()
	session, _, err := theHub.store.CreateSession(t.Context(), theHub.EditorID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	httpOnly := true
	do(t, ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{
			// Host-only, like the cookie the portal sets, so that a
			// later sign-in through the form replaces it.
			Name: "ewsi_session", Value: session, URL: theHub.URL + "/",
			HTTPOnly: &httpOnly, SameSite: network.CookieSameSiteLax,
		})
		return err
	}))
	do(t, ctx, chromedp.Navigate(theHub.URL+"/en/profile"))
	if got := text(t, ctx, "h1"); got == "" || strings.Contains(strings.ToLower(got), "sign in") {
		t.Fatalf("the editor's session did not sign the browser in (h1 %q)", got)
	}
}

// TestFindAnOrganisation: a visitor opens the directory, filters it by
// theme and country with its form, opens the organisation found and sees
// its details; then asks partner search the same in French.
func TestFindAnOrganisation(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/en/"))
	follow(t, ctx, `header nav a[href="/en/directory"]`)
	if h1 := text(t, ctx, "h1"); h1 != "Directory of organisations" {
		t.Fatalf("directory heading %q", h1)
	}
	all := eval[int](t, ctx, `document.querySelectorAll("ol.organisations > li").length`)
	if all < 5 {
		t.Fatalf("the directory lists %d organisations", all)
	}
	screenshot(t, ctx, "directory-en")

	do(t, ctx,
		chromedp.SetValue(chromedp.ID("theme"), "economic-participation"),
		chromedp.SetValue(chromedp.ID("country"), "DE"),
		chromedp.Click(chromedp.CSS(`main form.directory-form button[type="submit"]`)),
	)
	waitLoaded(t, ctx, "/en/directory?q=&type=&country=DE&theme=economic-participation")
	names := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.organisations > li h3 a")).map(a => a.textContent)`)
	if len(names) == 0 || len(names) >= all {
		t.Fatalf("filtered by economic participation in Germany: %v (of %d)", names, all)
	}
	found := false
	for _, n := range names {
		found = found || n == "Bundesamt für Teilhabe und Integration"
	}
	if !found {
		t.Fatalf("the German federal office is not among %v", names)
	}
	for _, f := range []string{"theme", "country"} {
		if n := eval[int](t, ctx, `document.querySelectorAll('[data-facet="`+f+`"] a[aria-current="true"]').length`); n != 1 {
			t.Errorf("facet %s shows %d selected values, want 1", f, n)
		}
	}
	screenshot(t, ctx, "directory-filtered-en")

	follow(t, ctx, `ol.organisations > li h3 a[href$="/`+itoa(firstOrganisation(t))+`"]`)
	if h1 := text(t, ctx, "h1"); h1 != "Bundesamt für Teilhabe und Integration" {
		t.Fatalf("organisation page heading %q", h1)
	}
	facts := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("main dl dt")).map(e => e.textContent)`)
	for _, want := range []string{"Type of organisation", "Based in", "Website", "Working languages", "Also active on (from its documents)"} {
		if !contains(facts, want) {
			t.Errorf("organisation facts %v lack %q", facts, want)
		}
	}
	if place := text(t, ctx, "main dl dd:nth-of-type(2)"); place != "Berlin, Germany" {
		t.Errorf("place %q", place)
	}
	docs := eval[int](t, ctx, `document.querySelectorAll("main ol.hits li.hit").length`)
	if docs == 0 {
		t.Error("the organisation page lists none of its documents")
	}
	if lang := eval[string](t, ctx, `document.querySelector("main ol.hits .hit-title a").getAttribute("lang")`); lang != "de" {
		t.Errorf("its first document's title is marked lang=%q, want de", lang)
	}
	screenshot(t, ctx, "organisation-en")

	// Partner search, in French: the same question, the same answer.
	do(t, ctx, chromedp.Navigate(base+"/fr/partners"))
	do(t, ctx,
		chromedp.SetValue(chromedp.ID("theme"), "economic-participation"),
		chromedp.SetValue(chromedp.ID("country"), "DE"),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
	)
	waitLoaded(t, ctx, "/fr/partners?theme=economic-participation&country=DE&type=")
	if h2 := text(t, ctx, "#results-heading"); h2 != "Partenaires possibles" {
		t.Errorf("partner search results heading %q", h2)
	}
	partners := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.organisations > li h3 a")).map(a => a.textContent)`)
	if !contains(partners, "Bundesamt für Teilhabe und Integration") {
		t.Errorf("partner search found %v", partners)
	}
	screenshot(t, ctx, "partners-fr")
}

// TestDirectoryPagesAnswer: the pages the browser tests depend on answer
// 200 over plain HTTP.
func TestDirectoryPagesAnswer(t *testing.T) {
	_, base := tab(t)
	for _, p := range []string{"/en/directory", "/de/partners?country=DE", "/fr/directory/organisations/" + itoa(firstOrganisation(t))} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func contains(list []string, v string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == v {
			return true
		}
	}
	return false
}
