package portal

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ewsi/hub/catalog"
)

// caseStudyCatalog is the fake catalog with three case studies: an
// evaluated one in English (Spain), an innovative one in German (Austria)
// that leaves most fields empty, and one in French (Belgium) that meets
// no criterion.
func caseStudyCatalog() *fakeCatalog {
	cat := newFakeCatalog()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cat.docs = append(cat.docs,
		catalog.Document{ID: 11, SourceID: 1, URL: "https://practices.example/barcelona", Title: "Family mentors in Barcelona",
			Summary: "Families mentor newcomers.", Language: "en", ContentType: "case-study",
			Themes: []string{"social-cohesion", "social-inclusion"}, Countries: []string{"ES"}, Published: published1,
			CaseStudy: &catalog.CaseStudy{Region: "Barcelona", TargetGroups: []string{"newly arrived families", "volunteers"},
				Aims: "To help families settle.", Activities: "Weekly meetings.\n\nSchool visits.", Outcomes: "188 families.",
				Evaluation: "A university compared groups.", Budget: 420000, Currency: "EUR", FundingBy: "AMIF",
				Partners: []string{"City Council", "Fundació"}, Started: day(2023, 9, 1), Ended: day(2026, 8, 31),
				Contact: "mentors@practices.example", Links: []string{"https://practices.example/barcelona/report"},
				Evaluated: true}},
		catalog.Document{ID: 12, SourceID: 1, URL: "https://practices.example/wien", Title: "Anerkennungslotsinnen in Wien",
			Summary: "Lotsinnen begleiten Pflegekräfte.", Language: "de", ContentType: "case-study",
			Themes: []string{"economic-participation", "recognition-qualifications"}, Countries: []string{"AT"}, Published: published2,
			CaseStudy: &catalog.CaseStudy{Aims: "Verfahren verkürzen.", Innovative: true, Started: day(2024, 5, 1)}},
		catalog.Document{ID: 13, SourceID: 2, URL: "https://practices.example/liege", Title: "Parrainage linguistique à Liège",
			Summary: "Des collègues parrains.", Language: "fr", ContentType: "case-study",
			Themes: []string{"education-culture", "language-competencies"}, Countries: []string{"BE"}, Published: published3,
			CaseStudy: &catalog.CaseStudy{Region: "Liège"}},
	)
	return cat
}

func TestCaseStudiesPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			cat := caseStudyCatalog()
			h := newTestServer(t, cat, nil)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/case-studies")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if q := cat.lastQuery(t); !slices.Equal(q.ContentTypes, []string{"case-study"}) {
				t.Errorf("Search got %+v", q)
			}
			if got := doc.Find("h1").Text(); got != loc.T("casestudies.title") {
				t.Errorf("h1 = %q", got)
			}
			// The publishing criteria are in view, under their own heading.
			note := doc.Find("main section.criteria-note")
			if note.Find("h2").Text() != loc.T("casestudies.criteria.heading") ||
				strings.TrimSpace(note.Find("p").Text()) != loc.T("casestudies.criteria.text") {
				t.Errorf("criteria note = %q", note.Text())
			}
			// Every case study, newest first, title in its language, with a
			// labelled compare checkbox inside a GET form to the compare page.
			form := doc.Find("main form.compare-form")
			if m, _ := form.Attr("method"); m != "get" {
				t.Errorf("compare form method %q", m)
			}
			if a, _ := form.Attr("action"); a != "/"+lang+"/case-studies/compare" {
				t.Errorf("compare form action %q", a)
			}
			hits := form.Find("li.case-study-hit")
			if hits.Length() != 3 {
				t.Fatalf("%d case studies listed, want 3", hits.Length())
			}
			var langs []string
			hits.Each(func(i int, hit *goquery.Selection) {
				a := hit.Find(".hit-title a")
				l, _ := a.Attr("lang")
				langs = append(langs, l)
				box := hit.Find(`input[type="checkbox"][name="id"]`)
				id, _ := box.Attr("id")
				if box.Length() != 1 || hit.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("case study %d has no labelled compare checkbox", i)
				}
			})
			if !slices.Equal(langs, []string{"en", "de", "fr"}) {
				t.Errorf("titles in %v, want en de fr", langs)
			}
			if got := hits.First().Find(".badge").Length(); got != 2 { // clear goals, evaluated
				t.Errorf("%d badges on the evaluated case study, want 2", got)
			}
			if form.Find(`button[type="submit"]`).Length() != 1 {
				t.Error("no compare button")
			}
			// Facets with counts, each value a link.
			facets := map[string]*goquery.Selection{}
			doc.Find("aside.facets section.facet").Each(func(_ int, s *goquery.Selection) {
				name, _ := s.Attr("data-facet")
				facets[name] = s
			})
			for _, f := range []string{"theme", "subtheme", "country", "lang", "criteria", "started"} {
				if facets[f] == nil {
					t.Errorf("no %s facet", f)
				}
			}
			crit := facets["criteria"]
			if crit == nil {
				t.FailNow()
			}
			first := crit.Find("a.facet-value").First()
			if first.Find(".facet-label").Text() != loc.T("casestudy.criteria.evaluated") || first.Find(".count").Text() != "1" {
				t.Errorf("first criterion %q", first.Text())
			}
			if doc.Find("main h2").Length() < 3 {
				t.Error("the page lacks its section headings")
			}
		})
	}
}

func TestCaseStudiesFilters(t *testing.T) {
	h := newTestServer(t, caseStudyCatalog(), nil)
	tests := []struct {
		query string
		want  []string // titles listed
	}{
		{"criteria=evaluated", []string{"Family mentors in Barcelona"}},
		{"criteria=evaluated&criteria=innovative", []string{"Family mentors in Barcelona", "Anerkennungslotsinnen in Wien"}},
		{"theme=economic-participation", []string{"Anerkennungslotsinnen in Wien"}},
		{"subtheme=language-competencies", []string{"Parrainage linguistique à Liège"}},
		{"country=es&lang=en", []string{"Family mentors in Barcelona"}},
		{"started=2024", []string{"Anerkennungslotsinnen in Wien"}},
		{"criteria=innovative&country=BE", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rec := get(t, h, "/en/case-studies?"+tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc := parseHTML(t, rec)
			var got []string
			doc.Find("li.case-study-hit .hit-title a").Each(func(_ int, a *goquery.Selection) { got = append(got, a.Text()) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("listed %q, want %q", got, tt.want)
			}
			if len(tt.want) == 0 && doc.Find("p.empty").Length() != 1 {
				t.Error("no empty message")
			}
			// Each chosen value is shown and can be removed.
			if doc.Find(".active-filters a.chip").Length() != strings.Count(tt.query, "=") {
				t.Errorf("%d active filters", doc.Find(".active-filters a.chip").Length())
			}
		})
	}
	// A facet is counted over the documents the other facets keep: with
	// the evaluated filter, the country facet holds Spain alone, while
	// the criteria facet still offers innovative.
	doc := parseHTML(t, get(t, h, "/en/case-studies?criteria=evaluated"))
	if n := doc.Find(`section[data-facet="country"] a.facet-value`).Length(); n != 1 {
		t.Errorf("%d countries under the evaluated filter, want 1", n)
	}
	if n := doc.Find(`section[data-facet="criteria"] a.facet-value`).Length(); n != 2 {
		t.Errorf("%d criteria values, want 2", n)
	}
	href, _ := doc.Find(`section[data-facet="criteria"] a.selected`).Attr("href")
	if href != "/en/case-studies" {
		t.Errorf("unselecting links to %q", href)
	}
}

func TestCaseStudiesBadQuery(t *testing.T) {
	h := newTestServer(t, caseStudyCatalog(), nil)
	for _, q := range []string{"criteria=famous", "theme=employment", "subtheme=economic-participation", "country=XX",
		"started=20x6", "page=0", "page=abc", "q=" + strings.Repeat("a", 501), "q=a&q=b", "%zz"} {
		rec := get(t, h, "/fr/case-studies?"+q)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, rec.Code)
			continue
		}
		doc := parseHTML(t, rec)
		checkFrame(t, doc, "fr")
	}
}

func TestCaseStudyPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			h := newTestServer(t, caseStudyCatalog(), nil)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/case-studies/12")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if l, _ := doc.Find("h1").Attr("lang"); l != "de" {
				t.Errorf("h1 lang = %q", l)
			}
			// Every field under its heading, in template order.
			fields := doc.Find("main section.cs-field")
			if fields.Length() != len(templateFieldKeys) {
				t.Fatalf("%d fields, want %d", fields.Length(), len(templateFieldKeys))
			}
			fields.Each(func(i int, f *goquery.Selection) {
				key := templateFieldKeys[i]
				if got := f.Find("h3").Text(); got != loc.T("casestudy.field."+key) {
					t.Errorf("field %d heading %q, want %q", i, got, loc.T("casestudy.field."+key))
				}
			})
			field := func(key string) *goquery.Selection { return doc.Find("#field-" + key) }
			if got := field("aims").Find("div[lang=de] p").Text(); got != "Verfahren verkürzen." {
				t.Errorf("aims = %q", got)
			}
			if got := field("outcomes").Find(".not-stated").Text(); got != loc.T("casestudy.not_stated") {
				t.Errorf("empty outcomes show %q", got)
			}
			if got := strings.TrimSpace(field("duration").Text()); !strings.Contains(got, loc.T("casestudy.since", loc.Date(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)))) {
				t.Errorf("duration = %q", got)
			}
			// The criteria met as badges: clear goals and innovative.
			var badges []string
			doc.Find("section.criteria .badge").Each(func(_ int, s *goquery.Selection) { badges = append(badges, s.Text()) })
			if want := []string{loc.T("casestudy.criteria.goals"), loc.T("casestudy.criteria.innovative")}; !slices.Equal(badges, want) {
				t.Errorf("badges %q, want %q", badges, want)
			}
			if got := doc.Find("p.criteria-verdict").Text(); got != loc.T("casestudy.meets") {
				t.Errorf("verdict %q", got)
			}
		})
	}
	h := newTestServer(t, caseStudyCatalog(), nil)
	for _, p := range []string{"/en/case-studies/1", "/en/case-studies/99", "/en/case-studies/x"} {
		if rec := get(t, h, p); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, rec.Code)
		}
	}
}

func TestCompareCaseStudiesPage(t *testing.T) {
	b := mustBundle(t)
	for _, lang := range catalog.InterfaceLanguages {
		t.Run(lang, func(t *testing.T) {
			h := newTestServer(t, caseStudyCatalog(), nil)
			loc := b.Locale(lang)
			rec := get(t, h, "/"+lang+"/case-studies/compare?id=11&id=12&id=13")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			region := doc.Find(`main div[role="region"]`)
			cap := region.Find("table caption")
			capID, _ := cap.Attr("id")
			if by, _ := region.Attr("aria-labelledby"); by == "" || by != capID {
				t.Errorf("the scrolling region is labelled by %q, the caption is %q", by, capID)
			}
			if ti, _ := region.Attr("tabindex"); ti != "0" {
				t.Error("the scrolling region cannot be reached by keyboard")
			}
			// Column headers: the field column, then each title in its language.
			cols := region.Find("thead th")
			if cols.Length() != 4 {
				t.Fatalf("%d column headers, want 4", cols.Length())
			}
			var titles, langs []string
			cols.Each(func(i int, th *goquery.Selection) {
				if s, _ := th.Attr("scope"); s != "col" {
					t.Errorf("column header %d scope %q", i, s)
				}
				if i > 0 {
					titles = append(titles, th.Text())
					l, _ := th.Find("a").Attr("lang")
					langs = append(langs, l)
				}
			})
			if !slices.Equal(titles, []string{"Family mentors in Barcelona", "Anerkennungslotsinnen in Wien", "Parrainage linguistique à Liège"}) ||
				!slices.Equal(langs, []string{"en", "de", "fr"}) {
				t.Errorf("columns %q in %q", titles, langs)
			}
			// Rows: the criteria, then every field of the template, a row
			// header each and one cell per case study.
			rows := region.Find("tbody tr")
			if rows.Length() != 1+len(templateFieldKeys) {
				t.Fatalf("%d rows, want %d", rows.Length(), 1+len(templateFieldKeys))
			}
			rows.Each(func(i int, tr *goquery.Selection) {
				th := tr.Find("th")
				if s, _ := th.Attr("scope"); th.Length() != 1 || s != "row" {
					t.Errorf("row %d has no row header", i)
				}
				if n := tr.Find("td").Length(); n != 3 {
					t.Errorf("row %d has %d cells", i, n)
				}
				if i > 0 && th.Text() != loc.T("casestudy.field."+templateFieldKeys[i-1]) {
					t.Errorf("row %d is %q", i, th.Text())
				}
			})
			budget := region.Find("tr.row-budget td")
			if got := budget.Eq(0).Text(); got != loc.Number(420000)+" EUR" {
				t.Errorf("budget = %q", got)
			}
			if got := budget.Eq(1).Find(".not-stated").Text(); got != loc.T("casestudy.not_stated") {
				t.Errorf("missing budget shows %q", got)
			}
			partners := region.Find("tr.row-partners td").Eq(0).Find("ul[lang=en] li")
			if partners.Length() != 2 {
				t.Errorf("%d partners", partners.Length())
			}
		})
	}
}

func TestCompareCaseStudiesBadInput(t *testing.T) {
	b := mustBundle(t)
	h := newTestServer(t, caseStudyCatalog(), nil)
	tests := []struct{ query, key string }{
		{"", "error.compare.count"},
		{"id=11", "error.compare.count"},
		{"id=11&id=11", "error.compare.count"},
		{"id=11&id=12&id=13&id=1&id=2", "error.compare.count"},
		{"id=11&id=1", "error.compare.unknown"}, // a report, no case study
		{"id=11&id=999", "error.compare.unknown"},
		{"id=11&id=abc", "error.compare.unknown"},
		{"id=11&id=-4", "error.compare.unknown"},
	}
	for _, lang := range catalog.InterfaceLanguages {
		loc := b.Locale(lang)
		for _, tt := range tests {
			rec := get(t, h, "/"+lang+"/case-studies/compare?"+tt.query)
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s %q: status %d, want 400", lang, tt.query, rec.Code)
				continue
			}
			doc := parseHTML(t, rec)
			checkFrame(t, doc, lang)
			if got := doc.Find("h1").Text(); got != loc.T(tt.key+".title") {
				t.Errorf("%s %q: h1 %q, want %q", lang, tt.query, got, loc.T(tt.key+".title"))
			}
		}
	}
}

func TestHomeFeaturesCaseStudies(t *testing.T) {
	b := mustBundle(t)
	h := newTestServer(t, caseStudyCatalog(), nil)
	for _, lang := range catalog.InterfaceLanguages {
		doc := parseHTML(t, get(t, h, "/"+lang+"/"))
		sec := doc.Find(`section[aria-labelledby="home-casestudies"]`)
		if sec.Find("h2").Text() != b.Locale(lang).T("home.casestudies") {
			t.Errorf("%s: no featured case studies section", lang)
		}
		// Only those meeting the criteria, newest first.
		var got []string
		sec.Find(".hit-title a").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			got = append(got, href)
		})
		if want := []string{"/" + lang + "/case-studies/11", "/" + lang + "/case-studies/12"}; !slices.Equal(got, want) {
			t.Errorf("%s: featured %v, want %v", lang, got, want)
		}
	}
}

// FuzzCaseStudiesQuery checks that the browse page's query parser and
// the compare page's id parser never panic, and that a query they accept
// survives a round trip through its address.
func FuzzCaseStudiesQuery(f *testing.F) {
	for _, s := range []string{"", "q=mentoring&criteria=evaluated&theme=social-cohesion", "country=es&country=AT&lang=de",
		"started=2024&page=2", "subtheme=housing&criteria=innovative", "%zz", "q=%ff", "id=1&id=2&id=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		parseCompareIDs(raw)
		q, err := parseCaseStudiesQuery(raw)
		if err != nil {
			return
		}
		u, err := url.Parse(q.path("en"))
		if err != nil {
			t.Fatalf("path %q: %v", q.path("en"), err)
		}
		again, err := parseCaseStudiesQuery(u.RawQuery)
		if err != nil || again.path("en") != q.path("en") {
			t.Fatalf("round trip of %q: %q, %v", raw, again.path("en"), err)
		}
	})
}

func TestDocumentPageLinksTheTemplate(t *testing.T) {
	h := newTestServer(t, caseStudyCatalog(), nil)
	doc := parseHTML(t, get(t, h, "/de/documents/11"))
	if href, _ := doc.Find(`dl.metadata a[href="/de/case-studies/11"]`).Attr("href"); href == "" {
		t.Error("the case study's document page does not link its template page")
	}
	doc = parseHTML(t, get(t, h, "/de/documents/1"))
	if doc.Find(`dl.metadata a[href^="/de/case-studies/"]`).Length() != 0 {
		t.Error("a report links a case-study page")
	}
}

func TestCaseStudiesBadQueryMessage(t *testing.T) {
	b := mustBundle(t)
	h := newTestServer(t, caseStudyCatalog(), nil)
	for _, lang := range catalog.InterfaceLanguages {
		loc := b.Locale(lang)
		doc := parseHTML(t, get(t, h, "/"+lang+"/case-studies?criteria=famous"))
		want := loc.T("error.param.unknown_value", loc.T("param.criteria"), "famous")
		if got := strings.TrimSpace(doc.Find("main p").First().Text()); got != want {
			t.Errorf("%s: message %q, want %q", lang, got, want)
		}
	}
}

func TestAPIDocumentCaseStudy(t *testing.T) {
	h := newTestServer(t, caseStudyCatalog(), nil)
	rec := get(t, h, "/api/v1/documents/11")
	var body struct {
		CaseStudy struct {
			Region        string   `json:"region"`
			Partners      []string `json:"partners"`
			Started       string   `json:"started"`
			Ended         string   `json:"ended"`
			MeetsCriteria bool     `json:"meets_criteria"`
		} `json:"case_study"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	c := body.CaseStudy
	if c.Region != "Barcelona" || len(c.Partners) != 2 || c.Started != "2023-09-01" || c.Ended != "2026-08-31" || !c.MeetsCriteria {
		t.Errorf("case study in the API: %+v", c)
	}
	if strings.Contains(get(t, h, "/api/v1/documents/1").Body.String(), "case_study") {
		t.Error("a report carries a case study")
	}
}
