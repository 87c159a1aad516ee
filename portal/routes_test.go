package portal

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/auth"
)

// tablePatterns returns every pattern the route table of s registers.
func tablePatterns(s *Server) map[string]route {
	out := map[string]route{}
	for _, rt := range s.routeTable() {
		if !rt.perLang {
			out[rt.pattern("")] = rt
			continue
		}
		for _, lang := range s.langs {
			out[rt.pattern(lang)] = rt
		}
	}
	return out
}

// unknownPatterns returns the patterns registered on the server's mux that
// the route table does not hold, and those of the table not registered.
func unknownPatterns(s *Server) (unknown, missing []string) {
	known := tablePatterns(s)
	for _, p := range s.mux.patterns {
		if _, ok := known[p]; !ok {
			unknown = append(unknown, p)
		}
	}
	for p := range known {
		if !slices.Contains(s.mux.patterns, p) {
			missing = append(missing, p)
		}
	}
	return unknown, missing
}

var wildcard = regexp.MustCompile(`\{[^}]*\}`)

// samplePath turns a pattern's path into a path that it serves, with a
// value for each wildcard the test knows; an unknown one fails the test,
// so a new route cannot go unchecked.
func samplePath(t *testing.T, s *Server, path, mailName string) string {
	t.Helper()
	switch path {
	case "/static/":
		return s.css
	case "/":
		return "/no-such-page"
	}
	return wildcard.ReplaceAllStringFunc(path, func(w string) string {
		switch w {
		case "{$}":
			return ""
		case "{id}":
			return "1"
		case "{name}":
			return mailName
		case "{file}":
			return "documents-1.xml"
		case "{slug}":
			return "evaluation" // a sub-theme and a content type both
		case "{code}":
			return "fr" // the country of the coordinator the access test signs in as
		case "{kind}":
			return string(catalog.ContributeCaseStudy)

		}
		t.Errorf("route %s: the access test has no value for wildcard %s; add one", path, w)
		return "x"
	})
}

// TestEveryRouteIsInTheTable fails when a route is registered without an
// entry in the route table, so no route escapes the access test.
func TestEveryRouteIsInTheTable(t *testing.T) {
	for name, s := range map[string]*Server{"without accounts": mustServer(t, nil), "with accounts": newSite(t).server} {
		unknown, missing := unknownPatterns(s)
		if len(unknown) > 0 || len(missing) > 0 {
			t.Errorf("%s: registered but not in the route table: %v; in the table but not registered: %v", name, unknown, missing)
		}
		// Each table entry is what the mux really routes its sample to.
		for pattern := range tablePatterns(s) {
			method, path, _ := strings.Cut(pattern, " ")
			req := httptest.NewRequest(method, samplePath(t, s, path, "x.eml"), nil)
			if _, got := s.mux.Handler(req); got != pattern {
				t.Errorf("%s: %s %s is routed to %q, want %q", name, method, req.URL.Path, got, pattern)
			}
		}
	}
	// The check itself notices a route added beside the table.
	s := mustServer(t, nil)
	s.mux.Handle("GET /en/secret-admin", http.NotFoundHandler())
	if unknown, _ := unknownPatterns(s); !slices.Equal(unknown, []string{"GET /en/secret-admin"}) {
		t.Errorf("a route registered beside the table went unnoticed: %v", unknown)
	}
}

func mustServer(t *testing.T, acct *AccountOptions) *Server {
	t.Helper()
	s, err := New(Options{Catalog: newFakeCatalog(), Accounts: acct})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAccessControl walks every route of the table in every language with
// an anonymous visitor and a user of every role: an allowed visitor is
// never refused (401, 403, or sent to sign in); a refused signed-in
// visitor gets 403; a refused anonymous one is sent to sign in (GET) or
// gets 403 (other methods).
func TestAccessControl(t *testing.T) {
	generous := func(o *Options) {
		l := auth.NewMemoryLimiter(1000, time.Minute, nil)
		o.Accounts.Limits = Limits{LoginIP: l, LoginAccount: l, Register: l, ResetIP: l, ResetAccount: l}
	}
	site := newSite(t, generous)
	s := site.server
	ctx := t.Context()
	if err := site.outbox.Send(ctx, mailer.Message{To: "a@b.example", Subject: "s", Text: "t"}); err != nil {
		t.Fatal(err)
	}
	list, _ := site.outbox.List(ctx, 1)
	mailName := list[0].Name

	users := map[catalog.Role]*catalog.User{}
	for _, role := range catalog.Roles {
		users[role] = site.user(string(role)+"@hub.example", "password of "+string(role), role)
	}
	visitors := append([]catalog.Role{""}, catalog.Roles...) // "" is anonymous
	const pre = "ANONYMOUSPRESESSIONVALUE0123456789ABCDEFGH"

	checked := 0
	for pattern, rt := range tablePatterns(s) {
		method, path, _ := strings.Cut(pattern, " ")
		target := samplePath(t, s, path, mailName)
		lang := s.langs[0]
		if rt.perLang {
			lang = strings.Split(target, "/")[1]
		}
		for _, role := range visitors {
			name := fmt.Sprintf("%s as %q", pattern, role)
			var (
				v      *viewer
				cookie *http.Cookie
				token  string
			)
			if role == "" {
				cookie, token = &http.Cookie{Name: preSessionCookie, Value: pre}, s.acct.csrf.Token(pre)
			} else {
				// A fresh session per request: some routes end it.
				st, _, err := site.store.CreateSession(ctx, users[role].ID, time.Hour)
				if err != nil {
					t.Fatal(err)
				}
				v = &viewer{user: users[role], token: st}
				cookie, token = &http.Cookie{Name: sessionCookie, Value: st}, s.acct.csrf.Token(st)
			}
			req := httptest.NewRequest(method, target, nil)
			if method != http.MethodGet {
				// A valid token, so that only the access rule can refuse.
				body := url.Values{"csrf_token": {token}}.Encode()
				req = httptest.NewRequest(method, target, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			req.AddCookie(cookie)
			rec := serve(s.Handler(), req)
			loc := rec.Header().Get("Location")
			toLogin := rec.Code == http.StatusSeeOther && strings.HasPrefix(loc, "/"+lang+"/login?next=")
			switch allowed := rt.access.allows(v); {
			case allowed && (rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden || toLogin):
				t.Errorf("%s: allowed, but got %d %s", name, rec.Code, loc)
			case !allowed && role != "" && rec.Code != http.StatusForbidden:
				t.Errorf("%s: refused, but got %d, want 403", name, rec.Code)
			case !allowed && role == "" && method == http.MethodGet && !toLogin:
				t.Errorf("%s: refused, but got %d %q, want a redirect to sign in", name, rec.Code, loc)
			case !allowed && role == "" && method != http.MethodGet && rec.Code != http.StatusForbidden:
				t.Errorf("%s: refused, but got %d, want 403", name, rec.Code)
			case rec.Code >= 500:
				t.Errorf("%s: %d\n%s", name, rec.Code, rec.Body)
			}
			checked++
		}
	}
	if min := len(tablePatterns(s)) * len(visitors); checked < min || checked < 100 {
		t.Errorf("checked %d route × visitor pairs, want %d", checked, min)
	}
	// Saved searches are every member's, and nobody else's.
	for pattern, rt := range tablePatterns(s) {
		if strings.Contains(pattern, "/searches") && (!rt.access.signedIn || len(rt.access.roles) > 0 || (rt.method != "GET" && !rt.csrf)) {
			t.Errorf("%s: want members only, forms with a csrf_token", pattern)
		}
	}
	found := 0
	for pattern := range tablePatterns(s) {
		if strings.Contains(pattern, "/searches") {
			found++
		}
	}
	if found != 4*len(s.langs) {
		t.Errorf("%d saved-search routes, want 4 per language", found)
	}
	// The outbox is the administrators' alone.
	for _, role := range catalog.Roles {
		allowed := only(catalog.RoleAdministrator).allows(&viewer{user: users[role]})
		if allowed != (role == catalog.RoleAdministrator) {
			t.Errorf("outbox allowed to %s: %v", role, allowed)
		}
	}
}
