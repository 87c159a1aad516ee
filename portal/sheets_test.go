package portal

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// sheetSite is a site whose catalog holds two sections of France (one
// stale, one with markup and links typed in), a published French document
// and a German one.
func sheetSite(t *testing.T) (*site, *catalog.User) {
	t.Helper()
	s := newSite(t)
	ctx := t.Context()
	ed := s.user("editor@hub.example", "editor password", catalog.RoleEditor)
	for _, e := range []catalog.SheetEdit{
		{Country: "FR", Section: catalog.SectionKeyFacts, Text: "Capital: Paris", Language: "en", EditorID: ed.ID,
			At: time.Now().AddDate(-2, 0, 0)},
		{Country: "FR", Section: catalog.SectionStrategy, Text: "La stratégie <script>alert(1)</script>\n\nVoir https://strategie.example/plan.",
			Language: "fr", EditorID: ed.ID},
	} {
		if _, err := s.store.SaveSheetSection(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://news.example/feed", Name: "News"}
	if err := s.store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	for _, d := range []catalog.Document{
		{SourceID: src.ID, Key: "fr", URL: "https://news.example/fr", Title: "Accueil des réfugiés à Lyon", Text: "Texte",
			Language: "fr", ContentType: "news", Countries: []string{"FR"}, Published: time.Now().Add(-time.Hour)},
		{SourceID: src.ID, Key: "de", URL: "https://news.example/de", Title: "Sprachkurse in Köln", Text: "Text",
			Language: "de", ContentType: "news", Countries: []string{"DE"}, Published: time.Now().Add(-time.Hour)},
	} {
		if _, err := s.store.UpsertDocument(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	return s, ed
}

func TestCountryListPage(t *testing.T) {
	s, _ := sheetSite(t)
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			loc := b.Locale(lang)
			p := s.browser().get("/" + lang + "/countries")
			if p.StatusCode != http.StatusOK {
				t.Fatalf("status %d", p.StatusCode)
			}
			checkFrame(t, p.doc, lang)
			if got := p.text("h1"); got != loc.T("countries.title") {
				t.Errorf("h1 = %q", got)
			}
			if a := p.doc.Find(`header nav a[aria-current="page"]`); a.Text() != loc.T("layout.nav.countries") {
				t.Errorf("current nav item = %q", a.Text())
			}
			eu, other := p.doc.Find(`section[aria-labelledby="countries-eu"]`), p.doc.Find(`section[aria-labelledby="countries-other"]`)
			if eu.Find("h2").Text() != loc.T("countries.eu") || other.Find("h2").Text() != loc.T("countries.other") {
				t.Errorf("group headings %q, %q", eu.Find("h2").Text(), other.Find("h2").Text())
			}
			if n, m := eu.Find("tbody tr").Length(), other.Find("tbody tr").Length(); n != 27 || m != 3 {
				t.Errorf("%d Member States and %d others, want 27 and 3", n, m)
			}
			var france *goquery.Selection
			eu.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
				if tr.Find("th a").AttrOr("href", "") == "/"+lang+"/countries/fr" {
					france = tr
				}
			})
			if france == nil {
				t.Fatal("no row links to France")
			}
			if france.Find("th a").Text() != loc.CountryName("FR") || france.Find("time").AttrOr("datetime", "") == "" ||
				france.Find(".stale").Text() != loc.T("countries.needs_review") {
				t.Errorf("France's row: %q", france.Text())
			}
			iceland := other.Find(`a[href="/` + lang + `/countries/is"]`).Closest("tr")
			if !strings.Contains(iceland.Text(), loc.T("countries.never")) {
				t.Errorf("Iceland's row without sections: %q", iceland.Text())
			}
		})
	}
}

func TestCountryPage(t *testing.T) {
	s, _ := sheetSite(t)
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			loc := b.Locale(lang)
			p := s.browser().get("/" + lang + "/countries/fr")
			if p.StatusCode != http.StatusOK {
				t.Fatalf("status %d", p.StatusCode)
			}
			checkFrame(t, p.doc, lang)
			if got := p.text("h1"); got != loc.CountryName("FR") {
				t.Errorf("h1 = %q", got)
			}
			secs := p.doc.Find("main section.sheet-section")
			if secs.Length() != len(catalog.SheetSections) {
				t.Fatalf("%d sections, want %d", secs.Length(), len(catalog.SheetSections))
			}
			secs.Each(func(i int, sec *goquery.Selection) {
				name := catalog.SheetSections[i]
				if h := sec.Find("h2"); h.Text() != loc.T("sheet.section."+name) || h.AttrOr("id", "") != sec.AttrOr("aria-labelledby", "") {
					t.Errorf("section %d heading %q", i, h.Text())
				}
			})
			facts, strategy := secs.Eq(0), secs.Eq(1)
			if facts.Find(".stale").Length() != 1 || strategy.Find(".stale").Length() != 0 {
				t.Errorf("stale markers: key facts %d, strategy %d", facts.Find(".stale").Length(), strategy.Find(".stale").Length())
			}
			if got := strategy.Find("dd time").First().Text(); got != loc.Date(time.Now().UTC()) {
				t.Errorf("strategy verified %q, want %q", got, loc.Date(time.Now().UTC()))
			}
			text := strategy.Find(".sheet-text")
			if text.AttrOr("lang", "") != "fr" || text.Find("p").Length() != 2 || text.Find("script").Length() != 0 ||
				!strings.Contains(text.Text(), "<script>alert(1)</script>") {
				t.Errorf("strategy text (lang %q): %s", text.AttrOr("lang", ""), text.Text())
			}
			if href := text.Find("a").AttrOr("href", ""); href != "https://strategie.example/plan" {
				t.Errorf("link href = %q", href)
			}
			if secs.Eq(2).Find(".sheet-missing").Text() != loc.T("sheet.missing") {
				t.Errorf("an unwritten section: %q", secs.Eq(2).Text())
			}
			latest := p.doc.Find(`section[aria-labelledby="country-latest"] .hit-title a`)
			if latest.Length() != 1 || latest.Text() != "Accueil des réfugiés à Lyon" || latest.AttrOr("lang", "") != "fr" {
				t.Errorf("latest content: %d, %q", latest.Length(), latest.Text())
			}
			for _, id := range []string{"country-events", "country-funding"} {
				if p.doc.Find(`section[aria-labelledby="`+id+`"] h2#`+id).Length() != 1 {
					t.Errorf("no section %s", id)
				}
			}
			if p.doc.Find(`a[href^="/`+lang+`/editor/countries"]`).Length() != 0 {
				t.Error("an anonymous visitor is offered to edit")
			}
		})
	}
	for path, want := range map[string]int{"/en/countries/FR": 200, "/en/countries/eu": 404, "/en/countries/us": 404, "/en/countries/": 404} {
		if p := s.browser().get(path); p.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, p.StatusCode, want)
		}
	}
	// The home page links every country.
	home := s.browser().get("/en/")
	if n := home.doc.Find(`section[aria-labelledby="home-countries"] ul a`).Length(); n != 30 {
		t.Errorf("home page links %d countries, want 30", n)
	}
}

func TestSheetEditing(t *testing.T) {
	s, _ := sheetSite(t)
	ctx := t.Context()
	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	form := ed.get("/en/editor/countries/fr")
	if form.StatusCode != http.StatusOK {
		t.Fatalf("edit page: %d", form.StatusCode)
	}
	checkFrame(t, form.doc, "en")
	if n := form.doc.Find("form.sheet-form").Length(); n != 6 {
		t.Errorf("%d section forms, want 6", n)
	}
	if form.doc.Find("#text-integration-strategy").AttrOr("lang", "") != "fr" {
		t.Error("the strategy's textarea is not marked lang=fr")
	}
	if form.text("#text-key-facts") != "Capital: Paris" || form.doc.Find("#text-legislation").Text() != "" {
		t.Errorf("form texts: %q, %q", form.text("#text-key-facts"), form.text("#text-legislation"))
	}
	// Verify forms only for written sections.
	if n := form.doc.Find("form.sheet-verify").Length(); n != 2 {
		t.Errorf("%d verify forms, want 2", n)
	}
	legislation := `form.sheet-form:has(input[name="section"][value="legislation"])`
	// A bad language comes back with its message and the text as typed.
	p := ed.submit(form, legislation, url.Values{"text": {"Typed law text"}, "language": {"klingon"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#language-legislation-error") == "" ||
		p.text("#text-legislation") != "Typed law text" || p.text(".form-alert") == "" {
		t.Errorf("bad language: %d, error %q, text %q", p.StatusCode, p.text("#language-legislation-error"), p.text("#text-legislation"))
	}
	p = ed.submit(form, legislation, url.Values{"text": {"   "}, "language": {"fr"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#text-legislation-error") == "" ||
		p.doc.Find(`#language-legislation option[value="fr"][selected]`).Length() != 1 {
		t.Errorf("empty text: %d, error %q", p.StatusCode, p.text("#text-legislation-error"))
	}
	if secs, _ := s.store.SheetSections(ctx, "FR"); len(secs) != 2 {
		t.Fatalf("a refused form was stored: %d sections", len(secs))
	}
	// A good one is saved, verified, and shown on the public page.
	p = ed.submit(form, legislation, url.Values{"text": {"Code de l’entrée et du séjour des étrangers."}, "language": {"fr"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", p.StatusCode, p.body)
	}
	p = ed.get(p.Header.Get("Location"))
	if p.text(".form-notice") == "" || !strings.Contains(p.text(`section[aria-labelledby="edit-legislation"] ol.revisions`), "User editor") {
		t.Errorf("after saving: notice %q, history %q", p.text(".form-notice"), p.text(`section[aria-labelledby="edit-legislation"] ol.revisions`))
	}
	if got := p.text(`section[aria-labelledby="edit-legislation"] .revision-text`); got != "Code de l’entrée et du séjour des étrangers." {
		t.Errorf("the revision keeps the text %q", got)
	}
	pub := s.browser().get("/en/countries/fr")
	if got := pub.text("#section-legislation ~ .sheet-text"); got != "Code de l’entrée et du séjour des étrangers." {
		t.Errorf("public legislation text %q", got)
	}
	// Mark verified moves the stale key facts to today, text unchanged.
	p = ed.submit(form, `form.sheet-verify:has(input[name="section"][value="key-facts"])`, nil)
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("verify: %d\n%s", p.StatusCode, p.body)
	}
	secs, _ := s.store.SheetSections(ctx, "FR")
	for _, sec := range secs {
		if sec.Section == catalog.SectionKeyFacts && (sec.Stale(time.Now(), catalog.DefaultSheetMaxAge) || sec.Text != "Capital: Paris") {
			t.Errorf("after verifying: %+v", sec)
		}
	}
	hist, _ := s.store.SheetRevisions(ctx, "FR", catalog.SectionKeyFacts, 0)
	if len(hist) != 2 || hist[0].Kind != catalog.RevisionVerified {
		t.Errorf("key facts history: %+v", hist)
	}
	// Verifying a section never written is a 404; an unknown section 400.
	if p := ed.submit(form, `form.sheet-verify`, url.Values{"section": {"statistics"}}); p.StatusCode != http.StatusNotFound {
		t.Errorf("verifying an unwritten section: %d", p.StatusCode)
	}
	if p := ed.submit(form, legislation, url.Values{"section": {"weather"}, "text": {"x"}, "language": {"en"}}); p.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown section: %d", p.StatusCode)
	}
}

// TestSheetCoordinatorLimits: a country coordinator edits the sheets of
// their countries only, and sees only their stale sections.
func TestSheetCoordinatorLimits(t *testing.T) {
	s, ed := sheetSite(t)
	ctx := t.Context()
	if _, err := s.store.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "DE", Section: catalog.SectionGovernance,
		Text: "Bund und Länder.", Language: "de", EditorID: ed.ID, At: time.Now().AddDate(-3, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	s.user("coord@hub.example", "coord password", catalog.RoleCountryCoordinator) // of FR
	co := s.browser()
	co.login("de", "coord@hub.example", "coord password")
	if p := co.get("/de/editor/countries/fr"); p.StatusCode != http.StatusOK {
		t.Errorf("the coordinator's own country: %d", p.StatusCode)
	}
	own := co.get("/de/editor/countries/fr")
	for _, path := range []string{"/de/editor/countries/de", "/de/editor/countries/DE", "/de/editor/countries/no"} {
		if p := co.get(path); p.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s: %d, want 403", path, p.StatusCode)
		}
	}
	// The forms of France, posted to Germany: refused, nothing written.
	token := own.doc.Find(`form.sheet-form input[name="csrf_token"]`).AttrOr("value", "")
	for _, path := range []string{"/de/editor/countries/de", "/de/editor/countries/de/verify"} {
		p := co.post(path, url.Values{"csrf_token": {token}, "section": {"governance"}, "text": {"Changed"}, "language": {"de"}})
		if p.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s: %d, want 403", path, p.StatusCode)
		}
	}
	if hist, _ := s.store.SheetRevisions(ctx, "DE", "", 0); len(hist) != 1 {
		t.Errorf("Germany's sheet changed: %+v", hist)
	}
	// The list of stale sections: France's for the coordinator, both for
	// the editor.
	list := co.get("/de/editor/countries")
	checkFrame(t, list.doc, "de")
	if rows := list.doc.Find("table.stale-sections tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), "Frankreich") {
		t.Errorf("coordinator's stale list: %q", rows.Text())
	}
	if n := list.doc.Find(`section[aria-labelledby="edit-sheets"] a`).Length(); n != 1 {
		t.Errorf("coordinator may edit %d sheets, want 1", n)
	}
	e := s.browser()
	e.login("en", "editor@hub.example", "editor password")
	if rows := e.get("/en/editor/countries").doc.Find("table.stale-sections tbody tr"); rows.Length() != 2 {
		t.Errorf("editor's stale list: %d rows", rows.Length())
	}
	if p := e.get("/en/countries/de"); p.doc.Find(`a[href="/en/editor/countries/de"]`).Length() != 1 {
		t.Error("the public page offers the editor no edit link")
	}
}

// TestSheetFormsNeedCSRF: without the form's token, or with another's, a
// save or a verification is refused and nothing changes.
func TestSheetFormsNeedCSRF(t *testing.T) {
	s, _ := sheetSite(t)
	ed := s.browser()
	ed.login("en", "editor@hub.example", "editor password")
	for _, token := range []string{"", "forged-token"} {
		form := url.Values{"section": {"key-facts"}, "text": {"Forged"}, "language": {"en"}}
		if token != "" {
			form.Set("csrf_token", token)
		}
		for _, path := range []string{"/en/editor/countries/fr", "/en/editor/countries/fr/verify"} {
			if p := ed.post(path, form); p.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with token %q: %d, want 403", path, token, p.StatusCode)
			}
		}
	}
	if hist, _ := s.store.SheetRevisions(t.Context(), "FR", catalog.SectionKeyFacts, 0); len(hist) != 1 {
		t.Errorf("a refused form changed the section: %+v", hist)
	}
}

// FuzzSheetForm: whatever is posted, reading the form never panics, and a
// form the portal accepts is one the catalog accepts too.
func FuzzSheetForm(f *testing.F) {
	for _, seed := range [][3]string{
		{"key-facts", "Capital: Paris", "fr"}, {"legislation", "", "en"}, {"statistics", "a\x00b", "de"},
		{"contact-points", "x@y.example https://z.example", "klingon"}, {"weather", "\xff", ""}, {"governance", strings.Repeat("é", 20001), "is"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	b, err := i18n.Load(catalog.InterfaceLanguages...)
	if err != nil {
		f.Fatal(err)
	}
	loc := b.Locale("en")
	f.Fuzz(func(t *testing.T, section, text, language string) {
		body := url.Values{"section": {section}, "text": {text}, "language": {language}}.Encode()
		r, _ := http.NewRequest(http.MethodPost, "/en/editor/countries/fr", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return
		}
		form, ok := readSheetForm(r, loc)
		if !ok || !catalog.IsSheetSection(form.Section) {
			return
		}
		e := catalog.SheetEdit{Country: "FR", Section: form.Section, Text: form.Text, Language: form.Language}
		if err := e.Validate(); err != nil {
			t.Fatalf("the portal accepted %q / %q, the catalog refuses: %v", form.Text, form.Language, err)
		}
	})
}

// BenchmarkCountryPage renders a country sheet of six written sections
// (a few paragraphs and links each) with the country's latest documents,
// events and calls, through the whole handler over the SQLite store.
// Target: under 30 ms. Measured on the 2-core build machine (Go 1.26,
// Xeon): about 8 ms/op, 222 kB and 4,400 allocations per page, most of it
// the three searches by country.
func BenchmarkCountryPage(b *testing.B) {
	s := newSite(b)
	para := "The national strategy is reviewed every few years with regions, social partners and civil society; see https://strategy.example/plan and write to info@ministry.example.\n\n"
	for _, name := range catalog.SheetSections {
		if _, err := s.store.SaveSheetSection(b.Context(), &catalog.SheetEdit{Country: "FR", Section: name,
			Text: strings.Repeat(para, 4), Language: "en", At: time.Now().AddDate(0, -int(len(name)), 0)}); err != nil {
			b.Fatal(err)
		}
	}
	h := s.server.Handler()
	req := httptest.NewRequest(http.MethodGet, "/fr/countries/fr", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
