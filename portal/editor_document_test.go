package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestDocumentEditing: an editor changes a document's title and themes
// from the queue's edit link; a later harvest keeps them; the history shows
// who changed what and restores it; markup typed in a field is shown as
// text; a coordinator may not edit another country's document; the forms
// refuse a missing or wrong csrf_token.
func TestDocumentEditing(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	coord := s.user("coord@hub.example", "coord password", catalog.RoleCountryCoordinator)
	coord.Countries = []string{"FR"}
	if err := s.store.UpdateUser(ctx, coord); err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://news.example/feed", Name: "News"}
	if err := s.store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SetSourceTrust(ctx, src.ID, catalog.TrustAllowed); err != nil {
		t.Fatal(err)
	}
	d := catalog.Document{SourceID: src.ID, Key: "k", URL: "https://news.example/k", Title: "Harvested", Text: "Body",
		Language: "de", ContentType: "news", Themes: []string{"health"}, Countries: []string{"DE"}}
	if _, err := s.store.UpsertDocument(ctx, &d); err != nil {
		t.Fatal(err)
	}
	edit := fmt.Sprintf("/en/editor/documents/%d/edit", d.ID)

	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	q := ed.get("/en/editor/queue")
	if href := q.doc.Find("li.queue-item a.edit").AttrOr("href", ""); href != edit {
		t.Errorf("queue's edit link = %q, want %q", href, edit)
	}
	page := ed.get(edit)
	if page.StatusCode != http.StatusOK || page.doc.Find("#title").AttrOr("value", "") != "Harvested" {
		t.Fatalf("edit page: %d, title %q", page.StatusCode, page.doc.Find("#title").AttrOr("value", ""))
	}
	// An empty title comes back with its message and the rest as typed.
	p := ed.submit(page, "form.document-edit", url.Values{"title": {""}, "summary": {"Typed summary"}, "language": {"de"},
		"content_type": {"news"}, "themes": {"employment"}, "countries": {"DE"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#title-error") == "" || p.text("#summary") != "Typed summary" ||
		p.doc.Find(`input[name="themes"][value="employment"][checked]`).Length() != 1 {
		t.Errorf("bad edit: %d, error %q, summary %q", p.StatusCode, p.text("#title-error"), p.text("#summary"))
	}
	p = ed.submit(page, "form.document-edit", url.Values{"title": {"Sprachcafé <b>Köln</b>"}, "summary": {""}, "language": {"de"},
		"content_type": {"news"}, "themes": {"employment", "health"}, "countries": {"DE"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", p.StatusCode, p.body)
	}
	// A harvest with another title keeps the editor's.
	h := catalog.Document{SourceID: src.ID, Key: "k", URL: "https://news.example/k", Title: "Harvested again", Text: "New body",
		Language: "de", ContentType: "news", Themes: []string{"housing"}, Countries: []string{"DE"}}
	if res, err := s.store.UpsertDocument(ctx, &h); err != nil || res != catalog.Updated {
		t.Fatalf("harvest: %v, %v", res, err)
	}
	got, _ := s.store.Document(ctx, d.ID)
	if got.Title != "Sprachcafé <b>Köln</b>" || strings.Join(got.Themes, ",") != "employment,health" || got.Text != "New body" {
		t.Errorf("after a harvest: %q %v %q", got.Title, got.Themes, got.Text)
	}
	page = ed.get(edit)
	if page.doc.Find("ol.revisions b").Length() != 0 || !strings.Contains(page.text("ol.revisions li"), "User editor") ||
		!strings.Contains(page.text("ol.revisions li"), "Sprachcafé <b>Köln</b>") {
		t.Errorf("history: %q", page.text("ol.revisions li"))
	}
	if locked := page.text("p.locked"); !strings.Contains(locked, "Title") || !strings.Contains(locked, "Themes") {
		t.Errorf("locked fields shown: %q", locked)
	}
	if p := ed.submit(page, "form.restore", nil); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", p.StatusCode)
	}
	if got, _ := s.store.Document(ctx, d.ID); got.Title != "Harvested" {
		t.Errorf("after restoring, title %q", got.Title)
	}

	// A coordinator of France may not edit a German document.
	c := s.browser()
	c.login("en", "coord@hub.example", "coord password")
	if p := c.get(edit); p.StatusCode != http.StatusForbidden {
		t.Errorf("coordinator's edit page of another country: %d, want 403", p.StatusCode)
	}

	// CSRF on both forms.
	for _, path := range []string{edit, fmt.Sprintf("/en/editor/documents/%d/restore", d.ID)} {
		for name, token := range map[string]string{"missing": "", "wrong": "bm90LWEtdG9rZW4"} {
			form := url.Values{"title": {"Forged"}, "revision": {"1"}}
			if token != "" {
				form.Set("csrf_token", token)
			}
			if p := ed.post(path, form); p.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with a %s token: %d, want 403", path, name, p.StatusCode)
			}
		}
	}
	if got, _ := s.store.Document(ctx, d.ID); got.Title != "Harvested" {
		t.Errorf("a refused post changed the title to %q", got.Title)
	}
}
