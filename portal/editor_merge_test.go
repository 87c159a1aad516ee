package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestDocumentMerge: an editor marks a document as a duplicate of another
// from its edit page; an unknown target comes back with a message; the
// form refuses a missing token.
func TestDocumentMerge(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	var ids []int64
	for i, u := range []string{"https://a.example/feed", "https://b.example/feed"} {
		src := catalog.Source{Kind: catalog.KindFeed, URL: u, Name: u}
		if err := s.store.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
		d := catalog.Document{SourceID: src.ID, Key: "k", URL: fmt.Sprintf("https://x.example/%d", i),
			Title: fmt.Sprintf("Title %d", i), Text: fmt.Sprintf("Unrelated body number %d", i), Language: "en"}
		if _, err := s.store.UpsertDocument(ctx, &d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	page := ed.get(fmt.Sprintf("/en/editor/documents/%d/edit", ids[1]))
	if p := ed.submit(page, "form.merge", url.Values{"into": {"9999"}}); p.StatusCode != http.StatusUnprocessableEntity || p.text("#into-error") == "" ||
		p.doc.Find("#into").AttrOr("value", "") != "9999" {
		t.Errorf("merge into an unknown document: %d %q", p.StatusCode, p.text("#into-error"))
	}
	if p := ed.post(fmt.Sprintf("/en/editor/documents/%d/merge", ids[1]), url.Values{"into": {strconv.FormatInt(ids[0], 10)}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("merge without a token: %d, want 403", p.StatusCode)
	}
	if p := ed.submit(page, "form.merge", url.Values{"into": {strconv.FormatInt(ids[0], 10)}}); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d\n%s", p.StatusCode, p.body)
	}
	if d, _ := s.store.Document(ctx, ids[1]); d.DuplicateOf != ids[0] {
		t.Errorf("DuplicateOf = %d, want %d", d.DuplicateOf, ids[0])
	}
	if href := ed.get(fmt.Sprintf("/en/editor/documents/%d/edit", ids[1])).doc.Find("p.duplicate-of a").AttrOr("href", ""); href != fmt.Sprintf("/en/editor/documents/%d/edit", ids[0]) {
		t.Errorf("duplicate-of link = %q", href)
	}
}
