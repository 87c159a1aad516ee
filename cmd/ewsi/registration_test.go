package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/mailer"
)

// visitor is a browser with its own cookies against a running portal; it
// does not follow redirects.
type visitor struct {
	t      *testing.T
	client *http.Client
}

func newVisitor(t *testing.T) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (v *visitor) get(u string) (*http.Response, *goquery.Document) {
	v.t.Helper()
	resp, err := v.client.Get(u)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		v.t.Fatal(err)
	}
	return resp, doc
}

// submit loads page, fills the first form matching sel with its hidden
// fields and values, and posts it to the form's action (or the page).
func (v *visitor) submit(page, sel string, values url.Values) (*http.Response, *goquery.Document) {
	v.t.Helper()
	_, doc := v.get(page)
	return v.submitDoc(page, doc, sel, values)
}

func (v *visitor) submitDoc(page string, doc *goquery.Document, sel string, values url.Values) (*http.Response, *goquery.Document) {
	v.t.Helper()
	form := doc.Find(sel).First()
	if form.Length() == 0 {
		v.t.Fatalf("no form %q on %s", sel, page)
	}
	data := url.Values{}
	form.Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
		data.Set(in.AttrOr("name", ""), in.AttrOr("value", ""))
	})
	for k, vs := range values {
		data[k] = vs
	}
	target, _ := url.Parse(page)
	if a := form.AttrOr("action", ""); a != "" {
		target = target.ResolveReference(&url.URL{Path: a})
	}
	resp, err := v.client.PostForm(target.String(), data)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		v.t.Fatal(err)
	}
	return resp, d
}

// register creates a verified account through the portal, reading the
// verification link from the outbox.
func register(t *testing.T, base string, outbox *mailer.Outbox, email, name, pw string) *visitor {
	t.Helper()
	v := newVisitor(t)
	resp, _ := v.submit(base+"en/register", "main form", url.Values{"name": {name}, "email": {email},
		"password": {pw}, "password2": {pw}, "organisation": {name + " org"}, "organisation_type": {"civil-society"}, "country": {"BE"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("register %s: %d", email, resp.StatusCode)
	}
	var link string
	deadline := time.Now().Add(20 * time.Second)
	for link == "" && time.Now().Before(deadline) {
		list, _ := outbox.List(t.Context(), 0)
		for _, e := range list {
			if strings.Contains(e.To, email) {
				l, err := outbox.Letter(t.Context(), e.Name)
				if err == nil {
					link = linkRe.FindString(l.Text)
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if link == "" {
		t.Fatalf("no verification mail to %s", email)
	}
	if resp, _ := v.submit(link, "main form", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("verify %s: %d", email, resp.StatusCode)
	}
	return v
}

func (v *visitor) login(base, email, pw string) {
	v.t.Helper()
	resp, _ := v.submit(base+"en/login", "main form", url.Values{"email": {email}, "password": {pw}})
	if resp.StatusCode != http.StatusSeeOther {
		v.t.Fatalf("sign-in %s: %d", email, resp.StatusCode)
	}
}

// TestSourceRegisteredApprovedHarvestedAndFound runs `ewsi serve` with the
// outbox: two people register and verify by the mailed link; one, made a
// source owner, previews and proposes a feed of the fixture web (a private
// address is refused by the guard); the other, made an editor, approves
// it; the scheduler harvests it and its items are found by search.
func TestSourceRegisteredApprovedHarvestedAndFound(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	var feed catalog.Source
	for _, s := range fixtureweb.Sources(web.URL()) {
		if s.Kind == catalog.KindFeed && s.Language == "en" {
			feed = s
			break
		}
	}
	data := t.TempDir()
	base, _ := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", data,
		"--allow-private", "127.0.0.1/32", "--scheduler-tick", "1s")
	outbox, err := mailer.NewOutbox(filepath.Join(data, "outbox"), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}

	owner := register(t, base, outbox, "owner@publisher.example", "Owner", "owner password")
	editor := register(t, base, outbox, "editor@hub.example", "Editor", "editor password")
	runOK(t, "users", "role", "--data", data, "owner@publisher.example", "source_owner")
	runOK(t, "users", "role", "--data", data, "editor@hub.example", "editor")
	owner.login(base, "owner@publisher.example", "owner password")
	editor.login(base, "editor@hub.example", "editor password")

	// A private address is refused by the guard, as a harvest would be.
	form := base + "en/sources/new"
	_, doc := owner.submit(form, "main form", url.Values{"kind": {"feed"}, "url": {"http://10.1.2.3/feed.xml"},
		"publisher": {"X"}, "action": {"preview"}})
	if alert := doc.Find("section.preview .form-alert").Text(); !strings.Contains(alert, "private or reserved network address") {
		t.Errorf("preview of a private address says %q", alert)
	}

	// The fixture feed previews with items, then goes to review.
	fields := url.Values{"kind": {"feed"}, "url": {feed.URL}, "name": {feed.Name}, "publisher": {feed.Publisher},
		"language": {feed.Language}, "action": {"preview"}}
	_, doc = owner.submit(form, "main form", fields)
	items := doc.Find("ol.preview-items li")
	if items.Length() == 0 {
		t.Fatalf("the preview shows no item: %q", doc.Find("section.preview").Text())
	}
	first := strings.TrimSpace(items.First().Find("a").Text())
	fields.Set("action", "submit")
	if resp, _ := owner.submitDoc(form, doc, "main form", fields); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	if r := searchAPI(t, base, strings.Fields(first)[0]); r.Total != 0 {
		t.Fatalf("items of a pending source are searchable: %+v", r)
	}

	resp, doc := editor.submit(base+"en/editor/sources", "li.registration form.decision", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d %q", resp.StatusCode, doc.Find("main").Text())
	}
	r := waitFor(t, base, first, 1)
	found := false
	for _, it := range r.Items {
		found = found || it.Title == first
	}
	if !found {
		t.Errorf("search for %q did not find the previewed item: %+v", first, r.Items)
	}
}
