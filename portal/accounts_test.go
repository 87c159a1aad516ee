package portal

import (
	"bytes"
	"context"
	"crypto/rand"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/auth"
)

// cheapParams keep password hashing fast in tests; the format is the same.
var cheapParams = auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// directMail is the Mail of tests: it delivers at once, to a Mailer.
type directMail struct{ m mailer.Mailer }

func (d directMail) Enqueue(ctx context.Context, m mailer.Message) error { return d.m.Send(ctx, m) }

// site is a portal with accounts on a real SQLite catalog, mail written
// to an outbox folder, served over loopback HTTP.
type site struct {
	t      testing.TB
	store  *sqlite.Store
	outbox *mailer.Outbox
	server *Server
	url    string // of the running server, no trailing slash
}

// siteOption changes the options of newSite.
type siteOption func(*Options)

func newSite(t testing.TB, opts ...siteOption) *site {
	t.Helper()
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	outbox, err := mailer.NewOutbox(filepath.Join(t.TempDir(), "outbox"), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	o := Options{Catalog: store, Directory: store, Accounts: &AccountOptions{
		Store: store, Mail: directMail{outbox}, Outbox: outbox, Key: key, PasswordParams: cheapParams,
	}}
	for _, f := range opts {
		f(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &site{t: t, store: store, outbox: outbox, server: srv, url: ts.URL}
}

// user creates a verified account with password pw and role.
func (s *site) user(email, pw string, role catalog.Role) *catalog.User {
	s.t.Helper()
	u := &catalog.User{Email: email, Name: "User " + string(role), Role: role, EmailVerifiedAt: time.Now()}
	if role == catalog.RoleCountryCoordinator {
		u.Countries = []string{"FR"}
	}
	if err := s.store.CreateUser(s.t.Context(), u); err != nil {
		s.t.Fatal(err)
	}
	if err := s.store.SetPassword(s.t.Context(), u.ID, cheapParams.HashPassword(pw)); err != nil {
		s.t.Fatal(err)
	}
	return u
}

// mails returns the letters in the outbox, oldest first.
func (s *site) mails() []*mailer.Letter {
	s.t.Helper()
	list, err := s.outbox.List(s.t.Context(), 0)
	if err != nil {
		s.t.Fatal(err)
	}
	var out []*mailer.Letter
	for i := len(list) - 1; i >= 0; i-- {
		l, err := s.outbox.Letter(s.t.Context(), list[i].Name)
		if err != nil {
			s.t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
}

var linkPattern = regexp.MustCompile(`https?://\S+`)

// lastLink returns the link of the newest mail, which must be to addr.
func (s *site) lastLink(addr string) string {
	s.t.Helper()
	ms := s.mails()
	if len(ms) == 0 {
		s.t.Fatal("no mail in the outbox")
	}
	m := ms[len(ms)-1]
	if !strings.Contains(m.To, addr) {
		s.t.Fatalf("newest mail is to %q, want %q", m.To, addr)
	}
	link := linkPattern.FindString(m.Text)
	if !strings.HasPrefix(link, s.url+"/") {
		s.t.Fatalf("mail link %q does not lead to the portal %s", link, s.url)
	}
	return link
}

// browser is one visitor with its own cookies. It does not follow
// redirects, so that tests see them.
type browser struct {
	t      testing.TB
	site   *site
	client *http.Client
	header http.Header // sent with every request
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: s.t, site: s, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is a response with its parsed body.
type page struct {
	*http.Response
	body string
	doc  *goquery.Document
}

func (b *browser) do(req *http.Request) *page {
	b.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		b.t.Fatal(err)
	}
	return &page{Response: resp, body: buf.String(), doc: doc}
}

// get fetches a path of the site or an absolute URL.
func (b *browser) get(target string) *page {
	b.t.Helper()
	if strings.HasPrefix(target, "/") {
		target = b.site.url + target
	}
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post sends a form to a path as it is, csrf_token included or not.
func (b *browser) post(path string, form url.Values) *page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// submit fills the first form of p matching sel with the hidden fields it
// carries plus values, and posts it where the form says.
func (b *browser) submit(p *page, sel string, values url.Values) *page {
	b.t.Helper()
	form := p.doc.Find(sel).First()
	if form.Length() == 0 {
		b.t.Fatalf("no form %q on %s (status %d):\n%s", sel, p.Request.URL, p.StatusCode, p.body)
	}
	data := url.Values{}
	form.Find(`input[type="hidden"]`).Each(func(_ int, in *goquery.Selection) {
		n, _ := in.Attr("name")
		v, _ := in.Attr("value")
		data.Set(n, v)
	})
	for k, v := range values {
		data[k] = v
	}
	action, _ := form.Attr("action")
	target := p.Request.URL.ResolveReference(&url.URL{Path: action})
	if action == "" {
		target = p.Request.URL
	}
	return b.post(target.Path, data)
}

// login signs in with the form and checks that it worked.
func (b *browser) login(lang, email, pw string) {
	b.t.Helper()
	p := b.submit(b.get("/"+lang+"/login"), "main form", url.Values{"email": {email}, "password": {pw}})
	if p.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign-in as %s: status %d:\n%s", email, p.StatusCode, p.body)
	}
}

// cookie returns the browser's cookie called name for the site, or "".
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.site.url)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// text returns the trimmed text of the first match of sel.
func (p *page) text(sel string) string { return strings.TrimSpace(p.doc.Find(sel).First().Text()) }
