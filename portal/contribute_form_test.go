package portal

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// FuzzContribForm feeds every kind's form parser any posted body: it never
// panics, and a form it accepts (no field message) always makes a
// document and contribution the stores accept, with the case-study
// criteria met.
func FuzzContribForm(f *testing.F) {
	for _, seed := range []string{
		caseStudyForm().Encode(),
		"title=T&language=en&summary=S",
		"title=T&language=en&summary=S&start_date=2027-01-01&start_time=25:00&time_zone=Europe/Brussels&location=X",
		"title=T&language=en&summary=S&start_date=2027-01-02&end_date=2027-01-01&time_zone=UTC&online=on",
		"title=T&language=en&summary=S&deadline=2027-01-01&opens=2027-02-01&budget=-1&currency=E",
		"title=T&language=en&summary=S&deadline=2027-01-01&budget=1e400&currency=EUR&eligible=XX",
		"title=T&language=xx&summary=S&content_type=tender&link=javascript:alert(1)",
		"title=%00&language=en&summary=%ff%fe&themes=nope&country=EL",
		"title=" + strings.Repeat("é", 301) + "&language=en&summary=S",
		"aims=A&activities=B&evaluated=on&evaluation=&links=ftp://x%0Ahttps://ok.example&target_groups=" + strings.Repeat("a%0A", 60),
		"started=2025-01-01&ended=2024-01-01&innovative=on&budget=12&currency=",
	} {
		for k := range catalog.ContributionKinds {
			f.Add(uint8(k), seed)
		}
	}
	b, err := i18n.Load(catalog.InterfaceLanguages...)
	if err != nil {
		f.Fatal(err)
	}
	loc := b.Locale("en")
	f.Fuzz(func(t *testing.T, kind uint8, raw string) {
		k := catalog.ContributionKinds[int(kind)%len(catalog.ContributionKinds)]
		form, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		cf := parseContribForm(k, form)
		if errs := cf.check(loc); len(errs) > 0 {
			for field, msg := range errs {
				if msg == "" || strings.HasPrefix(msg, "contribute.") || strings.HasPrefix(msg, "form.") {
					t.Fatalf("%s %q: field %s has message %q", k, raw, field, msg)
				}
			}
			return
		}
		d, c := cf.document(1, 1, "contribution/fuzz")
		d.State = catalog.StatePending
		if err := d.Validate(); err != nil {
			t.Fatalf("%s %q: accepted form makes an invalid document: %v", k, raw, err)
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%s %q: accepted form makes an invalid contribution: %v", k, raw, err)
		}
		if k == catalog.ContributeCaseStudy && !d.CaseStudy.MeetsCriteria() {
			t.Fatalf("%q: accepted case study misses the criteria: %+v", raw, d.CaseStudy)
		}
		if d.ContentType == "" || !catalog.IsContentType(d.ContentType) {
			t.Fatalf("%s %q: content type %q", k, raw, d.ContentType)
		}
	})
}

// TestContributionKeysExist checks the message keys the contribution
// pages build from the field table and vocabularies.
func TestContributionKeysExist(t *testing.T) {
	b := mustBundle(t)
	keys := []string{"mail.contribution_received.next", "mail.contribution_published.embargo", "mail.contribution_published.thanks"}
	for _, k := range catalog.ContributionKinds {
		keys = append(keys, "contribute.kind."+string(k), "contribute.kind."+string(k)+".text")
		for _, g := range contribGroups(k) {
			keys = append(keys, "contribute.group."+g.name)
			for _, fs := range g.fields {
				keys = append(keys, "contribute.field."+fs.name)
				if fs.typ == "date" || fs.typ == "time" {
					keys = append(keys, "contribute.error."+fs.typ)
				}
			}
		}
	}
	for _, h := range contribHints {
		keys = append(keys, "contribute.hint."+h)
	}
	for _, st := range catalog.DocumentStates {
		keys = append(keys, "contribute.state."+string(st))
	}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		for _, k := range keys {
			if !loc.Has(k) {
				t.Errorf("%s: %q is missing", lang, k)
			}
		}
	}
}

// TestContributeFormStructure checks every kind's form in every language:
// one h1, the criteria under their own heading, a label for every field,
// a legend for every fieldset, and each message tied to its field.
func TestContributeFormStructure(t *testing.T) {
	s := newSite(t)
	s.user("fay@ngo.example", "fay password", catalog.RolePractitioner)
	b := s.browser()
	b.login("en", "fay@ngo.example", "fay password")
	if p := b.get("/fr/contribute"); p.StatusCode != http.StatusOK || p.doc.Find("ul.contribute-kinds a").Length() != len(catalog.ContributionKinds) {
		t.Errorf("chooser: %d", p.StatusCode)
	}
	for _, lang := range []string{"en", "fr", "de"} {
		for _, k := range catalog.ContributionKinds {
			name := lang + "/" + string(k)
			p := b.get("/" + lang + "/contribute/" + string(k))
			// Sent empty: every required field gets its message.
			p = b.submit(p, "main form", url.Values{})
			if p.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%s: empty form: %d", name, p.StatusCode)
			}
			if p.doc.Find("html").AttrOr("lang", "") != lang || p.doc.Find("h1").Length() != 1 ||
				p.doc.Find("section.criteria h2").Length() != 1 || p.doc.Find(`.form-alert[role="alert"]`).Length() != 1 {
				t.Errorf("%s: page frame wrong", name)
			}
			p.doc.Find("main form input:not([type=hidden]), main form select, main form textarea").Each(func(_ int, in *goquery.Selection) {
				id := in.AttrOr("id", "")
				if id == "" {
					if in.Closest("label").Length() == 0 {
						t.Errorf("%s: field %s has neither id nor label", name, in.AttrOr("name", "?"))
					}
					return
				}
				if p.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("%s: field %s has no label", name, id)
				}
			})
			p.doc.Find("main fieldset").Each(func(_ int, fs *goquery.Selection) {
				if strings.TrimSpace(fs.ChildrenFiltered("legend").Text()) == "" {
					t.Errorf("%s: a fieldset has no legend", name)
				}
			})
			required := 0
			for _, g := range contribGroups(k) {
				for _, fs := range g.fields {
					if fs.required {
						required++
						if p.doc.Find("#"+fs.name+"-error").Length() != 1 {
							t.Errorf("%s: required %s has no message", name, fs.name)
						}
					}
				}
			}
			p.doc.Find(".field-error").Each(func(_ int, e *goquery.Selection) {
				id := e.AttrOr("id", "")
				if p.doc.Find(`[aria-describedby~="`+id+`"]`).Length() == 0 {
					t.Errorf("%s: message %s is tied to no field", name, id)
				}
			})
			if required == 0 {
				t.Errorf("%s: no required field", name)
			}
		}
	}
}
