package portal

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

func TestSavedSearchJourney(t *testing.T) {
	site := newSite(t)
	site.user("ana@ngo.example", "ana password", catalog.RolePractitioner)
	ana := site.browser()

	// Anonymous visitors get no save form, and the list asks them to sign in.
	if p := ana.get("/en/search?q=logement&lang=fr"); p.doc.Find("form.save-search-form").Length() != 0 {
		t.Error("an anonymous visitor is offered to save a search")
	}
	if p := ana.get("/en/searches"); p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/en/login?next=") {
		t.Errorf("anonymous /en/searches: %d %s, want a redirect to sign in", p.StatusCode, p.Header.Get("Location"))
	}

	ana.login("fr", "ana@ngo.example", "ana password")
	search := ana.get("/fr/search?q=logement&lang=fr&exact=1&page=2")
	if search.StatusCode != http.StatusOK {
		t.Fatalf("search page: %d", search.StatusCode)
	}
	if got, _ := search.doc.Find(`form.save-search-form input[name="query"]`).Attr("value"); got != "exact=1&lang=fr&q=logement" {
		t.Errorf("the form saves %q, want the search without its page", got)
	}
	if got, _ := search.doc.Find(`form.save-search-form input[name="name"]`).Attr("value"); got != "logement" {
		t.Errorf("the proposed name is %q, want the words searched", got)
	}

	// A failed save keeps what was typed and says why, in French.
	failed := ana.submit(search, "form.save-search-form", url.Values{"name": {"  "}, "frequency": {"hourly"}})
	if failed.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("save without a name: %d", failed.StatusCode)
	}
	if failed.doc.Find("#save-name-error").Length() == 0 || failed.doc.Find("#save-frequency-error").Length() == 0 {
		t.Errorf("the errors are not shown per field:\n%s", failed.body)
	}
	if got, _ := failed.doc.Find(`form.save-search-form input[name="query"]`).Attr("value"); got != "exact=1&lang=fr&q=logement" {
		t.Errorf("the failed form lost the search: %q", got)
	}
	if alert := failed.text(".form-alert"); alert == "" || strings.Contains(alert, "Please") {
		t.Errorf("alert %q is not in French", alert)
	}

	saved := ana.submit(failed, "form.save-search-form", url.Values{"name": {"Logement à Lyon"}, "frequency": {"weekly"}})
	if saved.StatusCode != http.StatusSeeOther || saved.Header.Get("Location") != "/fr/searches?done=saved" {
		t.Fatalf("save: %d %s\n%s", saved.StatusCode, saved.Header.Get("Location"), saved.body)
	}
	list := ana.get("/fr/searches?done=saved")
	rows := list.doc.Find("li.saved-search")
	if rows.Length() != 1 || rows.Find(".saved-search-name").Text() != "Logement à Lyon" {
		t.Fatalf("list:\n%s", list.body)
	}
	run, _ := rows.Find(".saved-search-name a").Attr("href")
	atom, _ := rows.Find(`a[type="application/atom+xml"]`).Attr("href")
	if run != "/fr/search?exact=1&lang=fr&q=logement" || atom != "/fr/search/atom?exact=1&lang=fr&q=logement" {
		t.Errorf("links: run %q, atom %q", run, atom)
	}
	if p := ana.get(atom); p.StatusCode != http.StatusOK || !strings.Contains(p.Header.Get("Content-Type"), "atom") {
		t.Errorf("Atom feed of the saved search: %d %s", p.StatusCode, p.Header.Get("Content-Type"))
	}
	if q := rows.Find(".saved-search-query").Text(); !strings.Contains(q, "Uniquement les mots saisis") || !strings.Contains(q, "Français") {
		t.Errorf("the list does not say what the search keeps to: %q", q)
	}
	if sel, _ := rows.Find(`select[name="frequency"] option[selected]`).Attr("value"); sel != "weekly" {
		t.Errorf("frequency shown %q, want weekly", sel)
	}

	changed := ana.submit(list, "form.saved-search-edit", url.Values{"frequency": {"daily"}})
	if changed.StatusCode != http.StatusSeeOther {
		t.Fatalf("change frequency: %d\n%s", changed.StatusCode, changed.body)
	}
	mine, err := site.store.SavedSearches(t.Context(), viewerID(t, site, "ana@ngo.example"))
	if err != nil || len(mine) != 1 || mine[0].Frequency != catalog.AlertDaily || mine[0].Query != "exact=1&lang=fr&q=logement" {
		t.Fatalf("stored: %+v, %v", mine, err)
	}
	if bad := ana.submit(ana.get("/fr/searches"), "form.saved-search-edit", url.Values{"frequency": {"hourly"}}); bad.StatusCode != http.StatusUnprocessableEntity || bad.text(".form-alert") == "" {
		t.Errorf("unknown frequency: %d", bad.StatusCode)
	}

	deleted := ana.submit(ana.get("/fr/searches"), "form.saved-search-delete", nil)
	if deleted.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", deleted.StatusCode)
	}
	if p := ana.get("/fr/searches"); p.doc.Find("li.saved-search").Length() != 0 || p.text(".empty") == "" {
		t.Errorf("after delete:\n%s", p.body)
	}
}

func viewerID(t *testing.T, site *site, email string) int64 {
	t.Helper()
	u, err := site.store.UserByEmail(t.Context(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// TestSavedSearchesAreTheirOwners: a user never sees, changes or deletes
// another's saved search, whatever id they send.
func TestSavedSearchesAreTheirOwners(t *testing.T) {
	site := newSite(t)
	ana := site.user("ana@ngo.example", "ana password", catalog.RolePractitioner)
	site.user("bob@ngo.example", "bob password", catalog.RoleAdministrator)
	ss := catalog.SavedSearch{UserID: ana.ID, Name: "Ana's secret search", Query: "q=housing", Frequency: catalog.AlertWeekly}
	if err := site.store.CreateSavedSearch(t.Context(), &ss); err != nil {
		t.Fatal(err)
	}
	bob := site.browser()
	bob.login("en", "bob@ngo.example", "bob password")
	list := bob.get("/en/searches")
	if strings.Contains(list.body, "secret") || list.doc.Find("li.saved-search").Length() != 0 {
		t.Errorf("Bob sees Ana's search:\n%s", list.body)
	}
	csrf, _ := list.doc.Find(`input[name="csrf_token"]`).First().Attr("value")
	id := "/en/searches/" + itoa(ss.ID)
	if p := bob.post(id, url.Values{"csrf_token": {csrf}, "frequency": {"none"}}); p.StatusCode != http.StatusNotFound {
		t.Errorf("Bob changes Ana's search: %d, want 404", p.StatusCode)
	}
	if p := bob.post(id+"/delete", url.Values{"csrf_token": {csrf}}); p.StatusCode != http.StatusNotFound {
		t.Errorf("Bob deletes Ana's search: %d, want 404", p.StatusCode)
	}
	// Without the token, even the owner's own request is refused.
	owner := site.browser()
	owner.login("en", "ana@ngo.example", "ana password")
	if p := owner.post(id+"/delete", url.Values{}); p.StatusCode != http.StatusForbidden {
		t.Errorf("delete without csrf_token: %d, want 403", p.StatusCode)
	}
	got, err := site.store.SavedSearch(t.Context(), ana.ID, ss.ID)
	if err != nil || got.Frequency != catalog.AlertWeekly {
		t.Errorf("Ana's search after Bob's attempts: %+v, %v", got, err)
	}
}

// TestSavedSearchesPageStructure checks the page in every interface
// language: frame, one heading per saved search, labelled controls, forms
// with their token, links to run and to the feed.
func TestSavedSearchesPageStructure(t *testing.T) {
	b := mustBundle(t)
	site := newSite(t)
	ana := site.user("ana@ngo.example", "ana password", catalog.RolePractitioner)
	for _, ss := range []catalog.SavedSearch{
		{UserID: ana.ID, Name: "Housing", Query: "q=housing&theme=housing", Frequency: catalog.AlertDaily},
		{UserID: ana.ID, Name: "Everything in German", Query: "lang=de"},
	} {
		if err := site.store.CreateSavedSearch(t.Context(), &ss); err != nil {
			t.Fatal(err)
		}
	}
	br := site.browser()
	br.login("en", "ana@ngo.example", "ana password")
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			loc := b.Locale(lang)
			p := br.get("/" + lang + "/searches")
			if p.StatusCode != http.StatusOK {
				t.Fatalf("status %d", p.StatusCode)
			}
			checkFrame(t, p.doc, lang)
			if got := p.doc.Find("main h1").Text(); got != loc.T("searches.title") {
				t.Errorf("h1 = %q", got)
			}
			rows := p.doc.Find("main li.saved-search")
			if rows.Length() != 2 || rows.First().Find("h2").Text() != "Everything in German" {
				t.Fatalf("%d rows, newest first expected", rows.Length())
			}
			if f := rows.Eq(1).Find(".saved-search-query").Text(); !strings.Contains(f, loc.ThemeName("housing")) {
				t.Errorf("the filters are not named: %q", f)
			}
			rows.Each(func(_ int, row *goquery.Selection) {
				row.Find("form").Each(func(_ int, f *goquery.Selection) {
					if m, _ := f.Attr("method"); m != "post" || f.Find(`input[name="csrf_token"]`).Length() != 1 {
						t.Errorf("form without post or token: %s", goquery.NodeName(f))
					}
				})
				sel := row.Find("select")
				id, _ := sel.Attr("id")
				if row.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("select %q has no label", id)
				}
				if row.Find(`a[type="application/atom+xml"]`).Length() != 1 {
					t.Error("no link to the feed")
				}
			})
			if p.doc.Find(`nav a[href="/`+lang+`/searches"]`).Length() != 1 {
				t.Error("the account menu does not link the saved searches")
			}
		})
	}
}
