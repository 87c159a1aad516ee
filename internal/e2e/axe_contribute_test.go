package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeInTab runs axe over the page in the tab and reports each violation.
func axeInTab(t *testing.T, ctx context.Context, js, name string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("%s: injecting axe: %v", name, err)
	}
	if v := eval[string](t, ctx, `typeof axe === "object" ? axe.version : ""`); v == "" {
		t.Fatalf("%s: axe did not load", name)
	}
	violations := eval[[]axeViolation](t, ctx, runAxe)
	for _, v := range violations {
		t.Errorf("%s: %s [%s] %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(v.Targets, " | "))
	}
	if len(violations) == 0 {
		t.Logf("%s: no WCAG 2.1 A/AA violation", name)
	}
}

// TestAccessibilityContributions runs axe over the contribution pages in
// every interface language: the chooser, every kind's form empty and sent
// empty (every message shown), the profile with its contributions, and
// the editors' contributors report and their preview of a pending item.
func TestAccessibilityContributions(t *testing.T) {
	js := axeSource(t)
	kinds := []string{"case-study", "document", "news", "event", "funding"}
	// One tab per language, each with its own time limit: axe is slow on
	// a loaded machine.
	for _, lang := range []string{"en", "fr", "de"} {
		t.Run(lang, func(t *testing.T) {
			ctx, _ := tab(t)
			base := accountsPortal(t)
			signInAs(t, ctx, base, lang, contributorEmail)
			defer signOut(t, ctx)
			do(t, ctx, chromedp.Navigate(base+"/"+lang+"/contribute"))
			axeInTab(t, ctx, js, lang+" contribute")
			for _, k := range kinds {
				path := "/" + lang + "/contribute/" + k
				do(t, ctx, chromedp.Navigate(base+path))
				axeInTab(t, ctx, js, path)
				submitted(t, ctx, "main form.contribute-form button[type=submit]")
				if n := eval[int](t, ctx, `document.querySelectorAll(".field-error").length`); n == 0 {
					t.Fatalf("%s sent empty shows no message", path)
				}
				axeInTab(t, ctx, js, path+" with errors")
			}
			do(t, ctx, chromedp.Navigate(base+"/"+lang+"/profile"))
			axeInTab(t, ctx, js, lang+" profile")
			do(t, ctx, chromedp.Navigate(base+"/"+lang+"/documents/"+strconv.FormatInt(seededContribution, 10)))
			if text(t, ctx, "p.credit") == "" {
				t.Fatalf("%s: the contributed document shows no credit", lang)
			}
			axeInTab(t, ctx, js, lang+" contributed document")
		})
	}
	t.Run("report", func(t *testing.T) {
		ctx, _ := tab(t)
		base := accountsPortal(t)
		signInAs(t, ctx, base, "en", contribEditorEmail)
		defer signOut(t, ctx)
		for _, lang := range []string{"en", "fr", "de"} {
			do(t, ctx, chromedp.Navigate(base+"/"+lang+"/editor/contributors"))
			if n := eval[int](t, ctx, `document.querySelectorAll("table.report tbody tr").length`); n == 0 {
				t.Fatalf("%s: the report has no rows", lang)
			}
			axeInTab(t, ctx, js, lang+" contributors report")
			do(t, ctx, chromedp.Navigate(base+"/"+lang+"/documents/"+strconv.FormatInt(pendingContribution, 10)))
			if text(t, ctx, "p.preview-notice") == "" {
				t.Fatalf("%s: the editor's preview is not marked", lang)
			}
			axeInTab(t, ctx, js, lang+" editor's preview")
		}
		screenshot(t, ctx, "contributors-report")
	})
}
