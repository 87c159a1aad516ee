package portal

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/auth"
)

// caseStudyForm is a complete case study as a contributor types it, in
// Portuguese with an English summary.
func caseStudyForm() url.Values {
	return url.Values{
		"title": {"Mentoria para o emprego em Lisboa"}, "language": {"pt"},
		"summary":    {"Mentores ajudam pessoas refugiadas a encontrar trabalho."},
		"summary_en": {"Mentors help refugees find work in Lisbon."},
		"country":    {"PT"}, "themes": {"economic-participation", "active-citizenship"},
		"region": {"Lisboa"}, "target_groups": {"pessoas refugiadas\njovens adultos"},
		"aims": {"Emprego estável para 100 pessoas."}, "activities": {"Mentoria semanal e visitas a empresas."},
		"outcomes": {"75 empregos."}, "evaluation": {"Avaliação externa pela universidade, 2025."},
		"evaluated": {"on"}, "started": {"2023-01-09"}, "ended": {"2025-06-30"},
		"budget": {"120000"}, "currency": {"EUR"}, "funding_by": {"AMIF"},
		"partners": {"Câmara Municipal de Lisboa\nAssociação X"}, "contact": {"mentoria@cidade.example"},
		"links": {"https://cidade.example/mentoria"}, "credit": {"on"},
	}
}

// withValues returns a copy of v with the given fields replaced (an empty
// value removes the field).
func withValues(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	return out
}

// TestContributeCaseStudyAndPublish: a practitioner's case study with a
// mistake comes back with a message and everything typed; sent again it
// waits for review and the contributor is told so by mail in their
// language; an editor publishes it from the queue, the contributor is
// told once (not again on re-publication), the page credits them and
// shows the English summary, and their profile lists it.
func TestContributeCaseStudyAndPublish(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u := s.user("ana@ngo.example", "ana password", catalog.RolePractitioner)
	u.Organisation, u.EmailLanguage = "Associação Mentor", "fr"
	if err := s.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)

	ana := s.browser()
	ana.login("fr", "ana@ngo.example", "ana password")
	form := ana.get("/fr/contribute/case-study")
	if form.StatusCode != http.StatusOK || form.doc.Find("section.criteria li").Length() < 2 {
		t.Fatalf("form: %d, %d criteria", form.StatusCode, form.doc.Find("section.criteria li").Length())
	}
	bad := withValues(caseStudyForm(), "evaluated", "", "started", "2023-13-45")
	p := ana.submit(form, "main form", bad)
	if p.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("missing criteria: %d", p.StatusCode)
	}
	if got := p.text("#evaluated-error"); !strings.Contains(got, "évaluée, innovante") {
		t.Errorf("criteria message %q, want the French one", got)
	}
	if p.text("#started-error") == "" || p.doc.Find("#started").AttrOr("aria-invalid", "") != "true" {
		t.Errorf("bad date not marked")
	}
	for field, want := range map[string]string{"#title": "Mentoria para o emprego em Lisboa", "#started": "2023-13-45", "#budget": "120000"} {
		if got := p.doc.Find(field).AttrOr("value", ""); got != want {
			t.Errorf("%s kept as %q, want %q", field, got, want)
		}
	}
	if got := p.text("#partners"); got != "Câmara Municipal de Lisboa\nAssociação X" {
		t.Errorf("partners kept as %q", got)
	}
	if p.doc.Find(`input[name="themes"][value="economic-participation"]`).AttrOr("checked", "none") == "none" ||
		p.doc.Find(`#language option[selected]`).AttrOr("value", "") != "pt" {
		t.Error("choices not kept")
	}
	if n, _ := s.store.CountDocuments(ctx); n != 0 {
		t.Fatalf("a failed submission stored %d documents", n)
	}

	p = ana.submit(p, "main form", caseStudyForm())
	if p.StatusCode != http.StatusOK || p.text("h1") != "Merci pour votre contribution" {
		t.Fatalf("submit: %d %q\n%s", p.StatusCode, p.text("h1"), p.body)
	}
	mine, err := s.store.ContributionsByUser(ctx, u.ID)
	if err != nil || len(mine) != 1 || mine[0].State != catalog.StatePending {
		t.Fatalf("contributions: %+v, %v", mine, err)
	}
	id := mine[0].DocumentID
	d, _ := s.store.Document(ctx, id)
	if d.CaseStudy == nil || d.CaseStudy.Region != "Lisboa" || !d.CaseStudy.Evaluated || d.CaseStudy.Budget != 120000 ||
		d.CaseStudy.Currency != "EUR" || len(d.CaseStudy.Partners) != 2 || d.ContentType != "case-study" || d.Language != "pt" {
		t.Errorf("stored case study: %+v %+v", d, d.CaseStudy)
	}
	ms := s.mails()
	if len(ms) != 1 || ms[0].Subject != "Nous avons reçu votre contribution" || !strings.Contains(ms[0].Text, "Mentoria para o emprego") {
		t.Fatalf("receipt mail: %+v", ms)
	}
	// Not public while pending.
	if got := s.browser().get("/en/documents/" + strconv.FormatInt(id, 10)); got.StatusCode != http.StatusNotFound {
		t.Errorf("pending contribution page: %d, want 404", got.StatusCode)
	}

	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	q := ed.get("/en/editor/queue")
	if q.doc.Find("li.queue-item").Length() != 1 {
		t.Fatalf("queue has %d items, want the contribution", q.doc.Find("li.queue-item").Length())
	}
	if got := q.text("li.queue-item dd.contributor"); got != "User practitioner, Associação Mentor <ana@ngo.example>" {
		t.Errorf("queue names the contributor %q", got)
	}
	// The editor reads it in full before deciding; it says it is not public.
	if pv := ed.get(q.doc.Find("li.queue-item label a").AttrOr("href", "")); pv.StatusCode != http.StatusOK ||
		pv.text("p.preview-notice") == "" || pv.text("h1") != "Mentoria para o emprego em Lisboa" {
		t.Errorf("editor's preview: %d %q", pv.StatusCode, pv.text("p.preview-notice"))
	}
	if pv := ana.get("/en/documents/" + strconv.FormatInt(id, 10)); pv.StatusCode != http.StatusNotFound {
		t.Errorf("the contributor sees the pending page: %d, want 404", pv.StatusCode)
	}
	publish := url.Values{"id": {strconv.FormatInt(id, 10)}, "action": {"publish"}}
	if p := ed.submit(q, "form.queue-decide", publish); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", p.StatusCode, p.body)
	}
	ms = s.mails()
	if len(ms) != 2 || ms[1].Subject != "Votre contribution est publiée" || ms[1].Lang != "fr" {
		t.Fatalf("publication mail: %d mails, last %+v", len(ms), ms[len(ms)-1].Envelope)
	}
	if link := s.lastLink("ana@ngo.example"); link != s.url+"/fr/documents/"+strconv.FormatInt(id, 10) {
		t.Errorf("publication link %q", link)
	}
	// Published again (archived, then published): no second mail.
	if _, err := s.store.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{id}, State: catalog.StateArchived}); err != nil {
		t.Fatal(err)
	}
	token := q.doc.Find(`input[name="csrf_token"]`).First().AttrOr("value", "")
	if p := ed.post("/en/editor/queue", withValues(publish, "csrf_token", token)); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("re-publish: %d", p.StatusCode)
	}
	if n := len(s.mails()); n != 2 {
		t.Errorf("%d mails after re-publication, want still 2", n)
	}

	page := s.browser().get("/de/documents/" + strconv.FormatInt(id, 10))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("published page: %d", page.StatusCode)
	}
	if got := page.text("p.credit"); got != "Beitrag von User practitioner, Associação Mentor" {
		t.Errorf("credit %q", got)
	}
	if en := page.doc.Find("p.summary-en"); en.AttrOr("lang", "") != "en" || strings.TrimSpace(en.Text()) != "Mentors help refugees find work in Lisbon." {
		t.Errorf("English summary: lang %q, %q", en.AttrOr("lang", ""), en.Text())
	}
	prof := ana.get("/en/profile")
	row := prof.doc.Find("tr.contribution")
	if row.Length() != 1 || !row.HasClass("state-published") || row.Find("a").AttrOr("href", "") != "/en/documents/"+strconv.FormatInt(id, 10) {
		t.Errorf("profile lists %d contributions: %s", row.Length(), row.Text())
	}
}

// TestContributeTrustAndLimits: a trusted domain publishes at once (one
// mail, saying it is online), a blocked domain is refused, the opt-out of
// credit is kept, and the submission limit trips.
func TestContributeTrustAndLimits(t *testing.T) {
	s := newSite(t, func(o *Options) { o.Accounts.Limits.Submit = auth.NewMemoryLimiter(1, time.Hour, nil) })
	ctx := t.Context()
	for d, tr := range map[string]catalog.Trust{"city.example": catalog.TrustTrusted, "spam.example": catalog.TrustBlocked} {
		if err := s.store.SetDomainTrust(ctx, &catalog.DomainTrust{Domain: d, Trust: tr}); err != nil {
			t.Fatal(err)
		}
	}
	s.user("bo@city.example", "bo password", catalog.RolePractitioner)
	s.user("x@spam.example", "x password", catalog.RolePractitioner)
	news := url.Values{"title": {"Neue Beratungsstelle"}, "language": {"de"}, "summary": {"Ab Mai offen."}}

	bo := s.browser()
	bo.login("en", "bo@city.example", "bo password")
	p := bo.submit(bo.get("/en/contribute/news"), "main form", withValues(news, "credit", ""))
	if p.StatusCode != http.StatusOK {
		t.Fatalf("trusted: %d\n%s", p.StatusCode, p.body)
	}
	docURL := p.doc.Find("main a").First().AttrOr("href", "")
	if page := s.browser().get(docURL); page.StatusCode != http.StatusOK || page.doc.Find("p.credit").Length() != 0 {
		t.Errorf("published at once, uncredited: %s %d, credit %q", docURL, page.StatusCode, page.text("p.credit"))
	}
	if ms := s.mails(); len(ms) != 1 || ms[0].Subject != "Your contribution is published" {
		t.Errorf("mails: %d", len(ms))
	}
	if p := bo.submit(bo.get("/en/contribute/news"), "main form", news); p.StatusCode != http.StatusTooManyRequests {
		t.Errorf("second submission in the hour: %d, want 429", p.StatusCode)
	}

	x := s.browser()
	x.login("en", "x@spam.example", "x password")
	if p := x.submit(x.get("/en/contribute/news"), "main form", news); p.StatusCode != http.StatusForbidden || p.text(".form-alert") == "" {
		t.Errorf("blocked domain: %d %q", p.StatusCode, p.text(".form-alert"))
	}
	if n, _ := s.store.CountDocuments(ctx); n != 1 {
		t.Errorf("%d documents, want the trusted one only", n)
	}
}

// TestContributeEveryKind submits a valid form of each kind and checks
// the structured fields it stored.
func TestContributeEveryKind(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u := s.user("cy@ngo.example", "cy password", catalog.RolePractitioner)
	b := s.browser()
	b.login("en", "cy@ngo.example", "cy password")
	base := url.Values{"title": {"Item"}, "language": {"en"}, "summary": {"Short."}, "summary_en": {"ignored for English"}}
	forms := map[catalog.ContributionKind]url.Values{
		catalog.ContributeDocument:  withValues(base, "content_type", "report", "link", "https://ngo.example/r.pdf", "published", "2026-02-01"),
		catalog.ContributeNews:      base,
		catalog.ContributeEvent:     withValues(base, "start_date", "2027-03-10", "start_time", "09:30", "end_time", "17:00", "time_zone", "Europe/Brussels", "location", "Brussels"),
		catalog.ContributeFunding:   withValues(base, "deadline", "2027-04-30", "budget", "50000", "currency", "eur", "eligible", "BE"),
		catalog.ContributeCaseStudy: withValues(caseStudyForm(), "language", "en", "innovative", "on", "evaluated", ""),
	}
	for _, k := range catalog.ContributionKinds {
		if p := b.submit(b.get("/en/contribute/"+string(k)), "main form", forms[k]); p.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", k, p.StatusCode, p.text("main"))
		}
	}
	items, _ := s.store.ContributionsByUser(ctx, u.ID)
	if len(items) != len(catalog.ContributionKinds) {
		t.Fatalf("%d contributions", len(items))
	}
	for _, it := range items {
		d, _ := s.store.Document(ctx, it.DocumentID)
		c, _ := s.store.Contribution(ctx, it.DocumentID)
		if c.SummaryEN != "" {
			t.Errorf("%s: English summary kept for an English item", it.Kind)
		}
		switch it.Kind {
		case catalog.ContributeDocument:
			if d.ContentType != "report" || d.URL != "https://ngo.example/r.pdf" {
				t.Errorf("document: %s %s", d.ContentType, d.URL)
			}
		case catalog.ContributeEvent:
			want := time.Date(2027, 3, 10, 8, 30, 0, 0, time.UTC) // 09:30 in Brussels
			if d.Event == nil || !d.Event.Start.Equal(want) || d.Event.End.Sub(d.Event.Start) != 7*time.Hour+30*time.Minute || d.Event.AllDay {
				t.Errorf("event: %+v", d.Event)
			}
		case catalog.ContributeFunding:
			if d.Funding == nil || d.Funding.Currency != "EUR" || d.Funding.Budget != 50000 || d.Funding.Deadline.IsZero() || !slices.Equal(d.Funding.EligibleCountries, []string{"BE"}) {
				t.Errorf("funding: %+v", d.Funding)
			}
		case catalog.ContributeCaseStudy:
			if d.CaseStudy == nil || !d.CaseStudy.Innovative || !d.CaseStudy.MeetsCriteria() {
				t.Errorf("case study: %+v", d.CaseStudy)
			}
		}
	}
}

// TestContributedHTMLIsEscaped: markup typed in a contribution is shown
// as text on its page and in the queue, never run.
func TestContributedHTMLIsEscaped(t *testing.T) {
	s := newSite(t)
	if err := s.store.SetDomainTrust(t.Context(), &catalog.DomainTrust{Domain: "ngo.example", Trust: catalog.TrustTrusted}); err != nil {
		t.Fatal(err)
	}
	s.user("dee@ngo.example", "dee password", catalog.RolePractitioner)
	b := s.browser()
	b.login("en", "dee@ngo.example", "dee password")
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	form := withValues(caseStudyForm(), "title", "Mentoring "+evil, "aims", "Jobs "+evil, "summary_en", evil, "region", evil)
	p := b.submit(b.get("/en/contribute/case-study"), "main form", form)
	if p.StatusCode != http.StatusOK {
		t.Fatalf("submit: %d", p.StatusCode)
	}
	page := b.get(p.doc.Find("main a").First().AttrOr("href", ""))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("page: %d", page.StatusCode)
	}
	if n := page.doc.Find("main script, main img, main [onerror]").Length(); n != 0 {
		t.Errorf("%d elements from typed markup on the page", n)
	}
	if !strings.Contains(page.text("h1"), "<script>alert(1)</script>") || !strings.Contains(page.text("p.summary-en"), "<img src=x") {
		t.Errorf("typed markup not shown as text: %q / %q", page.text("h1"), page.text("p.summary-en"))
	}
	// The same on a failed submission's form.
	p = b.submit(b.get("/en/contribute/case-study"), "main form", withValues(form, "aims", ""))
	if p.doc.Find("main script, main img").Length() != 0 || !strings.Contains(p.text("#summary_en"), "<script>") {
		t.Errorf("typed markup on the form: %q", p.text("#summary_en"))
	}
}

// TestContributeCSRF: a submission without the form's token, or with
// another visitor's, is refused and stores nothing.
func TestContributeCSRF(t *testing.T) {
	s := newSite(t)
	s.user("eve@ngo.example", "eve password", catalog.RolePractitioner)
	b := s.browser()
	b.login("en", "eve@ngo.example", "eve password")
	other := s.browser()
	otherToken := other.get("/en/login").doc.Find(`input[name="csrf_token"]`).AttrOr("value", "")
	for name, token := range map[string]string{"missing": "", "wrong": "bm90IGEgdG9rZW4", "another visitor's": otherToken} {
		form := caseStudyForm()
		if token != "" {
			form.Set("csrf_token", token)
		}
		if p := b.post("/en/contribute/case-study", form); p.StatusCode != http.StatusForbidden {
			t.Errorf("%s token: %d, want 403", name, p.StatusCode)
		}
	}
	if n, _ := s.store.CountDocuments(t.Context()); n != 0 {
		t.Errorf("%d documents stored without a valid token", n)
	}
	if p := b.get("/en/contribute/poem"); p.StatusCode != http.StatusNotFound {
		t.Errorf("unknown kind: %d, want 404", p.StatusCode)
	}
}

// TestContributorsReport: the editors' report counts a year's
// contributions per contributor by kind and state, by organisation type
// and country, in a page and a CSV, and lists the regular contributors.
func TestContributorsReport(t *testing.T) {
	s := newSite(t, func(o *Options) { o.Accounts.RegularContributors = 2 })
	ctx := t.Context()
	src, err := s.store.ContributionSource(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ana := s.user("ana@city.example", "pw ana pw", catalog.RolePractitioner)
	ana.Organisation, ana.OrganisationType, ana.Country = "=City of Porto", "regional-local-authority", "PT"
	if err := s.store.UpdateUser(ctx, ana); err != nil {
		t.Fatal(err)
	}
	s.user("ed@hub.example", "editor password", catalog.RoleEditor)
	now := time.Now().UTC()
	for i, st := range []catalog.DocumentState{catalog.StatePublished, catalog.StatePublished, catalog.StatePending} {
		d := &catalog.Document{SourceID: src.ID, Key: "c" + strconv.Itoa(i), Title: "T", Language: "pt", State: st, Harvested: now}
		if err := s.store.SubmitContribution(ctx, d, &catalog.Contribution{UserID: ana.ID, Kind: catalog.ContributeCaseStudy, Credit: true}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	b.login("en", "ed@hub.example", "editor password")
	year := strconv.Itoa(now.Year())
	p := b.get("/en/editor/contributors?year=" + year)
	if p.StatusCode != http.StatusOK {
		t.Fatalf("report: %d", p.StatusCode)
	}
	row := p.doc.Find("section[aria-labelledby=by-contributor] tbody tr")
	if row.Length() != 1 || strings.TrimSpace(row.Find("th").Text()) != "User practitioner" || strings.TrimSpace(row.Find("td").Last().Text()) != "3" {
		t.Errorf("by contributor: %d rows %q", row.Length(), row.Text())
	}
	if g := p.doc.Find("section[aria-labelledby=by-country] tbody th").First().Text(); g != "Portugal" {
		t.Errorf("by country: %q", g)
	}
	if r := p.doc.Find("table.regulars tbody tr"); r.Length() != 1 {
		t.Errorf("regular contributors: %d", r.Length())
	}
	if p := b.get("/en/editor/contributors?year=1999"); p.StatusCode != http.StatusNotFound {
		t.Errorf("year 1999: %d", p.StatusCode)
	}
	c := b.get(p.doc.Find(`a[type="text/csv"]`).First().AttrOr("href", ""))
	if c.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("CSV: %d %s", c.StatusCode, c.Header.Get("Content-Type"))
	}
	lines, err := csv.NewReader(strings.NewReader(c.body)).ReadAll()
	if err != nil || len(lines) != 3 {
		t.Fatalf("CSV lines %v, %v", lines, err)
	}
	if lines[1][3] != "'=City of Porto" || lines[1][6] != "case-study" || lines[1][7] != "pending" || lines[2][8] != "2" {
		t.Errorf("CSV: %v", lines)
	}
	reg := b.get("/en/editor/contributors/regular.csv")
	if lines, _ := csv.NewReader(strings.NewReader(reg.body)).ReadAll(); len(lines) != 2 || lines[1][5] != "2" {
		t.Errorf("regular CSV: %v", lines)
	}
}

// TestEmbargoedPublicationSaysTheDate: publishing a contribution with an
// embargo date mails the contributor at once, saying from when it is
// public.
func TestEmbargoedPublicationSaysTheDate(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u := s.user("gil@ngo.example", "gil password", catalog.RolePractitioner)
	u.EmailLanguage = "de"
	if err := s.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	src, _ := s.store.ContributionSource(ctx)
	d := &catalog.Document{SourceID: src.ID, Key: "contribution/e", Title: "Bericht 2027", Language: "de", State: catalog.StatePending}
	if err := s.store.SubmitContribution(ctx, d, &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeDocument, Credit: true}); err != nil {
		t.Fatal(err)
	}
	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	day := time.Now().UTC().AddDate(0, 2, 0).Format("2006-01-02")
	p := ed.submit(ed.get("/en/editor/queue"), "form.queue-decide", url.Values{"id": {strconv.FormatInt(d.ID, 10)}, "action": {"publish"}, "embargo": {day}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish with embargo: %d", p.StatusCode)
	}
	ms := s.mails()
	if len(ms) != 1 || ms[0].Subject != "Ihr Beitrag ist veröffentlicht" {
		t.Fatalf("mails: %d", len(ms))
	}
	want := s.server.bundle.Locale("de").Date(time.Now().UTC().AddDate(0, 2, 0))
	if !strings.Contains(ms[0].Text, "Er ist ab dem "+want+" öffentlich.") {
		t.Errorf("mail does not give the date %q:\n%s", want, ms[0].Text)
	}
}
