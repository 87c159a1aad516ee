package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPhoneLayout loads every page type on a 360 px wide phone screen:
// nothing may be wider than the screen (wide tables scroll inside their
// own box), and the navigation stays reachable.
func TestPhoneLayout(t *testing.T) {
	ctx, base := tab(t)
	ids := documentIDs(t, ctx, base)
	for _, p := range pageTypes {
		// A tab per page: a tab's time is bounded, and on a loaded
		// machine the pages together need more.
		t.Run(p.name, func(t *testing.T) {
			ctx, base := tab(t)
			checkPhone(t, ctx, base, "/fr"+ids.Replace(p.path), p.name)
		})
	}
	// The directory's pages kept for members, signed in as an editor.
	t.Run("members", func(t *testing.T) {
		ctx, _ := tab(t)
		signInEditorSession(t, ctx)
		for _, p := range directoryPageTypes {
			do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile))
			path := "/fr" + ids.Replace(p.path)
			do(t, ctx, chromedp.Navigate(theHub.URL+path))
			if w := eval[int](t, ctx, `document.documentElement.scrollWidth - 360`); w > 0 {
				wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll")).slice(0, 8).map(e => e.tagName + "." + e.className + ":" + (e.textContent || "").trim().slice(0, 20))`)
				t.Errorf("%s is %d px wider than a phone screen; too wide: %v", path, w, wide)
			}
		}
	})
}

// checkPhone loads the page at path on a phone screen.
func checkPhone(t *testing.T, ctx context.Context, base, path, name string) {
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	do(t, ctx, chromedp.Navigate(base+path))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth - 360`); w > 0 {
		wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll")).slice(0, 5).map(e => e.tagName + "." + e.className)`)
		t.Errorf("%s is %d px wider than a phone screen; too wide: %v", path, w, wide)
	}
	switch name {
	case "home", "events-month", "directory", "case-studies-compare":
		screenshot(t, ctx, "phone-"+name+"-fr")
	}
}
