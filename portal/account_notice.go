package portal

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// notice is the data of notice.html: a page that says one thing, such as
// "check your inbox", with at most one link onwards.
type notice struct {
	layout
	TitleKey  string // the heading's key
	Heading   string
	Text      string
	LinkURL   string
	LinkLabel string
}

// renderNotice shows n with status.
func (s *Server) renderNotice(w http.ResponseWriter, r *http.Request, lang string, status int, n notice) error {
	loc := s.bundle.Locale(lang)
	n.Heading = loc.T(n.TitleKey)
	n.layout = s.layout(r, lang, n.Heading)
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, status, lang, "notice", n)
}

// accountPages are the templates of the account and administration pages.
var accountPages = []string{"searches", "notice", "register", "verify", "login", "forgot", "reset", "profile", "outbox", "letter",
	"source_new", "sources_mine", "editor_sources", "admin_trust", "editor_queue", "editor_document",
	"editor_countries", "editor_country",

	"contribute_choose", "contribute", "editor_contributors"}

// accountNav is the account part of every page's header: sign-in and
// registration links, or the visitor's name, their pages and a sign-out
// form.
type accountNav struct {
	Name            string // the signed-in visitor's; "" for anonymous
	SearchesURL     string // the visitor's saved searches
	ProfileURL      string
	OutboxURL       string // for administrators
	TrustURL        string // for administrators
	FiguresURL      string // for editors, when the directory is on
	SourcesURL      string // for those who propose sources
	EditorURL       string // for those who decide on them
	QueueURL        string // the review queue, for editors
	ContributeURL   string // for every signed-in visitor
	ContributorsURL string // the contributors report, for editors and administrators
	// SheetsURL lists the country sheet sections to review.
	SheetsURL   string
	LogoutURL   string
	CSRF        string // of the sign-out form
	LoginURL    string
	RegisterURL string
}

func (s *Server) accountNav(r *http.Request, lang string) *accountNav {
	if s.acct == nil {
		return nil
	}
	n := &accountNav{LoginURL: "/" + lang + "/login", RegisterURL: "/" + lang + "/register"}
	if p := r.URL.Path; p != n.LoginURL && p != n.RegisterURL && strings.HasPrefix(p, "/"+lang+"/") {
		n.LoginURL += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	v := viewerOf(r)
	if v == nil {
		return n
	}
	n.Name = v.user.Name
	n.ProfileURL = "/" + lang + "/profile"
	n.LogoutURL = "/" + lang + "/logout"
	n.ContributeURL = "/" + lang + "/contribute"
	if v.has(reportReaders...) {
		n.ContributorsURL = "/" + lang + "/editor/contributors"
	}
	n.CSRF = s.acct.csrf.Token(v.token)
	n.SearchesURL = searchesPath(lang)
	if v.has(catalog.RoleAdministrator) {
		n.OutboxURL = "/" + lang + "/admin/outbox"
		n.TrustURL = "/" + lang + "/admin/trust"
	}
	if v.has(sourceProposers...) {
		n.SourcesURL = "/" + lang + "/sources/mine"
	}
	if v.has(sourceDeciders...) {
		n.EditorURL = "/" + lang + "/editor/sources"
		n.QueueURL = "/" + lang + "/editor/queue"
		if s.sheets != nil {
			n.SheetsURL = "/" + lang + "/editor/countries"
		}
		if s.dir != nil {
			n.FiguresURL = "/" + lang + "/admin/figures"
		}
	}
	return n
}
