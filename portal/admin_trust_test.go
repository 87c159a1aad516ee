package portal

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestTrustByAdministrator: an administrator blocks an email domain and
// trusts a source from the trust page; someone of the blocked domain can
// then neither register nor propose a source, and is told why, with what
// they typed kept; the forms refuse a missing or wrong csrf_token.
func TestTrustByAdministrator(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	s.user("admin@hub.example", "admin password", catalog.RoleAdministrator)
	s.user("owner@spam.example", "owner password", catalog.RoleSourceOwner)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://city.example/feed", Name: "City news"}
	if err := s.store.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}

	admin := s.browser()
	admin.login("en", "admin@hub.example", "admin password")
	page := admin.get("/en/admin/trust")
	if page.StatusCode != http.StatusOK || page.text("h1") != "Trust of sources and email domains" {
		t.Fatalf("trust page: %d %q", page.StatusCode, page.text("h1"))
	}
	if got := page.doc.Find(`.trust-sources select option[selected]`).AttrOr("value", ""); got != "trusted" {
		t.Errorf("an operator's new source shows trust %q", got)
	}

	// A malformed domain comes back with its message and what was typed.
	p := admin.submit(page, "form.trust-domain", url.Values{"domain": {"not a domain"}, "trust": {"blocked"}, "note": {"typed"}})
	if p.StatusCode != http.StatusUnprocessableEntity || p.text("#domain-error") == "" ||
		p.doc.Find("#note").AttrOr("value", "") != "typed" {
		t.Errorf("bad domain: %d, error %q, note %q", p.StatusCode, p.text("#domain-error"), p.doc.Find("#note").AttrOr("value", ""))
	}
	p = admin.submit(page, "form.trust-domain", url.Values{"domain": {"@Spam.Example"}, "trust": {"blocked"}, "note": {"bulk mail"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("set domain rule: %d\n%s", p.StatusCode, p.body)
	}
	if got, _ := s.store.TrustOfEmail(ctx, "someone@mail.spam.example"); got != catalog.TrustBlocked {
		t.Errorf("after the rule, trust = %q", got)
	}
	page = admin.get("/en/admin/trust")
	if row := page.text("table.trust tbody tr"); !strings.Contains(row, "spam.example") || !strings.Contains(row, "Blocked") {
		t.Errorf("rule row = %q", row)
	}
	p = admin.submit(page, ".trust-sources form", url.Values{"trust": {"allowed"}})
	if p.StatusCode != http.StatusSeeOther {
		t.Fatalf("set source trust: %d\n%s", p.StatusCode, p.body)
	}
	if got, _ := s.store.SourceTrust(ctx, src.ID); got != catalog.TrustAllowed {
		t.Errorf("source trust = %q", got)
	}
	if p := admin.post("/en/admin/trust/sources/"+strconv.FormatInt(src.ID, 10), url.Values{
		"csrf_token": {page.doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")}, "trust": {"sometimes"}}); p.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown level: %d, want 400", p.StatusCode)
	}

	// Registration from the blocked domain is refused on the email field.
	anon := s.browser()
	reg := anon.submit(anon.get("/en/register"), "main form", url.Values{"name": {"Sam"}, "email": {"sam@spam.example"},
		"password": {"a long passphrase"}, "password2": {"a long passphrase"}, "organisation": {"Spam Ltd"},
		"organisation_type": {"business"}, "country": {"FR"}})
	if reg.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(reg.text("#email-error"), "not accepted") {
		t.Errorf("blocked registration: %d, email error %q", reg.StatusCode, reg.text("#email-error"))
	}
	if v := reg.doc.Find("#organisation").AttrOr("value", ""); v != "Spam Ltd" {
		t.Errorf("the refused registration lost the organisation: %q", v)
	}
	if _, err := s.store.UserByEmail(ctx, "sam@spam.example"); err == nil {
		t.Error("a blocked domain registered an account")
	}

	// A source proposal from the blocked domain is refused.
	owner := s.browser()
	owner.login("en", "owner@spam.example", "owner password")
	prop := owner.submit(owner.get("/en/sources/new"), "main form", url.Values{"kind": {"feed"}, "url": {"https://spam.example/feed"},
		"publisher": {"Spam Ltd"}, "action": {"submit"}})
	if prop.StatusCode != http.StatusForbidden || !strings.Contains(prop.text(".form-alert"), "not accepted") {
		t.Errorf("blocked proposal: %d, alert %q", prop.StatusCode, prop.text(".form-alert"))
	}
	if v := prop.doc.Find("#publisher").AttrOr("value", ""); v != "Spam Ltd" {
		t.Errorf("the refused proposal lost the publisher: %q", v)
	}
	if regs, _ := s.store.SourceRegistrations(ctx, 0, ""); len(regs) != 0 {
		t.Errorf("a blocked domain proposed %d sources", len(regs))
	}

	// Removing the rule lets the domain in again.
	page = admin.get("/en/admin/trust")
	if p := admin.submit(page, "table.trust form", nil); p.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete rule: %d", p.StatusCode)
	}
	if got, _ := s.store.TrustOfEmail(ctx, "sam@spam.example"); got != catalog.TrustUnverified {
		t.Errorf("after removing the rule, trust = %q", got)
	}

	// Every trust form refuses a missing or wrong token.
	for _, path := range []string{"/en/admin/trust/domains", "/en/admin/trust/domains/delete",
		"/en/admin/trust/sources/" + strconv.FormatInt(src.ID, 10)} {
		for name, token := range map[string]string{"missing": "", "wrong": "bm90LWEtdG9rZW4"} {
			form := url.Values{"domain": {"x.example"}, "trust": {"blocked"}}
			if token != "" {
				form.Set("csrf_token", token)
			}
			if p := admin.post(path, form); p.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with a %s token: %d, want 403", path, name, p.StatusCode)
			}
		}
	}
	if rules, _ := s.store.DomainTrusts(ctx); len(rules) != 0 {
		t.Errorf("refused posts stored rules: %+v", rules)
	}
	if got, _ := s.store.SourceTrust(ctx, src.ID); got != catalog.TrustAllowed {
		t.Errorf("refused posts changed the source's trust: %q", got)
	}
}
