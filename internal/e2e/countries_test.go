package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCountrySheets opens the country sheets from the navigation in
// French: the 30 countries in two groups, then a sheet with its six
// sections, each dated, the old ones marked for review, and the texts in
// their own language.
func TestCountrySheets(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/fr/"))
	follow(t, ctx, `header nav a[href="/fr/countries"]`)
	if got := text(t, ctx, "h1"); got != "Fiches d’information par pays" {
		t.Errorf("list heading %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("table.countries tbody tr").length`); n != 30 {
		t.Errorf("%d countries listed, want 30", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("table.countries .stale").length`); n == 0 {
		t.Error("no sheet is marked for review, though the demo dates some sections more than a year back")
	}
	screenshot(t, ctx, "countries-fr")
	follow(t, ctx, `table.countries a[href="/fr/countries/be"]`)
	if got := text(t, ctx, "h1"); got != "Belgique" {
		t.Errorf("sheet heading %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("section.sheet-section .sheet-facts time").length`); n != 12 {
		t.Errorf("%d dates in the sections, want 2 per section", n)
	}
	if l := eval[string](t, ctx, `document.querySelector("#section-contact-points ~ .sheet-text").lang`); l != "fr" {
		t.Errorf("contact points marked lang %q, want fr", l)
	}
	screenshot(t, ctx, "country-be-fr")
	do(t, ctx, chromedp.Navigate(base+"/de/countries/ch"))
	if got := text(t, ctx, "h1"); got != "Schweiz" {
		t.Errorf("sheet heading %q", got)
	}
	screenshot(t, ctx, "country-ch-de")
}
