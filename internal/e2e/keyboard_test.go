package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// markFocusable numbers every control a keyboard user should reach (in
// data-kb) and records its outline and box-shadow at rest, before any
// focus, so the test can tell a focus indicator from the usual look.
const markFocusable = `(() => {
	const sel = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';
	const els = Array.from(document.querySelectorAll(sel)).filter(e => !e.disabled && e.getClientRects().length > 0 || e.classList.contains("skip"));
	els.forEach((e, i) => {
		const s = getComputedStyle(e);
		e.dataset.kb = i;
		e.dataset.kbRest = s.outlineStyle + " " + s.outlineWidth + "|" + s.boxShadow;
	});
	return els.length;
})()`

// focusState describes the focused element after a Tab.
type focusState struct {
	Index   string `json:"index"` // its data-kb, "" when unmarked
	Tag     string `json:"tag"`
	Text    string `json:"text"`
	Rest    string `json:"rest"`
	Focused string `json:"focused"`
	Visible bool   `json:"visible"` // its box lies inside the viewport
}

const readFocus = `(() => {
	const e = document.activeElement;
	const s = getComputedStyle(e);
	const r = e.getBoundingClientRect();
	return {index: e.dataset.kb || "", tag: e.tagName, text: (e.textContent || e.name || "").trim().slice(0, 40),
		rest: e.dataset.kbRest || "", focused: s.outlineStyle + " " + s.outlineWidth + "|" + s.boxShadow,
		visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth};
})()`

// hasIndicator reports whether the focused look shows an outline or a
// box-shadow that the element does not have at rest.
func hasIndicator(rest, focused string) bool {
	if rest == focused {
		return false
	}
	outline, shadow, _ := strings.Cut(focused, "|")
	return !strings.HasPrefix(outline, "none") && !strings.HasSuffix(outline, " 0px") || shadow != "none"
}

// TestKeyboardNavigation tabs through each page type from the top: the
// first stop is the skip link, visible when focused, and following it
// moves focus to the main content; every control is reached in turn and
// shows a focus indicator.
func TestKeyboardNavigation(t *testing.T) {
	ctx, base := tab(t)
	doc := firstDocument(t, ctx, base)
	ids := documentIDs(t, ctx, base)
	for _, path := range []string{"/en/", "/en/search?q=integration", "/fr/documents/" + doc, "/de/no-such-page", "/en/events?month=2026-12", "/fr/events?view=list", "/de/funding", "/en/themes/social-cohesion", "/fr/types",
		"/de/case-studies?criteria=innovative", ids.Replace("/en/case-studies/compare?id={case}&id={case2}"),
		"/fr/countries", "/de/countries/at", "/en/directory?theme=social-cohesion", "/fr/partners?theme=economic-participation&country=DE",
		ids.Replace("/de/directory/organisations/{org}"), "/en/register", "/fr/login", "/de/password/forgot"} {
		// A tab per page: a tab's time is bounded, and on a loaded
		// machine the pages together need more.
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			ctx, base := tab(t)
			checkKeyboard(t, ctx, base, path)
		})
	}
}

// checkKeyboard tabs through the page at path.
func checkKeyboard(t *testing.T, ctx context.Context, base, path string) {
	do(t, ctx, chromedp.Navigate(base+path))
	n := eval[int](t, ctx, markFocusable)
	reached := map[string]bool{}
	for i := 0; i < n+3 && len(reached) < n; i++ {
		do(t, ctx, chromedp.KeyEvent("\t"))
		f := eval[focusState](t, ctx, readFocus)
		if i == 0 && !strings.Contains(eval[string](t, ctx, `document.activeElement.className`), "skip") {
			t.Errorf("%s: the first Tab reaches %s %q, not the skip link", path, f.Tag, f.Text)
		}
		if f.Index == "" {
			continue // focus left the page's controls (browser chrome)
		}
		reached[f.Index] = true
		if !f.Visible {
			t.Errorf("%s: focused %s %q is off screen", path, f.Tag, f.Text)
		}
		if !hasIndicator(f.Rest, f.Focused) {
			t.Errorf("%s: focused %s %q shows no focus indicator (at rest %q, focused %q)", path, f.Tag, f.Text, f.Rest, f.Focused)
		}
	}
	if len(reached) != n {
		missed := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("[data-kb]")).filter(e => !`+
			`(`+jsList(reached)+`).includes(e.dataset.kb)).map(e => e.tagName + " " + (e.textContent || e.name).trim().slice(0, 40))`)
		t.Errorf("%s: Tab reached %d of %d controls; missed %q", path, len(reached), n, missed)
	} else {
		t.Logf("%s: Tab reached all %d controls, each with a focus indicator", path, n)
	}
	// The skip link: Tab to it from the top, follow it with Enter.
	do(t, ctx,
		chromedp.Navigate(base+path),
		chromedp.KeyEvent("\t"),
		chromedp.KeyEvent("\r"),
	)
	if got := eval[string](t, ctx, `document.activeElement.id + " " + location.hash`); got != "main #main" {
		t.Errorf("%s: after following the skip link, focus and address are %q, want the main content", path, got)
	}
}

// jsList spells the keys of set as a JavaScript array of strings.
func jsList(set map[string]bool) string {
	var b strings.Builder
	b.WriteString("[")
	for k := range set {
		b.WriteString(`"` + k + `",`)
	}
	b.WriteString("]")
	return b.String()
}
