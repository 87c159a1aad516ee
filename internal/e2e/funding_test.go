package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestFundingCalls opens the funding page from the navigation in German:
// open calls come soonest deadline first, each saying when it closes;
// the archive lists the closed ones.
func TestFundingCalls(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/de/"))
	follow(t, ctx, `header nav a[href="/de/funding"]`)
	deadlines := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.calls time")).map(e => e.getAttribute("datetime"))`)
	closes := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.calls .closes")).map(e => e.textContent)`)
	if len(deadlines) == 0 {
		t.Fatal("no open call with a deadline")
	}
	if !slices.IsSortedFunc(deadlines, func(a, b string) int { return strings.Compare(a[:10], b[:10]) }) {
		t.Errorf("open calls not ordered by deadline: %v", deadlines)
	}
	for _, c := range closes {
		if !strings.HasPrefix(c, "Endet ") && c != "Frist nicht angegeben" {
			t.Errorf("open call says %q", c)
		}
	}
	screenshot(t, ctx, "funding-de")
	follow(t, ctx, `main nav.tabs a[href="/de/funding/closed"]`)
	if got := text(t, ctx, "h1"); got != "Abgelaufene Aufrufe" {
		t.Errorf("archive heading %q", got)
	}
	for _, c := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.calls .closes")).map(e => e.textContent)`) {
		if c != "Abgelaufen" {
			t.Errorf("closed call says %q", c)
		}
	}
}
