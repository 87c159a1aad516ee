package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestReviewQueue: items of an unverified source wait in the queue; an
// editor filters it, publishes and refuses in bulk (a refusal needs a
// reason); a country coordinator sees and decides only on documents of
// their countries; the form refuses a missing or wrong csrf_token.
func TestReviewQueue(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	coord := s.user("coord@hub.example", "coord password", catalog.RoleCountryCoordinator)
	coord.Countries = []string{"FR"}
	if err := s.store.UpdateUser(ctx, coord); err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://new.example/feed", Name: "New network"}
	if err := s.store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SetSourceTrust(ctx, src.ID, catalog.TrustUnverified); err != nil {
		t.Fatal(err)
	}
	add := func(key, title, country string) int64 {
		d := catalog.Document{SourceID: src.ID, Key: key, URL: "https://new.example/" + key, Title: title,
			Text: "Body", Language: "fr", ContentType: "news", Countries: []string{country}}
		if _, err := s.store.UpsertDocument(ctx, &d); err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	fr := add("fr", "Ateliers de français <script>alert(1)</script>", "FR")
	de := add("de", "Sprachcafé in Köln", "DE")

	editor := s.browser()
	editor.login("en", "editor@hub.example", "editor password")
	q := editor.get("/en/editor/queue")
	if q.StatusCode != http.StatusOK || q.doc.Find("li.queue-item").Length() != 2 {
		t.Fatalf("queue: %d, %d items", q.StatusCode, q.doc.Find("li.queue-item").Length())
	}
	if q.doc.Find("li.queue-item script").Length() != 0 {
		t.Error("a harvested title's markup reached the page")
	}
	if f := editor.get("/en/editor/queue?country=DE"); f.doc.Find("li.queue-item").Length() != 1 ||
		f.doc.Find(`input[name="id"]`).AttrOr("value", "") != strconv.FormatInt(de, 10) {
		t.Errorf("filtered by country: %d items", f.doc.Find("li.queue-item").Length())
	}

	// A refusal without a reason comes back with the message.
	p := editor.submit(q, "form.queue-decide", url.Values{"id": {strconv.FormatInt(de, 10)}, "action": {"refuse"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#reason-error") == "" {
		t.Errorf("refusal without reason: %d %q", p.StatusCode, p.text("#reason-error"))
	}
	if p := editor.submit(q, "form.queue-decide", url.Values{"action": {"publish"}}); p.StatusCode != http.StatusUnprocessableEntity || p.text("#id-error") == "" {
		t.Errorf("no document chosen: %d %q", p.StatusCode, p.text("#id-error"))
	}

	// A coordinator of France sees the French item only, and may not
	// decide on the German one.
	c := s.browser()
	c.login("en", "coord@hub.example", "coord password")
	cq := c.get("/en/editor/queue")
	if n := cq.doc.Find("li.queue-item").Length(); n != 1 || cq.doc.Find(`input[name="id"]`).AttrOr("value", "") != strconv.FormatInt(fr, 10) {
		t.Errorf("coordinator's queue: %d items", n)
	}
	if p := c.submit(cq, "form.queue-decide", url.Values{"id": {strconv.FormatInt(de, 10)}, "action": {"publish"}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("coordinator deciding on another country: %d, want 403", p.StatusCode)
	}
	if p := c.submit(cq, "form.queue-decide", url.Values{"id": {strconv.FormatInt(fr, 10)}, "action": {"publish"}, "embargo": {"2020-01-01"}}); p.StatusCode != http.StatusSeeOther {
		t.Errorf("coordinator publishing a French item: %d\n%s", p.StatusCode, p.body)
	}
	if res, _ := s.store.Search(ctx, catalog.Query{Text: "ateliers"}); res.Total != 1 {
		t.Errorf("the published item is not found: %+v", res)
	}

	// The editor refuses the German item with a reason.
	q = editor.get("/en/editor/queue")
	p = editor.submit(q, "form.queue-decide", url.Values{"id": {strconv.FormatInt(de, 10)}, "action": {"refuse"}, "reason": {"Duplicate of a city page"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("refuse: %d", p.StatusCode)
	}
	if d, _ := s.store.Document(ctx, de); d.State != catalog.StateRefused || d.StateReason != "Duplicate of a city page" {
		t.Errorf("refused document: %s %q", d.State, d.StateReason)
	}
	if q := editor.get("/en/editor/queue"); q.doc.Find("li.queue-item").Length() != 0 || q.text(".queue-total") == "" {
		t.Errorf("queue after deciding: %d items", q.doc.Find("li.queue-item").Length())
	}

	// CSRF: missing or wrong token refused, nothing changed.
	late := add("late", "Late item", "FR")
	for name, token := range map[string]string{"missing": "", "wrong": "bm90LWEtdG9rZW4"} {
		form := url.Values{"id": {strconv.FormatInt(late, 10)}, "action": {"publish"}}
		if token != "" {
			form.Set("csrf_token", token)
		}
		if p := editor.post("/en/editor/queue", form); p.StatusCode != http.StatusForbidden {
			t.Errorf("queue decision with a %s token: %d, want 403", name, p.StatusCode)
		}
	}
	if d, _ := s.store.Document(ctx, late); d.State != catalog.StatePending {
		t.Errorf("a refused post changed the state to %q", d.State)
	}
}
