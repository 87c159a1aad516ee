package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowseCalendar opens the events calendar from the navigation,
// moves month by month to one with events, opens an event from the grid
// and checks its page links the event's iCalendar; then filters the list
// view to online events.
func TestBrowseCalendar(t *testing.T) {
	ctx, base := tab(t)
	do(t, ctx,
		chromedp.Navigate(base+"/fr/"),
	)
	follow(t, ctx, `header nav a[href="/fr/events"]`)
	// The fixture web's events run from September 2026 to April 2027.
	do(t, ctx, chromedp.Navigate(base+"/fr/events?month=2026-09"))
	found := false
	for i := 0; i < 8 && !found; i++ {
		found = eval[int](t, ctx, `document.querySelectorAll("table.calendar td a").length`) > 0
		if !found {
			follow(t, ctx, `nav.pager a[rel="next"]`)
		}
	}
	if !found {
		t.Fatal("no month from September 2026 to April 2027 shows an event")
	}
	caption := text(t, ctx, "table.calendar caption")
	screenshot(t, ctx, "events-month-fr")
	title := text(t, ctx, "table.calendar td a")
	follow(t, ctx, "table.calendar td a")
	if h1 := text(t, ctx, "h1"); h1 != title {
		t.Errorf("event %q from %s opens %q", title, caption, h1)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('a[type="text/calendar"][href$="/ics"]').length`); n != 1 {
		t.Errorf("event page has %d iCalendar links", n)
	}
	// The list of upcoming events, online only.
	do(t, ctx,
		chromedp.Navigate(base+"/en/events?view=list"),
		chromedp.SetValue(chromedp.ID("f-mode"), "online"),
		chromedp.Submit(chromedp.ID("f-mode")),
	)
	// The form sends every field, in order: its hidden view and when, the
	// empty theme and country, the chosen format.
	waitLoaded(t, ctx, "/en/events?view=list&when=upcoming&theme=&country=&mode=online")
	screenshot(t, ctx, "events-list-en")
	places := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.events .event-facts dd:last-of-type")).map(e => e.textContent.trim())`)
	for _, p := range places {
		if !strings.Contains(strings.ToLower(p), "online") {
			t.Errorf("online filter shows an event at %q", p)
		}
	}
	// The fixture web announces online events (a webinar, a webinaire,
	// an Online-Seminar): the normalizer finds them in the feeds.
	if len(places) < 3 {
		t.Errorf("the online filter shows %d upcoming events, want the fixture web's 3 at least: %q", len(places), places)
	}
	t.Logf("%d upcoming online events", len(places))
}
