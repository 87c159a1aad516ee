package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPhoneLayout loads every page type on a 360 px wide phone screen:
// nothing may be wider than the screen (wide tables scroll inside their
// own box), and the navigation stays reachable.
func TestPhoneLayout(t *testing.T) {
	ctx, base := tab(t)
	ids := documentIDs(t, ctx, base)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	for _, p := range pageTypes {
		path := "/fr" + ids.Replace(p.path)
		do(t, ctx, chromedp.Navigate(base+path))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth - 360`); w > 0 {
			wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll")).slice(0, 5).map(e => e.tagName + "." + e.className)`)
			t.Errorf("%s is %d px wider than a phone screen; too wide: %v", path, w, wide)
		}
		switch p.name {
		case "home", "events-month", "directory":
			screenshot(t, ctx, "phone-"+p.name+"-fr")
		}
	}
	signInEditorSession(t, ctx)
	for _, p := range directoryPageTypes {
		path := "/fr" + ids.Replace(p.path)
		do(t, ctx, chromedp.Navigate(theHub.MembersURL+path))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth - 360`); w > 0 {
			wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll")).slice(0, 8).map(e => e.tagName + "." + e.className + ":" + (e.textContent || "").trim().slice(0, 20))`)
			t.Errorf("%s is %d px wider than a phone screen; too wide: %v", path, w, wide)
		}
	}
}
