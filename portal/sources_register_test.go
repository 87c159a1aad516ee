package portal

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

// fakePreviewer answers previews from a table, recording what it was asked.
type fakePreviewer struct {
	mu    sync.Mutex
	asked []catalog.Source
	docs  []catalog.Document
	err   error
}

func (f *fakePreviewer) Preview(ctx context.Context, src catalog.Source, limit int) ([]catalog.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, src)
	if f.err != nil {
		return nil, f.err
	}
	if len(f.docs) > limit {
		return f.docs[:limit], nil
	}
	return f.docs, nil
}

// TestSourceRegistrationByOwner: an owner previews and proposes a feed,
// which is not harvested until an editor approves it; the owner is told
// by mail. A refusal needs a reason, and a coordinator decides only on
// the sources of their countries.
func TestSourceRegistrationByOwner(t *testing.T) {
	prev := &fakePreviewer{docs: []catalog.Document{
		{Title: "Welcome classes <b>open</b>", URL: "https://gent.example/news/1", Language: "nl", ContentType: "news",
			Published: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)},
		{Title: "Report on housing", URL: "https://gent.example/news/2", Language: "nl"},
	}}
	s := newSite(t, func(o *Options) { o.Accounts.Preview = prev })
	ctx := t.Context()
	s.user("owner@gent.example", "owner password", catalog.RoleSourceOwner)
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	s.user("coord@hub.example", "coord password", catalog.RoleCountryCoordinator) // FR only

	owner := s.browser()
	owner.login("en", "owner@gent.example", "owner password")
	form := owner.get("/en/sources/new")
	if form.StatusCode != http.StatusOK {
		t.Fatalf("proposal form: %d", form.StatusCode)
	}
	fields := url.Values{"kind": {"feed"}, "url": {"https://gent.example/feed.xml"}, "name": {"Gent integration news"},
		"publisher": {"City of Ghent"}, "language": {"nl"}, "country": {"BE"}, "content_type": {"news"},
		"themes": {"social-cohesion", "education-culture"}}

	// Preview: what a harvest would take, nothing stored.
	fields.Set("action", "preview")
	p := owner.submit(form, "main form", fields)
	if p.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d\n%s", p.StatusCode, p.body)
	}
	items := p.doc.Find("ol.preview-items li")
	if items.Length() != 2 || !strings.Contains(items.First().Text(), "Welcome classes <b>open</b>") {
		t.Errorf("preview shows %d items: %q", items.Length(), items.Text())
	}
	if len(prev.asked) != 1 || prev.asked[0].URL != "https://gent.example/feed.xml" || prev.asked[0].Kind != catalog.KindFeed {
		t.Errorf("previewer asked %+v", prev.asked)
	}
	if v, _ := p.doc.Find("#publisher").Attr("value"); v != "City of Ghent" {
		t.Errorf("the preview lost the typed publisher: %q", v)
	}
	if p.doc.Find(`input[name="themes"][value="education-culture"][checked]`).Length() != 1 {
		t.Error("the preview lost the chosen themes")
	}
	if regs, _ := s.store.SourceRegistrations(ctx, 0, ""); len(regs) != 0 {
		t.Errorf("a preview stored %d registrations", len(regs))
	}
	// A preview that fails says why.
	prev.err = errors.New("fetching http://10.0.0.1/feed: refused, it points to a private or reserved network address")
	p = owner.submit(form, "main form", fields)
	if alert := p.text("section.preview .form-alert"); !strings.Contains(alert, "private or reserved network address") {
		t.Errorf("failed preview says %q", alert)
	}
	prev.err = nil

	// Mistakes per field.
	bad := url.Values{"kind": {"feed"}, "url": {"ftp://x"}, "publisher": {""}, "action": {"submit"}}
	p = owner.submit(form, "main form", bad)
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#url-error") == "" || p.text("#publisher-error") == "" {
		t.Errorf("bad proposal: %d, url error %q, publisher error %q", p.StatusCode, p.text("#url-error"), p.text("#publisher-error"))
	}

	// Submit: pending, not harvested.
	fields.Set("action", "submit")
	p = owner.submit(form, "main form", fields)
	if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/en/sources/mine" {
		t.Fatalf("submit: %d %q", p.StatusCode, p.Header.Get("Location"))
	}
	mine := owner.get("/en/sources/mine")
	if state := mine.text("table.registrations td.state-pending"); state != "Waiting for review" {
		t.Errorf("owner sees state %q", state)
	}
	if srcs, _ := s.store.Sources(ctx); len(srcs) != 0 {
		t.Fatalf("a pending proposal is a source already: %+v", srcs)
	}
	if again := owner.submit(form, "main form", fields); again.StatusCode != http.StatusUnprocessableEntity || again.text("#url-error") == "" {
		t.Errorf("proposing the same URL twice: %d %q", again.StatusCode, again.text("#url-error"))
	}

	// A coordinator of France neither sees nor decides on a Belgian source.
	coord := s.browser()
	coord.login("en", "coord@hub.example", "coord password")
	list := coord.get("/en/editor/sources")
	if list.StatusCode != http.StatusOK || list.doc.Find("li.registration").Length() != 0 {
		t.Errorf("coordinator's list: %d, %d items", list.StatusCode, list.doc.Find("li.registration").Length())
	}
	regs, _ := s.store.SourceRegistrations(ctx, 0, catalog.RegistrationPending)
	if len(regs) != 1 {
		t.Fatalf("%d pending registrations", len(regs))
	}
	decideURL := "/en/editor/sources/" + itoa(regs[0].ID)
	token := coord.get("/en/profile").doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")
	if p := coord.post(decideURL, url.Values{"csrf_token": {token}, "decision": {"approve"}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("coordinator approving another country's source: %d", p.StatusCode)
	}

	// The editor: a refusal needs a reason; approval makes the source.
	editor := s.browser()
	editor.login("en", "editor@hub.example", "editor password")
	list = editor.get("/en/editor/sources")
	if list.doc.Find("li.registration").Length() != 1 || !strings.Contains(list.text("li.registration h2"), "Gent integration news") {
		t.Fatalf("editor's list: %q", list.text("main"))
	}
	p = editor.submit(list, `li.registration form.decision:nth-of-type(2)`, url.Values{"reason": {"  "}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text(".form-alert") != "A refusal needs a reason." {
		t.Errorf("refusal without reason: %d %q", p.StatusCode, p.text(".form-alert"))
	}
	p = editor.submit(list, `li.registration form.decision`, nil)
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", p.StatusCode, p.body)
	}
	srcs, err := s.store.Sources(ctx)
	if err != nil || len(srcs) != 1 || srcs[0].URL != "https://gent.example/feed.xml" || srcs[0].Publisher != "City of Ghent" ||
		srcs[0].Language != "nl" || srcs[0].Country != "BE" {
		t.Fatalf("sources after approval: %+v, %v", srcs, err)
	}
	mine = owner.get("/en/sources/mine")
	if state := mine.text("td.state-approved"); !strings.HasPrefix(state, "Approved: harvested") {
		t.Errorf("owner sees %q after approval", state)
	}
	if status := mine.text("td.state-approved dl.health dd.status-new"); status != "Not yet harvested" {
		t.Errorf("owner sees the new source's health as %q", status)
	}
	// The owner watches the source's health: a failed harvest, and ten
	// days without anything new.
	started := time.Now().Add(-time.Minute)
	if _, err := s.store.RecordHarvest(ctx, catalog.HarvestOutcome{SourceID: srcs[0].ID, Started: started,
		Finished: started.Add(time.Second), Stage: "fetch", Err: "the server answered 404 Not Found",
		NextCheck: time.Now().Add(time.Hour), Interval: time.Hour}); err != nil {
		t.Fatal(err)
	}
	s.server.now = func() time.Time { return time.Now().Add(10 * 24 * time.Hour) }
	mine = owner.get("/en/sources/mine")
	for sel, want := range map[string]string{
		"dl.health dd.status-failing": "Failing",
		"dl.health dd.last-error":     "the server answered 404 Not Found",
		"dl.health dd.silent":         "silent for 10 days",
		"details.runs li":             "failed 0 new, 0 updated, 0 failed — the server answered 404 Not Found",
	} {
		if got := strings.Join(strings.Fields(mine.doc.Find(sel).First().Text()), " "); !strings.HasSuffix(got, want) {
			t.Errorf("%s = %q, want it to end with %q", sel, got, want)
		}
	}
	s.server.now = time.Now

	ms := s.mails()
	if len(ms) != 1 || ms[0].Subject != "Your source was approved" || !strings.Contains(ms[0].Text, "https://gent.example/feed.xml") {
		t.Errorf("mails: %+v", ms)
	}
	if p := editor.submit(list, `li.registration form.decision`, nil); p.StatusCode != http.StatusConflict {
		t.Errorf("approving twice: %d", p.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
