package portal

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestOutboxPages: an administrator reads the mail the portal wrote; the
// page shows it as text, whatever it holds.
func TestOutboxPages(t *testing.T) {
	s := newSite(t)
	s.user("admin@hub.example", "admin password", catalog.RoleAdministrator)
	s.user("ed@hub.example", "editor password", catalog.RoleEditor)
	// A registration writes a mail whose name carries markup.
	u := &catalog.User{Email: "x@ngo.example", Name: "<i>Zoë</i>", EmailLanguage: "fr"}
	if err := s.store.CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	admin := s.browser()
	admin.login("en", "admin@hub.example", "admin password")
	if err := s.server.sendVerification(t.Context(), httptestRequest(s.url), u); err != nil {
		t.Fatal(err)
	}
	list := admin.get("/en/admin/outbox")
	if list.StatusCode != http.StatusOK {
		t.Fatalf("outbox: %d", list.StatusCode)
	}
	rows := list.doc.Find("table.outbox tbody tr")
	if rows.Length() != 1 || !strings.Contains(rows.Text(), "Confirmez votre adresse électronique") {
		t.Fatalf("outbox rows: %d %q", rows.Length(), rows.Text())
	}
	href, _ := rows.Find("a").Attr("href")
	letter := admin.get(href)
	if letter.StatusCode != http.StatusOK {
		t.Fatalf("mail page %s: %d", href, letter.StatusCode)
	}
	text := letter.text("pre.letter-text")
	if !strings.HasPrefix(text, "Bonjour <i>Zoë</i>,") || !strings.Contains(text, s.url+"/fr/verify?token=") {
		t.Errorf("mail text = %q", text)
	}
	if strings.Contains(letter.body, "<i>Zoë") {
		t.Error("markup from the mail is shown as markup")
	}
	if l, _ := letter.doc.Find("pre.letter-text").Attr("lang"); l != "fr" {
		t.Errorf("mail text lang = %q", l)
	}
	if p := admin.get("/en/admin/outbox/no-such.eml"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown mail: %d", p.StatusCode)
	}
	if p := admin.get("/en/admin/outbox/..%2Fcatalog.db"); p.StatusCode != http.StatusNotFound {
		t.Errorf("path outside the outbox: %d", p.StatusCode)
	}
	editor := s.browser()
	editor.login("en", "ed@hub.example", "editor password")
	if p := editor.get(href); p.StatusCode != http.StatusForbidden {
		t.Errorf("an editor reads the outbox: %d", p.StatusCode)
	}
	if list.doc.Find(`header a[href="/en/admin/outbox"]`).Length() != 1 {
		t.Error("the administrator's header has no outbox link")
	}
	if editor.get("/en/").doc.Find(`header a[href="/en/admin/outbox"]`).Length() != 0 {
		t.Error("an editor's header links to the outbox")
	}
}

// httptestRequest is a request as if to the site at base, for helpers that
// make links from the request.
func httptestRequest(base string) *http.Request {
	r, _ := http.NewRequest(http.MethodGet, base+"/", nil)
	r.Host = strings.TrimPrefix(base, "http://")
	return r
}
