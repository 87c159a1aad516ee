package portal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
)

// accountFixture is what the account and editorial pages show: an owner
// with a pending, an approved (failing) and a refused source, a document
// waiting for review, a letter in the outbox and live one-time tokens.
type accountFixture struct {
	docID               int64
	letter              string
	resetToken, vfToken string
}

func seedAccountPages(t *testing.T, s *site) accountFixture {
	t.Helper()
	ctx := t.Context()
	owner := s.user("owner@gent.example", "owner password", catalog.RoleSourceOwner)
	editor := s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	s.user("admin@hub.example", "admin password", catalog.RoleAdministrator)
	var f accountFixture
	for i, decide := range []string{"", "approve", "refuse"} {
		g := &catalog.SourceRegistration{OwnerID: owner.ID, Kind: catalog.KindFeed, URL: fmt.Sprintf("https://gent.example/feed%d.xml", i),
			Name: "Gent news " + strconv.Itoa(i), Publisher: "City of Ghent", Language: "nl", Country: "BE", Themes: []string{"housing"}}
		if err := s.store.CreateSourceRegistration(ctx, g); err != nil {
			t.Fatal(err)
		}
		if decide == "" {
			continue
		}
		g, err := s.store.DecideSourceRegistration(ctx, g.ID, editor.ID, decide == "approve", "Not about integration")
		if err != nil {
			t.Fatal(err)
		}
		if decide == "approve" {
			at := time.Now().Add(-time.Hour)
			if _, err := s.store.RecordHarvest(ctx, catalog.HarvestOutcome{SourceID: g.SourceID, Started: at, Finished: at,
				Stage: "fetch", Err: "the server answered 503 Service Unavailable", ErrorClass: catalog.ErrServer}); err != nil {
				t.Fatal(err)
			}
		}
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://new.example/feed", Name: "New network"}
	if err := s.store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	if err := s.store.SetSourceTrust(ctx, src.ID, catalog.TrustUnverified); err != nil {
		t.Fatal(err)
	}
	d := catalog.Document{SourceID: src.ID, Key: "fr", URL: "https://new.example/fr", Title: "Ateliers de français pour adultes",
		Summary: "Des ateliers de français ouvrent à Lyon.", Text: "Des ateliers de français ouvrent à Lyon.", Language: "fr", ContentType: "news", Countries: []string{"FR"},
		Themes: []string{"language-competencies"}}
	if _, err := s.store.UpsertDocument(ctx, &d); err != nil {
		t.Fatal(err)
	}
	f.docID = d.ID
	if err := s.outbox.Send(ctx, mailer.Message{To: "owner@gent.example", ToName: "Owner", Lang: "fr",
		Subject: "Votre source a été approuvée", Text: "Bonjour,\n\nVotre source est approuvée.\n"}); err != nil {
		t.Fatal(err)
	}
	list, err := s.outbox.List(ctx, 1)
	if err != nil || len(list) != 1 {
		t.Fatalf("outbox: %v, %v", list, err)
	}
	f.letter = list[0].Name
	if f.resetToken, err = s.store.CreateUserToken(ctx, owner.ID, catalog.PurposeResetPassword, time.Hour); err != nil {
		t.Fatal(err)
	}
	if f.vfToken, err = s.store.CreateUserToken(ctx, owner.ID, catalog.PurposeVerifyEmail, time.Hour); err != nil {
		t.Fatal(err)
	}
	return f
}

// accountPage is one account or editorial page type, seen by a role.
type accountPage struct {
	name, path string   // path after the language prefix
	as         string   // the signed-in user's address, "" for a visitor
	form       bool     // the page has a form to send
	french     []string // what shows the French document or letter, marked lang="fr"
}

func accountPageTypes(f accountFixture) []accountPage {
	return []accountPage{
		{"register", "/register", "", true, nil},
		{"login", "/login", "", true, nil},
		{"password-forgot", "/password/forgot", "", true, nil},
		{"password-reset", "/password/reset?token=" + f.resetToken, "", true, nil},
		{"verify", "/verify?token=" + f.vfToken, "", true, nil},
		{"profile", "/profile", "owner@gent.example", true, nil},
		{"sources-new", "/sources/new", "owner@gent.example", true, nil},
		{"sources-mine", "/sources/mine", "owner@gent.example", true, nil},
		{"editor-sources", "/editor/sources", "editor@hub.example", true, nil},
		{"editor-queue", "/editor/queue", "editor@hub.example", true, []string{"li.queue-item label a", "li.queue-item p.summary"}},
		{"editor-document", fmt.Sprintf("/editor/documents/%d/edit", f.docID), "editor@hub.example", true, []string{"input#title", "textarea#summary"}},
		{"admin-outbox", "/admin/outbox", "admin@hub.example", false, []string{"main table a"}},
		{"admin-letter", "/admin/outbox/" + f.letter, "admin@hub.example", false, []string{"main h1", "pre.letter-text"}},
		{"admin-trust", "/admin/trust", "admin@hub.example", true, nil},
	}
}

// TestAccountAndEditorialPageStructure checks every account and
// editorial page type in every language by its structure: the frame
// (lang, one h1, landmarks, skip link, no inline script), headings that
// do not skip a level, a CSRF token in every form that posts, and a label
// for every field.
func TestAccountAndEditorialPageStructure(t *testing.T) {
	s := newSite(t)
	f := seedAccountPages(t, s)
	passwords := map[string]string{"owner@gent.example": "owner password", "editor@hub.example": "editor password",
		"admin@hub.example": "admin password"}
	for _, lang := range catalog.InterfaceLanguages {
		browsers := map[string]*browser{"": s.browser()}
		for who, pw := range passwords {
			browsers[who] = s.browser()
			browsers[who].login(lang, who, pw)
		}
		for _, pg := range accountPageTypes(f) {
			t.Run(lang+"/"+pg.name, func(t *testing.T) {
				p := browsers[pg.as].get("/" + lang + pg.path)
				if p.StatusCode != http.StatusOK {
					t.Fatalf("status %d", p.StatusCode)
				}
				checkFrame(t, p.doc, lang)
				checkHeadings(t, p.doc)
				checkForms(t, p.doc, pg.form)
				// Content in another language than the page's is marked.
				for _, sel := range pg.french {
					if got := p.doc.Find(sel).AttrOr("lang", ""); got != "fr" {
						t.Errorf("%s: lang %q, want fr", sel, got)
					}
				}
				// The harvester's own messages are in English.
				if pg.name == "sources-mine" && p.doc.Find(`dd.last-error[lang="en"]`).Length() != 1 {
					t.Error("the last error is not marked as English")
				}
			})
		}
	}
}

// checkHeadings fails when a heading skips a level (an h3 after an h1).
func checkHeadings(t *testing.T, doc *goquery.Document) {
	t.Helper()
	last := 0
	doc.Find("main h1, main h2, main h3, main h4, main h5, main h6").Each(func(_ int, h *goquery.Selection) {
		level := int(goquery.NodeName(h)[1] - '0')
		if level > last+1 {
			t.Errorf("<%s> %q follows an h%d", goquery.NodeName(h), strings.TrimSpace(h.Text()), last)
		}
		last = level
	})
}

// checkForms checks the forms of main: present when want, each posting
// one with a csrf_token, each field labelled.
func checkForms(t *testing.T, doc *goquery.Document, want bool) {
	t.Helper()
	forms := doc.Find("main form")
	if want && forms.Length() == 0 {
		t.Error("no form")
	}
	forms.Each(func(_ int, form *goquery.Selection) {
		if strings.EqualFold(form.AttrOr("method", "get"), "post") && form.Find(`input[type="hidden"][name="csrf_token"]`).Length() != 1 {
			t.Errorf("form to %q has no csrf_token", form.AttrOr("action", ""))
		}
	})
	doc.Find("main input, main select, main textarea").Each(func(_ int, in *goquery.Selection) {
		switch in.AttrOr("type", "") {
		case "hidden", "submit", "button":
			return
		}
		id := in.AttrOr("id", "")
		labelled := id != "" && doc.Find(`label[for="`+id+`"]`).Length() > 0 ||
			in.AttrOr("aria-label", "") != "" || in.AttrOr("aria-labelledby", "") != "" || in.ParentsFiltered("label").Length() > 0
		if !labelled {
			t.Errorf("field %q (id %q) has no label", in.AttrOr("name", ""), id)
		}
	})
}
