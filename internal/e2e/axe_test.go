package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/auth"
)

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeSource reads axe-core as scripts/browser.sh installs it.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
		if err != nil {
			axeErr = fmt.Errorf("axe-core is not installed (run scripts/browser.sh): %w", err)
		}
		axeJS = string(b)
	})
	need(t, axeErr)
	return axeJS
}

// axeViolation is one failed axe rule with the elements that fail it.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// runAxe runs axe with the tags of WCAG 2.0 and 2.1, levels A and AA (what
// the Web Accessibility Directive requires), and lists the violations.
const runAxe = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		targets: v.nodes.map(n => n.target.join(" "))})))`

// pageTypes are the addresses of every page type, under a language
// prefix; {doc} stands for a document id.
var pageTypes = []struct{ name, path string }{
	{"home", "/"},
	{"search", "/search?q=integration"},
	{"search-filtered", "/search?type=news&sort=date"},
	{"search-empty", "/search?q=zzzzqqqq"},
	{"document", "/documents/{doc}"},
	{"event-document", "/documents/{event}"},
	{"call-document", "/documents/{call}"},
	{"events-month", "/events?month=2026-12"},
	{"events-list", "/events?view=list"},
	{"events-past", "/events?view=list&when=past&mode=in-person"},
	{"funding", "/funding"},
	{"funding-closed", "/funding/closed"},
	{"themes", "/themes"},
	{"theme", "/themes/economic-participation"},
	{"types", "/types"},
	{"type", "/types/news"},
	{"countries", "/countries"},
	{"country", "/countries/fr"},
	{"case-studies", "/case-studies"},
	{"case-studies-filtered", "/case-studies?criteria=evaluated"},
	{"case-study", "/case-studies/{case}"},
	{"case-studies-compare", "/case-studies/compare?id={case}&id={case2}&id={case3}"},
	{"case-studies-compare-refused", "/case-studies/compare?id={case}"},
	{"not-found", "/no-such-page"},
	{"directory", "/directory"},
	{"directory-filtered", "/directory?theme=economic-participation&country=DE"},
	{"partners", "/partners"},
	{"partners-results", "/partners?theme=social-cohesion&country=EU"},
	{"organisation", "/directory/organisations/{org}"},
}

// directoryPageTypes are the directory's page types kept for members,
// checked signed in as an editor on the hub's second portal.
var directoryPageTypes = []struct{ name, path string }{
	{"people", "/directory/people"},
	{"organisation-new", "/directory/organisations/new"},
	{"organisation-edit", "/directory/organisations/{org}/edit"},
	{"organisation-editor", "/directory/organisations/{org}"},
	{"figures", "/admin/figures"},
}

// TestAccessibilityDirectoryPages runs axe-core over the directory's pages
// kept for members (people directory, organisation form, figures), signed
// in as an editor, in every interface language.
func TestAccessibilityDirectoryPages(t *testing.T) {
	js := axeSource(t)
	tab(t) // starts the hub when this test runs first
	ids := strings.NewReplacer("{org}", strconv.FormatInt(firstOrganisation(t), 10))
	for _, lang := range []string{"en", "fr", "de"} {
		t.Run(lang, func(t *testing.T) {
			ctx, _ := tab(t)
			signInEditorSession(t, ctx)
			for _, p := range directoryPageTypes {
				checkAxe(t, ctx, js, theHub.URL, "/"+lang+ids.Replace(p.path), p.name+" "+lang, 0)
			}
		})
	}
}

// memberPageTypes are the page types only signed-in visitors see, checked
// as a member with saved searches.
var memberPageTypes = []struct{ name, path string }{
	{"saved-searches", "/searches"},
	{"search-with-save-form", "/search?q=integration"},
}

// TestAccessibilityMemberPages runs axe over the members' page types in
// every interface language, signed in through the sign-in form.
func TestAccessibilityMemberPages(t *testing.T) {
	js := axeSource(t)
	ctx, base := tabFor(t, axeLimit)
	signInMember(t, ctx, base)
	for _, lang := range []string{"en", "fr", "de"} {
		for _, p := range memberPageTypes {
			path := "/" + lang + p.path
			checkAxe(t, ctx, js, base, path, p.name+" "+lang, 200)
			if n := eval[int](t, ctx, `document.querySelectorAll("li.saved-search, form.save-search-form").length`); n == 0 {
				t.Fatalf("%s: not signed in, or nothing to check", path)
			}
		}
	}
	// The tabs share the browser's cookies: the other tests visit as
	// anonymous visitors.
	do(t, ctx,
		chromedp.Navigate(base+"/en/searches"),
		chromedp.Submit(chromedp.CSS(".logout-form button")),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/en/login"]`)),
	)
}

// signInMember makes a member with two saved searches (once per hub) and
// signs the tab in with the form.
func signInMember(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	const email, pw = "axe@ngo.example", "axe member password"
	st := theHub.store
	u, err := st.UserByEmail(ctx, email)
	if errors.Is(err, catalog.ErrNotFound) {
		u = &catalog.User{Email: email, Name: "Axe", Role: catalog.RolePractitioner, EmailVerifiedAt: time.Now()}
		err = st.CreateUser(ctx, u)
		for _, ss := range []catalog.SavedSearch{
			{UserID: u.ID, Name: "Intégration professionnelle", Query: "q=int%C3%A9gration+professionnelle", Frequency: catalog.AlertWeekly},
			{UserID: u.ID, Name: "Wohnen", Query: "lang=de&q=wohnen&theme=housing"},
		} {
			if err == nil {
				err = st.CreateSavedSearch(ctx, &ss)
			}
		}
		if err == nil {
			err = st.SetPassword(ctx, u.ID, auth.DefaultParams.HashPassword(pw))
		}
	}
	need(t, err)
	// Another test may have left the browser signed in (the tabs share
	// cookies): start from none, so the form's answer is what is awaited.
	do(t, ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{})
			return err
		}),
		chromedp.Navigate(base+"/en/login"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), pw),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".logout-form")),
	)
}

// TestAccessibility runs axe-core over every page type in every interface
// language and fails on any WCAG 2.1 A or AA violation. axe is injected
// through Runtime.evaluate, which the page's Content-Security-Policy (no
// inline script) does not govern; the test checks that axe loaded.
func TestAccessibility(t *testing.T) {
	js := axeSource(t)
	ctx, base := tabFor(t, axeLimit)
	ids := documentIDs(t, ctx, base)
	// One tab per language, each within its own time limit: on a loaded
	// machine axe over every page type in one tab outlasts it.
	for _, lang := range []string{"en", "fr", "de"} {
		t.Run(lang, func(t *testing.T) {
			ctx, base := tabFor(t, axeLimit)
			for _, p := range pageTypes {
				checkAxe(t, ctx, js, base, "/"+lang+ids.Replace(p.path), p.name+" "+lang, 0)
			}
		})
	}
}

// axeLimit bounds a tab that axe walks through every page type in three
// languages: seconds a page when the machine is busy.
const axeLimit = 8 * time.Minute

// TestAccessibilityAccounts runs axe over the account and editorial
// pages in every interface language, each seen by the role it is for:
// a visitor (register, sign in, password, verification), a source owner,
// an editor and an administrator, each signed in through the form in a
// browser context of its own.
func TestAccessibilityAccounts(t *testing.T) {
	js := axeSource(t)
	_, base := tab(t)
	tabs := map[string]context.Context{"": privateTab(t)}
	for _, who := range []string{ownerEmail, editorEmail, adminEmail} {
		tabs[who] = privateTab(t)
		signIn(t, tabs[who], base, who)
	}
	for _, lang := range []string{"en", "fr", "de"} {
		for _, p := range theHub.accounts.pageTypes() {
			checkAxe(t, tabs[p.as], js, base, "/"+lang+p.path, p.name+" "+lang, 200)
		}
		// A form sent empty comes back with its messages per field.
		ctx := tabs[""]
		do(t, ctx, chromedp.Navigate(base+"/"+lang+"/register"))
		submitAndWait(t, ctx, `main form button[type="submit"]`)
		if n := eval[int](t, ctx, `document.querySelectorAll("[aria-invalid=true]").length`); n == 0 {
			t.Errorf("%s: the empty registration form came back without marked fields", lang)
		}
		axeHere(t, ctx, js, "/"+lang+"/register", "register-errors "+lang, 422)
	}
}

// submitAndWait clicks the submit button sel and waits until the page it
// leads to has loaded, even when it has the same address.
func submitAndWait(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	eval[bool](t, ctx, `window.ewsiStale = true`)
	do(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.ewsiStale === undefined && document.readyState === "complete"`))
		if err == nil && done {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the form's answer never loaded")
}

// checkAxe loads path in the tab, checks it is the page asked for (not
// a sign-in form or an error), injects axe and fails on every violation.
func checkAxe(t *testing.T, ctx context.Context, js, base, path, name string, status int) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+path))
	axeHere(t, ctx, js, path, name, status)
}

// axeHere runs axe on the page the tab shows, which must be path,
// answered with status (any when 0).
func axeHere(t *testing.T, ctx context.Context, js, path, name string, status int) {
	t.Helper()
	if got := eval[string](t, ctx, `location.pathname + location.search`); got != path {
		t.Fatalf("%s: the browser shows %s instead", path, got)
	}
	if got := eval[int](t, ctx, `performance.getEntriesByType("navigation")[0].responseStatus || 0`); status != 0 && got != status {
		t.Fatalf("%s (%s): status %d, want %d", path, name, got, status)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: injecting axe: %v", path, err)
	}
	if v := eval[string](t, ctx, `typeof axe === "object" ? axe.version : ""`); v == "" {
		t.Fatalf("%s: axe did not load", path)
	}
	violations := eval[[]axeViolation](t, ctx, runAxe)
	for _, v := range violations {
		t.Errorf("%s (%s): %s [%s] %s at %s", path, name, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
	}
	if len(violations) == 0 {
		t.Logf("%s (%s): no WCAG 2.1 A/AA violation", path, name)
	}
}

// TestAccessibilityCheckerFindsFaults runs the same check over a page
// with known faults, served under the portal's own CSP, so a green
// TestAccessibility means axe ran, not that it saw nothing.
func TestAccessibilityCheckerFindsFaults(t *testing.T) {
	js := axeSource(t)
	ctx, _ := tab(t)
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><html><head><title>faults</title></head><body>
<img src="/x.png"><a href="/next"></a><input type="text"></body></html>`)
	}))
	defer bad.Close()
	do(t, ctx, chromedp.Navigate(bad.URL))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("injecting axe under CSP: %v", err)
	}
	got := map[string]bool{}
	for _, v := range eval[[]axeViolation](t, ctx, runAxe) {
		got[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "link-name", "label"} {
		if !got[want] {
			t.Errorf("axe did not report %s on a page that breaks it (got %v)", want, got)
		}
	}
}

// documentIDs replaces {doc}, {event}, {call} and {case}, {case2},
// {case3} in a page path by the ids of the newest document, the first
// upcoming event, the first open call and the three newest case studies.
func documentIDs(t *testing.T, ctx context.Context, base string) *strings.Replacer {
	t.Helper()
	doc := firstDocument(t, ctx, base)
	do(t, ctx, chromedp.Navigate(base+"/en/events?view=list"))
	event := eval[string](t, ctx, `document.querySelector("ol.events h3 a").getAttribute("href").split("/").pop()`)
	do(t, ctx, chromedp.Navigate(base+"/en/funding"))
	call := eval[string](t, ctx, `document.querySelector("ol.calls h3 a").getAttribute("href").split("/").pop()`)
	do(t, ctx, chromedp.Navigate(base+"/en/case-studies"))
	cases := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("li.case-study-hit input[name=id]")).slice(0, 3).map(i => i.value)`)
	if len(cases) < 3 {
		t.Fatalf("%d case studies in the demo, want at least 3", len(cases))
	}
	return strings.NewReplacer("{doc}", doc, "{event}", event, "{call}", call,
		"{org}", strconv.FormatInt(firstOrganisation(t), 10), "{case}", cases[0], "{case2}", cases[1], "{case3}", cases[2])
}

// firstDocument returns the id of the newest document, read from the
// home page's first link to one.
func firstDocument(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	do(t, ctx, chromedp.Navigate(base+"/en/"))
	href := eval[string](t, ctx, `document.querySelector(".hits .hit-title a").getAttribute("href")`)
	id := href[strings.LastIndex(href, "/")+1:]
	if id == "" {
		t.Fatalf("no document link on the home page (%q)", href)
	}
	return id
}
