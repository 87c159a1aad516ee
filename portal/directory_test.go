package portal

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
)

// directorySite is a site whose catalog holds a source with two
// documents and three organisations, one linked to that source.
type directorySite struct {
	*site
	source          catalog.Source
	accueil         catalog.Organisation // linked to source, declares social-cohesion
	institut, etude catalog.Organisation
}

func newDirectorySite(t *testing.T) *directorySite {
	t.Helper()
	s := newSite(t)
	ctx := t.Context()
	d := &directorySite{site: s, source: catalog.Source{Kind: catalog.KindFeed, URL: "https://accueil.example/feed", Name: "Accueil news", Publisher: "Accueil Lyon"}}
	if err := s.store.CreateSource(ctx, &d.source); err != nil {
		t.Fatal(err)
	}
	for i, th := range []string{"employment", "language-competencies"} {
		doc := &catalog.Document{SourceID: d.source.ID, Key: strconv.Itoa(i), URL: "https://accueil.example/" + strconv.Itoa(i),
			Title: "Atelier " + th, Text: "Texte", Language: "fr", Themes: []string{th}, Countries: []string{"DE"},
			Published: time.Date(2024, 3, i+1, 0, 0, 0, 0, time.UTC)}
		if _, err := s.store.UpsertDocument(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []*catalog.Organisation{
		{Name: "Accueil Lyon", Type: "civil-society", Country: "FR", City: "Lyon", Themes: []string{"social-cohesion"},
			SourceIDs: []int64{d.source.ID}, Email: "hidden@accueil.example", Description: "First paragraph.\n\nSecond <b>paragraph</b>."},
		{Name: "Institut für Bildung", Type: "academia", Country: "DE", Themes: []string{"education-culture"},
			Email: "kontakt@institut.example", EmailPublic: true, Languages: []string{"de"}},
		{Name: "Étude Roma", Type: "civil-society", Country: "IT"},
	} {
		if err := s.store.CreateOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.store.Organisations(ctx, catalog.OrganisationQuery{})
	if err != nil || all.Total != 3 {
		t.Fatalf("organisations: %v, %v", all, err)
	}
	d.accueil, d.etude, d.institut = all.Organisations[0], all.Organisations[1], all.Organisations[2]
	return d
}

// rows returns the cells of every row that sel matches, joined by spaces.
func rows(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, strings.TrimSpace(c.Text())) })
		out = append(out, strings.Join(cells, " "))
	})
	return out
}

// texts returns the trimmed texts of every match of sel.
func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

func TestDirectoryPage(t *testing.T) {
	d := newDirectorySite(t)
	b := d.browser()
	for _, lang := range []string{"en", "fr", "de"} {
		t.Run(lang, func(t *testing.T) {
			p := b.get("/" + lang + "/directory")
			if p.StatusCode != http.StatusOK {
				t.Fatalf("status %d", p.StatusCode)
			}
			checkFrame(t, p.doc, lang)
			if cur, _ := p.doc.Find(`header nav a[aria-current="page"]`).Attr("href"); cur != "/"+lang+"/directory" {
				t.Errorf("current nav item %q, want the directory", cur)
			}
			form := p.doc.Find(`main form[role="search"][method="get"]`)
			for _, name := range []string{"q", "type", "country", "theme"} {
				field := form.Find(`[name="` + name + `"]`)
				id, _ := field.Attr("id")
				if field.Length() != 1 || form.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("search form: field %s missing or without a label", name)
				}
			}
			names := texts(p.doc, "main ol.organisations > li h3 a")
			if want := []string{"Accueil Lyon", "Étude Roma", "Institut für Bildung"}; !slices.Equal(names, want) {
				t.Errorf("organisations %v, want %v", names, want)
			}
			if n := p.doc.Find(`main h2#results-heading`).Length(); n != 1 {
				t.Errorf("%d results headings", n)
			}
			for _, f := range []string{"type", "country", "theme"} {
				if p.doc.Find(`aside.facets section[data-facet="`+f+`"] li a .count`).Length() == 0 {
					t.Errorf("facet %s has no counted values", f)
				}
			}
			// Themes of the linked source's documents count too.
			var econ string
			p.doc.Find(`section[data-facet="theme"] a`).Each(func(_ int, a *goquery.Selection) {
				if href, _ := a.Attr("href"); strings.Contains(href, "theme=economic-participation") {
					econ = strings.TrimSpace(a.Find(".count").Text())
				}
			})
			if econ != "1" {
				t.Errorf("economic participation counted %q, want 1 (from the documents)", econ)
			}
		})
	}
	// Filters narrow the list; the facet link of a selected value removes it.
	p := b.get("/en/directory?theme=economic-participation&country=de")
	if names := texts(p.doc, "main ol.organisations > li h3 a"); !slices.Equal(names, []string{"Accueil Lyon"}) {
		t.Errorf("theme economic participation in Germany: %v", names)
	}
	sel := p.doc.Find(`section[data-facet="country"] a[aria-current="true"]`)
	if href, _ := sel.Attr("href"); href != "/en/directory?theme=economic-participation" {
		t.Errorf("selected country links to %q", href)
	}
	p = b.get("/en/directory?q=etude")
	if names := texts(p.doc, "main ol.organisations > li h3 a"); !slices.Equal(names, []string{"Étude Roma"}) {
		t.Errorf("name search: %v", names)
	}
	p = b.get("/en/directory?country=PL")
	if p.doc.Find("main p.empty").Length() != 1 {
		t.Error("an empty result says so")
	}
}

func TestDirectoryBadQueries(t *testing.T) {
	d := newDirectorySite(t)
	b := d.browser()
	for _, q := range []string{"theme=employment", "type=guild", "page=0", "page=x", "country=XX", "q=a&q=b", "q=%zz", "verified=yes"} {
		for _, path := range []string{"/fr/directory?", "/fr/partners?"} {
			p := b.get(path + q)
			if p.StatusCode != http.StatusBadRequest {
				t.Errorf("%s%s: status %d, want 400", path, q, p.StatusCode)
			}
			if lang, _ := p.doc.Find("html").Attr("lang"); lang != "fr" {
				t.Errorf("%s%s: error page in %q", path, q, lang)
			}
		}
	}
}

func TestPartnerSearch(t *testing.T) {
	d := newDirectorySite(t)
	b := d.browser()
	for _, lang := range []string{"en", "fr", "de"} {
		p := b.get("/" + lang + "/partners")
		checkFrame(t, p.doc, lang)
		form := p.doc.Find(`main form[method="get"]`)
		if form.Find(`select[name="theme"]`).Length() != 1 || form.Find(`select[name="country"]`).Length() != 1 {
			t.Errorf("%s: the partner search form asks for a theme and a country", lang)
		}
		if p.doc.Find("main ol.organisations").Length() != 0 || p.doc.Find("#results-heading").Length() != 0 {
			t.Errorf("%s: results before anything was asked", lang)
		}
	}
	p := b.get("/en/partners?theme=education-culture&country=DE")
	if names := texts(p.doc, "main ol.organisations > li h3 a"); !slices.Equal(names, []string{"Accueil Lyon", "Institut für Bildung"}) {
		// Accueil Lyon's documents are about language competencies in Germany.
		t.Errorf("education and culture in Germany: %v", names)
	}
	if got := p.text("#results-heading"); got != "Possible partners" {
		t.Errorf("results heading %q", got)
	}
}

func TestOrganisationPage(t *testing.T) {
	d := newDirectorySite(t)
	b := d.browser()
	for _, lang := range []string{"en", "fr", "de"} {
		p := b.get(organisationPath(lang, d.accueil.ID))
		if p.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, p.StatusCode)
		}
		checkFrame(t, p.doc, lang)
		if got := p.text("main h1"); got != "Accueil Lyon" {
			t.Errorf("h1 %q", got)
		}
		if n := p.doc.Find("main dl dt").Length(); n < 5 {
			t.Errorf("%s: %d facts, want type, place, themes, documents' themes and countries, sources", lang, n)
		}
		if hits := p.doc.Find("main ol.hits li.hit"); hits.Length() != 2 {
			t.Errorf("%s: %d documents listed, want 2", lang, hits.Length())
		} else if l, _ := hits.First().Find("a").Attr("lang"); l != "fr" {
			t.Errorf("%s: document title lang %q, want fr", lang, l)
		}
		if strings.Contains(p.body, "hidden@accueil.example") {
			t.Errorf("%s: a contact address not made public is shown", lang)
		}
		if strings.Contains(p.body, "<b>") || len(texts(p.doc, "section.organisation-description p")) != 2 {
			t.Errorf("%s: the description is not two escaped paragraphs", lang)
		}
		if p.doc.Find(`a[href$="/edit"]`).Length() != 0 || p.doc.Find(`form[action$="/delete"]`).Length() != 0 {
			t.Errorf("%s: an anonymous visitor is offered to edit or remove", lang)
		}
	}
	p := b.get(organisationPath("en", d.institut.ID))
	if href, _ := p.doc.Find(`a[href^="mailto:"]`).Attr("href"); href != "mailto:kontakt@institut.example" {
		t.Errorf("public contact %q", href)
	}
	if p.doc.Find("main ol.hits").Length() != 0 || p.text("main section p") == "" {
		t.Error("an organisation without sources says it has no documents")
	}
	for _, path := range []string{"/en/directory/organisations/999", "/en/directory/organisations/x", "/en/directory/organisations/-1"} {
		if p := b.get(path); p.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, p.StatusCode)
		}
	}
}

func TestPeopleDirectory(t *testing.T) {
	d := newDirectorySite(t)
	ctx := t.Context()
	for _, u := range []catalog.User{
		{Email: "ana@ciudad.example", Name: "Ana López", Organisation: "Ayuntamiento", OrganisationType: "regional-local-authority", Country: "ES", Listed: true, EmailVerifiedAt: time.Now()},
		{Email: "secret@x.example", Name: "Not Listed", Country: "ES", EmailVerifiedAt: time.Now()},
	} {
		if err := d.store.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	d.user("member@x.example", "password of member", catalog.RolePractitioner)
	b := d.browser()
	if p := b.get("/en/directory/people"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous visitor: status %d, want a redirect to sign in", p.StatusCode)
	}
	b.login("en", "member@x.example", "password of member")
	for _, lang := range []string{"en", "fr", "de"} {
		p := b.get("/" + lang + "/directory/people?country=ES")
		if p.StatusCode != http.StatusOK {
			t.Fatalf("status %d", p.StatusCode)
		}
		checkFrame(t, p.doc, lang)
		people := rows(p.doc, "main table.people tbody tr")
		if len(people) != 1 || !strings.HasPrefix(people[0], "Ana López Ayuntamiento") {
			t.Errorf("%s: rows %q", lang, people)
		}
		if p.doc.Find(`main table.people th[scope="col"]`).Length() != 4 {
			t.Errorf("%s: the table has no column headers", lang)
		}
		if strings.Contains(p.body, "@ciudad.example") || strings.Contains(p.body, "Not Listed") {
			t.Errorf("%s: an address or an unlisted person is shown", lang)
		}
	}
}

func TestFiguresPage(t *testing.T) {
	d := newDirectorySite(t)
	d.user("editor@x.example", "password of editor", catalog.RoleEditor)
	u := &catalog.User{Email: "ana@ciudad.example", Name: "Ana", OrganisationType: "civil-society", Country: "FR", EmailVerifiedAt: time.Now()}
	if err := d.store.CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	b := d.browser()
	b.login("fr", "editor@x.example", "password of editor")
	p := b.get("/fr/admin/figures")
	if p.StatusCode != http.StatusOK {
		t.Fatalf("status %d", p.StatusCode)
	}
	checkFrame(t, p.doc, "fr")
	areas := rows(p.doc, "#figures-areas tbody tr")
	if !slices.Contains(areas, "Organisation ou réseau de la société civile France 1 1") {
		t.Errorf("rows by area %q lack civil society in France: 1 account, 1 entry", areas)
	}
	if got := rows(p.doc, "#figures-totals tfoot tr"); len(got) != 1 || !strings.HasSuffix(got[0], " 3") {
		t.Errorf("totals %q, want 3 directory entries", got)
	}
	if p.doc.Find(`table th[scope="col"]`).Length() < 7 {
		t.Error("the tables have no column headers")
	}
}

// orgForm is a filled organisation form.
func orgForm(name, website string) url.Values {
	return url.Values{"name": {name}, "type": {"civil-society"}, "country": {"BE"}, "city": {"Gent"},
		"website": {website}, "description": {"Language cafés."}, "themes": {"education-culture"},
		"languages": {"nl", "fr"}, "email": {"info@cafe.example"}, "email_public": {"1"}}
}

func TestOrganisationForm(t *testing.T) {
	d := newDirectorySite(t)
	d.user("owner@x.example", "password of owner", catalog.RolePractitioner)
	d.user("other@x.example", "password of other", catalog.RolePractitioner)
	d.user("editor@x.example", "password of editor", catalog.RoleEditor)
	owner := d.browser()
	owner.login("fr", "owner@x.example", "password of owner")

	form := owner.get("/fr/directory/organisations/new")
	checkFrame(t, form.doc, "fr")
	if form.doc.Find(`main form input[name="csrf_token"]`).Length() != 1 {
		t.Fatal("the form has no csrf_token")
	}
	// No token, or a wrong one: refused.
	if p := owner.post("/fr/directory/organisations/new", orgForm("Café", "")); p.StatusCode != http.StatusForbidden {
		t.Errorf("without a token: status %d, want 403", p.StatusCode)
	}
	bad := orgForm("", "javascript:alert(1)")
	bad.Set("csrf_token", "wrong")
	if p := owner.post("/fr/directory/organisations/new", bad); p.StatusCode != http.StatusForbidden {
		t.Errorf("wrong token: status %d, want 403", p.StatusCode)
	}
	// Mistakes come back in French, per field, with what was typed.
	bad = orgForm("", "javascript:alert(1)")
	bad.Set("city", "Gand")
	bad.Set("sources", strconv.FormatInt(d.source.ID, 10)) // not the owner's source
	p := owner.submit(form, "main form", bad)
	if p.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: status %d", p.StatusCode)
	}
	for field, want := range map[string]string{"name": "obligatoire", "website": "adresse web", "sources": ""} {
		msg := p.text("#" + field + "-error")
		if msg == "" || !strings.Contains(strings.ToLower(msg), want) {
			t.Errorf("error of %s = %q, want a French message with %q", field, msg, want)
		}
	}
	if v, _ := p.doc.Find(`input[name="city"]`).Attr("value"); v != "Gand" {
		t.Errorf("typed city not kept: %q", v)
	}
	if p.doc.Find(`input[name="themes"][value="education-culture"][checked]`).Length() != 1 {
		t.Error("ticked theme not kept")
	}
	if p.doc.Find(`[role="alert"]`).Length() != 1 {
		t.Error("no summary alert")
	}
	// A good form creates the entry, owned by its author.
	p = owner.submit(form, "main form", orgForm("Café des langues", "https://cafe.example/"))
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("good form: status %d:\n%s", p.StatusCode, p.body)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(p.Header.Get("Location"), "/fr/directory/organisations/"), 10, 64)
	o, err := d.store.Organisation(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if o.Name != "Café des langues" || o.Country != "BE" || !o.EmailPublic || !slices.Equal(o.Languages, []string{"nl", "fr"}) || o.CreatedBy == 0 || o.Verified() {
		t.Errorf("stored %+v", o)
	}
	edit := organisationPath("fr", id) + "/edit"
	// The owner sees and uses the edit form; ticking "verified" does nothing.
	show := owner.get(organisationPath("fr", id))
	if show.doc.Find(`a[href="`+edit+`"]`).Length() != 1 || show.doc.Find(`form[action$="/delete"]`).Length() != 0 {
		t.Error("the owner is offered to edit, not to remove")
	}
	ef := owner.get(edit)
	if ef.StatusCode != http.StatusOK || ef.doc.Find(`input[name="verified"]`).Length() != 0 {
		t.Errorf("owner's edit form: status %d, verified box offered %v", ef.StatusCode, ef.doc.Find(`input[name="verified"]`).Length() > 0)
	}
	changed := orgForm("Café des langues Gent", "https://cafe.example/")
	changed.Set("verified", "1")
	if p := owner.submit(ef, "main form", changed); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner's edit: %d", p.StatusCode)
	}
	if o, _ := d.store.Organisation(t.Context(), id); o.Name != "Café des langues Gent" || o.Verified() {
		t.Errorf("after the owner's edit: %q verified %v", o.Name, o.Verified())
	}
	// Another member may not edit it.
	other := d.browser()
	other.login("en", "other@x.example", "password of other")
	if p := other.get("/en/directory/organisations/" + strconv.FormatInt(id, 10) + "/edit"); p.StatusCode != http.StatusForbidden {
		t.Errorf("another member's edit form: status %d, want 403", p.StatusCode)
	}
	otherForm := other.get("/en/directory/organisations/new")
	if p := other.submit(otherForm, "main form", orgForm("Taken over", "")); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("other's own entry: %d", p.StatusCode)
	}
	stolen := orgForm("Taken over", "")
	stolen.Set("csrf_token", otherForm.doc.Find(`input[name="csrf_token"]`).AttrOr("value", ""))
	if p := other.post("/en/directory/organisations/"+strconv.FormatInt(id, 10)+"/edit", stolen); p.StatusCode != http.StatusForbidden {
		t.Errorf("another member's edit: status %d, want 403", p.StatusCode)
	}
	// An editor verifies it, links a source and removes it.
	editor := d.browser()
	editor.login("en", "editor@x.example", "password of editor")
	ef = editor.get("/en/directory/organisations/" + strconv.FormatInt(id, 10) + "/edit")
	verify := orgForm("Café des langues Gent", "https://cafe.example/")
	verify.Set("verified", "1")
	verify.Set("sources", strconv.FormatInt(d.source.ID, 10))
	if p := editor.submit(ef, "main form", verify); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("editor's edit: %d\n%s", p.StatusCode, p.body)
	}
	if o, _ := d.store.Organisation(t.Context(), id); !o.Verified() || !slices.Equal(o.SourceIDs, []int64{d.source.ID}) || !slices.Contains(o.AllThemes(), "economic-participation") {
		t.Errorf("after the editor's edit: verified %v, sources %v, themes %v", o.Verified(), o.SourceIDs, o.AllThemes())
	}
	show = editor.get("/en/directory/organisations/" + strconv.FormatInt(id, 10))
	p = editor.submit(show, `form[action$="/delete"]`, nil)
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", p.StatusCode)
	}
	if _, err := d.store.Organisation(t.Context(), id); err == nil {
		t.Error("the removed entry is still there")
	}
}

// FuzzOrganisationForm: any posted body parses without panic, and a form
// the portal finds no mistake in is one the store accepts.
func FuzzOrganisationForm(f *testing.F) {
	for _, seed := range []string{
		orgForm("Café", "https://cafe.example/").Encode(),
		"name=%00&type=business&country=DE",
		"name=A&type=business&country=DE&themes=employment&languages=xx&sources=-1&sources=abc",
		"name=A&type=business&country=de&email_public=1",
		"name=A&type=business&country=DE&website=http://%5B::1%5D/&email=a@b",
		"name=" + strings.Repeat("é", 301) + "&type=business&country=DE",
		"name=A&type=business&country=DE&themes=%20social-cohesion%20&languages=%20fr",
	} {
		f.Add(seed)
	}
	loc := mustBundle(&testing.T{}).Locale("en")
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		form := parseOrganisationForm(v)
		errs := fieldErrors{}
		checkOrganisationForm(errs, loc, form)
		if len(errs) == 0 {
			o := form.Org
			if err := o.Validate(); err != nil {
				t.Fatalf("the form found no mistake in %q but the store refuses it: %v", body, err)
			}
		}
	})
}

// FuzzDirectoryQuery: any query string parses without panic, and one the
// portal accepts is one the store accepts.
func FuzzDirectoryQuery(f *testing.F) {
	for _, seed := range []string{"", "q=roma&type=academia&country=de&theme=social-cohesion&verified=1&page=2",
		"page=501", "q=%ff", "theme=employment", "country=eu", "type=&country=&theme=", "q=" + strings.Repeat("a", 201)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if q, err := parseDirectoryQuery(raw); err == nil {
			if err := q.OrganisationQuery.Validate(); err != nil {
				t.Fatalf("%q: accepted by the portal, refused by the store: %v", raw, err)
			}
			if q.Page < 1 || q.Page > maxDirectoryPage {
				t.Fatalf("%q: page %d", raw, q.Page)
			}
		}
		if q, err := parsePeopleQuery(raw); err == nil {
			if err := q.PeopleQuery.Validate(); err != nil {
				t.Fatalf("%q: people query accepted by the portal, refused by the store: %v", raw, err)
			}
		}
	})
}

// TestDirectoryAccess states who may use each directory route, beside the
// walk of every route in TestAccessControl: the directory and partner
// search are public, the people directory and the forms are for members,
// removal and the figures for editors.
func TestDirectoryAccess(t *testing.T) {
	s := newSite(t).server
	want := map[string][]catalog.Role{ // "" is anonymous
		"GET /directory":                            {"", catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /partners":                             {"", catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /directory/organisations/{id}":         {"", catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /directory/people":                     {catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /directory/organisations/new":          {catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"POST /directory/organisations/new":         {catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /directory/organisations/{id}/edit":    {catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"POST /directory/organisations/{id}/edit":   {catalog.RolePractitioner, catalog.RoleSourceOwner, catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"POST /directory/organisations/{id}/delete": {catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
		"GET /admin/figures":                        {catalog.RoleEditor, catalog.RoleCountryCoordinator, catalog.RoleAdministrator},
	}
	seen := map[string]bool{}
	for _, rt := range s.routeTable() {
		key := rt.method + " " + rt.path
		roles, ok := want[key]
		if !ok {
			continue
		}
		seen[key] = true
		if rt.method == "POST" && !rt.csrf {
			t.Errorf("%s: a form without the CSRF check", key)
		}
		for _, role := range append([]catalog.Role{""}, catalog.Roles...) {
			var v *viewer
			if role != "" {
				v = &viewer{user: &catalog.User{Role: role}}
			}
			if got := rt.access.allows(v); got != slices.Contains(roles, role) {
				t.Errorf("%s as %q: allowed %v", key, role, got)
			}
		}
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("route %s is missing", key)
		}
	}
	// Without accounts, only the public directory routes exist.
	s, err := New(Options{Catalog: newFakeCatalog(), Directory: newSite(t).store})
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range s.routeTable() {
		if strings.HasPrefix(rt.path, "/directory") && rt.access.signedIn {
			t.Errorf("%s %s registered without accounts", rt.method, rt.path)
		}
	}
}

// TestCountryCoordinatorModeratesTheirCountries: a coordinator for France
// edits, verifies and may remove a French entry, not a German one.
func TestCountryCoordinatorModeratesTheirCountries(t *testing.T) {
	d := newDirectorySite(t)
	d.user("coord@x.example", "password of coord", catalog.RoleCountryCoordinator) // limited to FR
	b := d.browser()
	b.login("en", "coord@x.example", "password of coord")
	french, german := organisationPath("en", d.accueil.ID), organisationPath("en", d.institut.ID)
	if p := b.get(german + "/edit"); p.StatusCode != http.StatusForbidden {
		t.Errorf("German entry's form: status %d, want 403", p.StatusCode)
	}
	if p := b.get(german); p.doc.Find(`form[action$="/delete"]`).Length() != 0 {
		t.Error("a German entry offers removal to a coordinator for France")
	}
	show := b.get(french)
	token := show.doc.Find(`form[action$="/delete"] input[name="csrf_token"]`).AttrOr("value", "")
	if token == "" {
		t.Fatal("the French entry offers no removal to its coordinator")
	}
	if p := b.post(german+"/delete", url.Values{"csrf_token": {token}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("removing the German entry: status %d, want 403", p.StatusCode)
	}
	form := b.get(french + "/edit")
	if form.doc.Find(`input[name="verified"]`).Length() != 1 {
		t.Fatal("the coordinator is not offered to verify a French entry")
	}
	values := url.Values{"name": {"Accueil Lyon"}, "type": {"civil-society"}, "country": {"FR"}, "verified": {"1"},
		"sources": {strconv.FormatInt(d.source.ID, 10)}}
	if p := b.submit(form, "main form", values); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("coordinator's edit: %d\n%s", p.StatusCode, p.body)
	}
	if o, _ := d.store.Organisation(t.Context(), d.accueil.ID); !o.Verified() {
		t.Error("the coordinator's verification was not kept")
	}
}
