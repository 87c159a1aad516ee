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
	"github.com/ewsi/hub/portal/auth"
)

// TestCSRFRefusals posts every form without its token, with a wrong one
// and with another visitor's, and checks for a 403 with nothing changed.
func TestCSRFRefusals(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u := s.user("member@ngo.example", "member password", catalog.RolePractitioner)
	b := s.browser()
	b.login("en", "member@ngo.example", "member password")
	other := s.browser()
	s.user("other@ngo.example", "other password", catalog.RolePractitioner)
	other.login("en", "other@ngo.example", "other password")
	otherToken := other.get("/en/profile").doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")
	anon := s.browser()
	anonToken := anon.get("/en/register").doc.Find(`main input[name="csrf_token"]`).AttrOr("value", "")
	if otherToken == "" || anonToken == "" {
		t.Fatal("forms carry no csrf_token")
	}

	forms := []struct {
		who   *browser
		path  string
		other string // a valid token, but of someone else
		form  url.Values
	}{
		{b, "/en/profile", otherToken, url.Values{"name": {"Changed"}, "email_language": {"en"}}},
		{b, "/en/logout", otherToken, nil},
		{anon, "/en/register", otherToken, url.Values{"name": {"N"}, "email": {"new@ngo.example"}, "password": {"a long passphrase"},
			"password2": {"a long passphrase"}, "organisation": {"O"}, "organisation_type": {"business"}, "country": {"FR"}}},
		{anon, "/en/login", otherToken, url.Values{"email": {"member@ngo.example"}, "password": {"member password"}}},
		{anon, "/en/password/forgot", otherToken, url.Values{"email": {"member@ngo.example"}}},
		{anon, "/en/password/reset", otherToken, url.Values{"token": {"x"}, "password": {"a long passphrase"}, "password2": {"a long passphrase"}}},
		{anon, "/en/verify", otherToken, url.Values{"token": {"x"}}},
	}
	for _, f := range forms {
		for name, token := range map[string]string{"missing": "", "wrong": "bm90LWEtdG9rZW4", "another visitor's": f.other} {
			form := url.Values{}
			for k, v := range f.form {
				form[k] = v
			}
			if token != "" {
				form.Set("csrf_token", token)
			}
			p := f.who.post(f.path, form)
			if p.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with a %s token: status %d, want 403", f.path, name, p.StatusCode)
			}
			if p.text("h1") != "The form has expired" {
				t.Errorf("POST %s with a %s token: page %q", f.path, name, p.text("h1"))
			}
		}
	}
	// Nothing changed.
	got, err := s.store.User(ctx, u.ID)
	if err != nil || got.Name != u.Name {
		t.Errorf("profile after refused posts: %+v, %v", got, err)
	}
	if _, err := s.store.UserByEmail(ctx, "new@ngo.example"); err == nil {
		t.Error("a refused registration created an account")
	}
	if p := b.get("/en/profile"); p.StatusCode != http.StatusOK {
		t.Errorf("a refused sign-out ended the session: %d", p.StatusCode)
	}
	if anon.cookie(sessionCookie) != "" {
		t.Error("a refused sign-in started a session")
	}
	if n := len(s.mails()); n != 0 {
		t.Errorf("%d mails sent by refused forms", n)
	}
	// The anonymous token is bound to its pre-session cookie.
	if p := other.post("/en/password/forgot", url.Values{"csrf_token": {anonToken}, "email": {"member@ngo.example"}}); p.StatusCode != http.StatusForbidden {
		t.Errorf("an anonymous token used by another browser: %d", p.StatusCode)
	}
}

// TestCrossOriginPostRefused: a browser's cross-site POST is refused
// before the token is even looked at.
func TestCrossOriginPostRefused(t *testing.T) {
	s := newSite(t)
	s.user("member@ngo.example", "member password", catalog.RolePractitioner)
	for name, h := range map[string][2]string{
		"Sec-Fetch-Site": {"Sec-Fetch-Site", "cross-site"},
		"Origin":         {"Origin", "https://evil.example"},
	} {
		b := s.browser()
		form := b.get("/en/login")
		b.header.Set(h[0], h[1])
		p := b.submit(form, "main form", url.Values{"email": {"member@ngo.example"}, "password": {"member password"}})
		if p.StatusCode != http.StatusForbidden || p.text("h1") != "Request refused" {
			t.Errorf("%s: status %d, page %q; want 403", name, p.StatusCode, p.text("h1"))
		}
		if b.cookie(sessionCookie) != "" {
			t.Errorf("%s: signed in from another site", name)
		}
	}
	// The read-only endpoints other sites may call stay open to them.
	for path, ct := range map[string]string{"/api/v1/search": "application/json", "/oai": "application/x-www-form-urlencoded"} {
		body := "{}"
		if path == "/oai" {
			body = "verb=Identify"
		}
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://other.example")
		if rec := serve(s.server.Handler(), req); rec.Code == http.StatusForbidden {
			t.Errorf("cross-site POST %s: 403, want it served", path)
		}
	}
	b := s.browser()
	form := b.get("/en/login")
	b.header.Set("Sec-Fetch-Site", "same-origin")
	if p := b.submit(form, "main form", url.Values{"email": {"member@ngo.example"}, "password": {"member password"}}); p.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin sign-in: %d", p.StatusCode)
	}
}

// TestLoginRateLimit: the sixth attempt on one account in 15 minutes is
// refused, right password or not; other accounts are not affected; and a
// client address is limited across accounts.
func TestLoginRateLimit(t *testing.T) {
	s := newSite(t, func(o *Options) {
		o.Accounts.Limits.LoginIP = auth.NewMemoryLimiter(8, time.Minute, nil)
	})
	s.user("target@ngo.example", "right password", catalog.RolePractitioner)
	s.user("bystander@ngo.example", "right password", catalog.RolePractitioner)
	b := s.browser()
	for i := range 5 {
		p := b.submit(b.get("/en/login"), "main form", url.Values{"email": {"target@ngo.example"}, "password": {"wrong guess"}})
		if p.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i+1, p.StatusCode)
		}
	}
	p := b.submit(b.get("/en/login"), "main form", url.Values{"email": {"Target@NGO.example"}, "password": {"right password"}})
	if p.StatusCode != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" || p.text("h1") != "Too many attempts" {
		t.Fatalf("sixth attempt: %d, Retry-After %q, page %q", p.StatusCode, p.Header.Get("Retry-After"), p.text("h1"))
	}
	if b.cookie(sessionCookie) != "" {
		t.Error("signed in over the limit")
	}
	// Another account from the same address is not limited by the first
	// account's count, only by the address's: 6 attempts so far, 8 allowed.
	b.login("en", "bystander@ngo.example", "right password")
	b2 := s.browser()
	b2.login("en", "bystander@ngo.example", "right password")
	p = b2.submit(b2.get("/en/login"), "main form", url.Values{"email": {"bystander@ngo.example"}, "password": {"right password"}})
	if p.StatusCode != http.StatusTooManyRequests {
		t.Errorf("ninth attempt from one address: %d, want 429", p.StatusCode)
	}
}

// TestRegisterAndResetRateLimits: registrations and reset requests are
// limited per client address.
func TestRegisterAndResetRateLimits(t *testing.T) {
	s := newSite(t, func(o *Options) {
		o.Accounts.Limits.Register = auth.NewMemoryLimiter(1, time.Hour, nil)
		o.Accounts.Limits.ResetIP = auth.NewMemoryLimiter(1, time.Hour, nil)
	})
	b := s.browser()
	for i, want := range []int{http.StatusUnprocessableEntity, http.StatusTooManyRequests} {
		if p := b.submit(b.get("/en/register"), "main form", nil); p.StatusCode != want {
			t.Errorf("registration %d: %d, want %d", i+1, p.StatusCode, want)
		}
		if p := b.submit(b.get("/en/password/forgot"), "main form", url.Values{"email": {"a@b.example"}}); p.StatusCode != []int{200, 429}[i] {
			t.Errorf("reset request %d: %d", i+1, p.StatusCode)
		}
	}
}

// serve runs one request through h and returns the recorder.
func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// formToken fetches path with host and returns the csrf_token of its form
// and the pre-session cookie set with it.
func formToken(t *testing.T, h http.Handler, host, path string) (string, *http.Cookie) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://"+host+path, nil)
	rec := serve(h, req)
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	var pre *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == preSessionCookie {
			pre = c
		}
	}
	if pre == nil {
		t.Fatalf("GET %s set no pre-session cookie", path)
	}
	return doc.Find(`main input[name="csrf_token"]`).AttrOr("value", ""), pre
}

// TestSessionCookieFlags checks the cookie's attributes where the portal
// is public (Secure) and on loopback over plain HTTP (not), and that a
// sign-in replaces a session the browser already had.
func TestSessionCookieFlags(t *testing.T) {
	s := newSite(t)
	u := s.user("member@ngo.example", "member password", catalog.RolePractitioner)
	old, _, err := s.store.CreateSession(t.Context(), u.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	h := s.server.Handler()
	for host, secure := range map[string]bool{"hub.example": true, "127.0.0.1:8080": false, "localhost": false} {
		token, pre := formToken(t, h, host, "/en/login")
		if pre.Secure != secure || !pre.HttpOnly || pre.SameSite != http.SameSiteLaxMode {
			t.Errorf("%s: pre-session cookie %s", host, pre)
		}
		form := url.Values{"csrf_token": {token}, "email": {u.Email}, "password": {"member password"}}
		req := httptest.NewRequest(http.MethodPost, "http://"+host+"/en/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(pre)
		if host == "hub.example" {
			// Already signed in: the old session must end.
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: old})
			form.Set("csrf_token", s.server.acct.csrf.Token(old))
			req = httptest.NewRequest(http.MethodPost, "http://"+host+"/en/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: old})
		}
		rec := serve(h, req)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("%s: sign-in %d\n%s", host, rec.Code, rec.Body)
		}
		var sess *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == sessionCookie {
				sess = c
			}
		}
		if sess == nil || sess.Value == "" {
			t.Fatalf("%s: no session cookie", host)
		}
		if sess.Secure != secure || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" ||
			sess.MaxAge != int(sessionTTL.Seconds()) {
			t.Errorf("%s: session cookie %s; want Secure=%v, HttpOnly, SameSite=Lax, Path=/, Max-Age 14 days", host, sess, secure)
		}
		if sess.Value == old {
			t.Errorf("%s: the session was not rotated", host)
		}
		if host == "hub.example" {
			if _, err := s.store.SessionByToken(t.Context(), old); err == nil {
				t.Error("the session from before the sign-in still works")
			}
		}
	}
}

// TestSecurityHeadersOnAccountPages: account pages keep the CSP and are
// never cached.
func TestSecurityHeadersOnAccountPages(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	for _, path := range []string{"/en/login", "/fr/register", "/de/password/forgot"} {
		p := b.get(path)
		csp := p.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "form-action 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if p.Header.Get("Referrer-Policy") == "" || p.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, p.Header)
		}
		if p.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, p.Header.Get("Cache-Control"))
		}
		if n := p.doc.Find("script, style, [style]").Length(); n != 0 {
			t.Errorf("%s: %d inline scripts or styles", path, n)
		}
	}
}

// TestMailLinksNeedBaseURL: on a public host without BaseURL the portal
// will not mail a link made from the Host header; with BaseURL it uses it.
func TestMailLinksNeedBaseURL(t *testing.T) {
	s := newSite(t)
	s.user("member@ngo.example", "member password", catalog.RolePractitioner)
	h := s.server.Handler()
	request := func(h http.Handler) int {
		token, pre := formToken(t, h, "evil.example", "/en/password/forgot")
		form := url.Values{"csrf_token": {token}, "email": {"member@ngo.example"}}
		req := httptest.NewRequest(http.MethodPost, "http://evil.example/en/password/forgot", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(pre)
		return serve(h, req).Code
	}
	if code := request(h); code != http.StatusInternalServerError || len(s.mails()) != 0 {
		t.Errorf("no BaseURL, public Host: %d, %d mails; want 500 and none", code, len(s.mails()))
	}
	opts := Options{Catalog: s.store, BaseURL: "https://hub.example/", Accounts: &AccountOptions{
		Store: s.store, Mail: directMail{s.outbox}, Key: make32(), PasswordParams: cheapParams}}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if code := request(srv.Handler()); code != http.StatusOK {
		t.Fatalf("with BaseURL: %d", code)
	}
	ms := s.mails()
	if len(ms) != 1 || !strings.Contains(ms[0].Text, "https://hub.example/en/password/reset?token=") || strings.Contains(ms[0].Text, "evil.example") {
		t.Errorf("mail with BaseURL: %+v", ms)
	}
}

func make32() []byte { return []byte(strings.Repeat("k", 32)) }
