package portal

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestAccountJourney walks the life of an account end to end over HTTP,
// on a real catalog and outbox: register, verify by the mailed link, sign
// in, change the profile, sign out.
func TestAccountJourney(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	ctx := t.Context()

	// Register.
	reg := b.get("/en/register")
	if reg.StatusCode != http.StatusOK {
		t.Fatalf("register page: %d", reg.StatusCode)
	}
	if reg.doc.Find(`main form input[type="hidden"][name="csrf_token"]`).Length() != 1 {
		t.Fatal("the registration form has no csrf_token field")
	}
	done := b.submit(reg, "main form", url.Values{
		"name": {"Ana López"}, "email": {"ana@ciudad.example"},
		"password": {"a long passphrase"}, "password2": {"a long passphrase"},
		"organisation": {"Ayuntamiento"}, "organisation_type": {"regional-local-authority"}, "country": {"ES"},
	})
	if done.StatusCode != http.StatusOK || !strings.Contains(done.text("main"), "ana@ciudad.example") {
		t.Fatalf("after registering: %d %q", done.StatusCode, done.text("main"))
	}
	u, err := s.store.UserByEmail(ctx, "ana@ciudad.example")
	if err != nil {
		t.Fatalf("no account after registering: %v", err)
	}
	if u.Name != "Ana López" || u.OrganisationType != "regional-local-authority" || u.Country != "ES" ||
		u.Role != catalog.RolePractitioner || u.EmailLanguage != "en" || u.Verified() {
		t.Errorf("account = %+v", u)
	}

	// Not verified yet: signing in is refused and a new link is mailed.
	p := b.submit(b.get("/en/login"), "main form", url.Values{"email": {"ana@ciudad.example"}, "password": {"a long passphrase"}})
	if p.StatusCode != http.StatusUnprocessableEntity || b.cookie(sessionCookie) != "" {
		t.Fatalf("sign-in before verifying: status %d, session %q", p.StatusCode, b.cookie(sessionCookie))
	}
	mails := s.mails()
	if len(mails) != 2 {
		t.Fatalf("%d mails, want the verification and its resend", len(mails))
	}
	if mails[0].Subject != "Confirm your email address" || mails[0].Lang != "en" || !strings.Contains(mails[0].Text, "Hello Ana López,") {
		t.Errorf("verification mail: subject %q, lang %q, text %q", mails[0].Subject, mails[0].Lang, mails[0].Text)
	}

	// The link shows a button; following it changes nothing by itself.
	link := s.lastLink("ana@ciudad.example")
	confirm := b.get(link)
	if confirm.StatusCode != http.StatusOK {
		t.Fatalf("verification page: %d", confirm.StatusCode)
	}
	if rp := confirm.Header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("the page with the token in its address has Referrer-Policy %q", rp)
	}
	if u, _ := s.store.User(ctx, u.ID); u.Verified() {
		t.Fatal("opening the link verified the address without the button")
	}
	ok := b.submit(confirm, "main form", nil)
	if ok.StatusCode != http.StatusOK || ok.text("h1") != "Address confirmed" {
		t.Fatalf("after confirming: %d %q", ok.StatusCode, ok.text("h1"))
	}
	if u, _ := s.store.User(ctx, u.ID); !u.Verified() {
		t.Fatal("address not verified after confirming")
	}
	if again := b.submit(confirm, "main form", nil); again.StatusCode != http.StatusBadRequest {
		t.Errorf("the link worked twice: %d", again.StatusCode)
	}

	// Sign in, and come back to where the visitor was sent from.
	gate := b.get("/en/profile")
	if gate.StatusCode != http.StatusSeeOther || gate.Header.Get("Location") != "/en/login?next=%2Fen%2Fprofile" {
		t.Fatalf("profile before signing in: %d %q", gate.StatusCode, gate.Header.Get("Location"))
	}
	in := b.submit(b.get(gate.Header.Get("Location")), "main form", url.Values{"email": {"ANA@ciudad.example"}, "password": {"a long passphrase"}})
	if in.StatusCode != http.StatusSeeOther || in.Header.Get("Location") != "/en/profile" {
		t.Fatalf("sign-in: %d to %q", in.StatusCode, in.Header.Get("Location"))
	}
	session := b.cookie(sessionCookie)
	if session == "" {
		t.Fatal("no session cookie after signing in")
	}

	// Change the profile, with markup in a field.
	prof := b.get("/en/profile")
	if prof.StatusCode != http.StatusOK || prof.text(".profile-email") != "ana@ciudad.example" {
		t.Fatalf("profile: %d, email %q", prof.StatusCode, prof.text(".profile-email"))
	}
	if prof.text(`header nav ul.account a`) != "Ana López" {
		t.Errorf("header shows %q for the signed-in visitor", prof.text(`header nav ul.account a`))
	}
	const markup = `<script>alert("x")</script><b>Ayto</b>`
	saved := b.submit(prof, "main form", url.Values{
		"name": {"Ana López García"}, "organisation": {markup}, "organisation_type": {"civil-society"},
		"country": {"PT"}, "listed": {"on"}, "email_language": {"fr"},
	})
	if saved.StatusCode != http.StatusOK || saved.text(".form-notice") != "Your profile is saved." {
		t.Fatalf("profile save: %d %q\n%s", saved.StatusCode, saved.text(".form-notice"), saved.body)
	}
	if strings.Contains(saved.body, "<script>alert") || strings.Contains(saved.body, "<b>Ayto") {
		t.Error("markup typed into the profile is shown as markup")
	}
	if v, _ := saved.doc.Find("#organisation").Attr("value"); v != markup {
		t.Errorf("organisation field shows %q, want the text as typed", v)
	}
	got, err := s.store.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ana López García" || got.Organisation != markup || got.OrganisationType != "civil-society" ||
		got.Country != "PT" || !got.Listed || got.EmailLanguage != "fr" || got.Role != catalog.RolePractitioner {
		t.Errorf("stored profile = %+v", got)
	}

	// Sign out: the session is gone from the catalog too.
	out := b.submit(b.get("/en/profile"), "header form", nil)
	if out.StatusCode != http.StatusSeeOther || out.Header.Get("Location") != "/en/" {
		t.Fatalf("sign-out: %d to %q", out.StatusCode, out.Header.Get("Location"))
	}
	if _, err := s.store.SessionByToken(ctx, session); err == nil {
		t.Error("the session survived signing out")
	}
	if p := b.get("/en/profile"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("profile after signing out: %d", p.StatusCode)
	}
}

// TestPasswordResetByEmail resets a forgotten password by the mailed link
// and checks that the old password and sessions stop working.
func TestPasswordResetByEmail(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u := s.user("zoe@ngo.example", "old password 1", catalog.RolePractitioner)
	u.EmailLanguage = "de"
	if err := s.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	elsewhere := s.browser()
	elsewhere.login("en", "zoe@ngo.example", "old password 1")

	b := s.browser()
	// An unknown address gets the same answer and no mail.
	p := b.submit(b.get("/en/password/forgot"), "main form", url.Values{"email": {"nobody@ngo.example"}})
	if p.StatusCode != http.StatusOK || len(s.mails()) != 0 {
		t.Fatalf("unknown address: %d, %d mails", p.StatusCode, len(s.mails()))
	}
	known := b.submit(b.get("/en/password/forgot"), "main form", url.Values{"email": {"zoe@ngo.example"}})
	if known.StatusCode != http.StatusOK || known.text("main") != strings.Replace(p.text("main"), "nobody@", "zoe@", 1) {
		t.Errorf("the page tells known and unknown addresses apart:\n%q\n%q", known.text("main"), p.text("main"))
	}
	mails := s.mails()
	if len(mails) != 1 || mails[0].Subject != "Wählen Sie ein neues Passwort" || mails[0].Lang != "de" {
		t.Fatalf("reset mail: %d mails, first %+v", len(mails), mails[0].Envelope)
	}
	link := s.lastLink("zoe@ngo.example")
	if !strings.Contains(link, "/de/password/reset?token=") {
		t.Errorf("link %q is not to the German reset page", link)
	}

	form := b.get(link)
	// A typo keeps the link usable.
	typo := b.submit(form, "main form", url.Values{"password": {"new password 2"}, "password2": {"new password 3"}})
	if typo.StatusCode != http.StatusUnprocessableEntity || typo.text("#password2-error") == "" {
		t.Fatalf("mismatched passwords: %d, error %q", typo.StatusCode, typo.text("#password2-error"))
	}
	if typo.doc.Find(`#password`).AttrOr("value", "") != "" {
		t.Error("a password came back in the form")
	}
	done := b.submit(typo, "main form", url.Values{"password": {"new password 2"}, "password2": {"new password 2"}})
	if done.StatusCode != http.StatusOK || done.text("h1") != "Passwort geändert" {
		t.Fatalf("reset: %d %q", done.StatusCode, done.text("h1"))
	}
	if again := b.submit(form, "main form", url.Values{"password": {"new password 4"}, "password2": {"new password 4"}}); again.StatusCode != http.StatusBadRequest {
		t.Errorf("the reset link worked twice: %d", again.StatusCode)
	}
	if p := elsewhere.get("/en/profile"); p.StatusCode != http.StatusSeeOther {
		t.Errorf("a session from before the reset still works: %d", p.StatusCode)
	}
	old := b.submit(b.get("/en/login"), "main form", url.Values{"email": {"zoe@ngo.example"}, "password": {"old password 1"}})
	if old.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("old password after the reset: %d", old.StatusCode)
	}
	b.login("en", "zoe@ngo.example", "new password 2")
}

// TestRegisterValidation checks the messages per field in the visitor's
// language, and that what was typed comes back but the passwords.
func TestRegisterValidation(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	p := b.submit(b.get("/fr/register"), "main form", url.Values{
		"name": {""}, "email": {"pas-une-adresse"}, "password": {"court"}, "password2": {"court"},
		"organisation": {"Mairie <de> Lyon"}, "organisation_type": {"guild"}, "country": {""},
	})
	if p.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", p.StatusCode)
	}
	want := map[string]string{
		"#name-error":              "Ce champ est obligatoire.",
		"#email-error":             "Ce n'est pas une adresse électronique.",
		"#password-error":          "Utilisez au moins 10 caractères.",
		"#organisation_type-error": "Ce choix ne figure pas dans la liste.",
		"#country-error":           "Veuillez faire un choix.",
		".form-alert":              "Veuillez corriger les champs signalés ci-dessous.",
	}
	for sel, msg := range want {
		if got := p.text(sel); got != msg {
			t.Errorf("%s = %q, want %q", sel, got, msg)
		}
	}
	if p.doc.Find("#organisation-error").Length() != 0 {
		t.Error("a valid field has an error")
	}
	if v, _ := p.doc.Find("#email").Attr("value"); v != "pas-une-adresse" {
		t.Errorf("email came back as %q", v)
	}
	if v, _ := p.doc.Find("#organisation").Attr("value"); v != "Mairie <de> Lyon" {
		t.Errorf("organisation came back as %q", v)
	}
	if inv, _ := p.doc.Find("#email").Attr("aria-invalid"); inv != "true" {
		t.Error("the email field is not marked invalid")
	}
	for _, f := range []string{"#password", "#password2"} {
		if _, has := p.doc.Find(f).Attr("value"); has {
			t.Errorf("%s came back filled", f)
		}
	}
	if len(s.mails()) != 0 {
		t.Error("a mail was sent for a refused form")
	}
	// Registering again with a known address reveals nothing on the page
	// and mails the owner instead.
	s.user("owner@ngo.example", "whatever pw 1", catalog.RolePractitioner)
	again := b.submit(b.get("/en/register"), "main form", url.Values{
		"name": {"Someone"}, "email": {"Owner@NGO.example"}, "password": {"a long passphrase"}, "password2": {"a long passphrase"},
		"organisation": {"X"}, "organisation_type": {"business"}, "country": {"BE"},
	})
	if again.StatusCode != http.StatusOK || again.text("h1") != "Check your inbox" {
		t.Fatalf("registering a known address: %d %q", again.StatusCode, again.text("h1"))
	}
	if ms := s.mails(); len(ms) != 1 || ms[0].Subject != "You already have an account" {
		t.Errorf("mails after registering a known address: %+v", ms)
	}
}
