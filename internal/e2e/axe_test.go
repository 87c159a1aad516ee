package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
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
	{"case-studies", "/case-studies"},
	{"case-studies-filtered", "/case-studies?criteria=evaluated"},
	{"case-study", "/case-studies/{case}"},
	{"case-studies-compare", "/case-studies/compare?id={case}&id={case2}&id={case3}"},
	{"case-studies-compare-refused", "/case-studies/compare?id={case}"},
	{"not-found", "/no-such-page"},
}

// TestAccessibility runs axe-core over every page type in every interface
// language and fails on any WCAG 2.1 A or AA violation. axe is injected
// through Runtime.evaluate, which the page's Content-Security-Policy (no
// inline script) does not govern; the test checks that axe loaded.
func TestAccessibility(t *testing.T) {
	js := axeSource(t)
	for _, lang := range []string{"en", "fr", "de"} {
		t.Run(lang, func(t *testing.T) { checkAccessibility(t, js, lang) })
	}
}

// checkAccessibility runs axe over every page type in lang, each in a tab
// of its own (a tab's time is bounded; on a loaded machine the pages
// together need more).
func checkAccessibility(t *testing.T, js, lang string) {
	ctx, base := tab(t)
	ids := documentIDs(t, ctx, base)
	for _, p := range pageTypes {
		t.Run(p.name, func(t *testing.T) { checkPageAccessibility(t, js, lang, ids.Replace(p.path), p.name) })
	}
}

// checkPageAccessibility runs axe over the page at path (under lang's
// prefix) in a tab of its own.
func checkPageAccessibility(t *testing.T, js, lang, path, name string) {
	ctx, base := tab(t)
	path = "/" + lang + path
	do(t, ctx, chromedp.Navigate(base+path))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: injecting axe: %v", path, err)
	}
	if v := eval[string](t, ctx, `typeof axe === "object" ? axe.version : ""`); v == "" {
		t.Fatalf("%s: axe did not load", path)
	}
	violations := eval[[]axeViolation](t, ctx, runAxe)
	for _, v := range violations {
		t.Errorf("%s (%s %s): %s [%s] %s at %s", path, name, lang, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
	}
	if len(violations) == 0 {
		t.Logf("%s (%s %s): no WCAG 2.1 A/AA violation", path, name, lang)
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
		"{case}", cases[0], "{case2}", cases[1], "{case3}", cases[2])
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
