package portal

import (
	"cmp"
	"net/http"
	"net/url"
	"strings"

	"github.com/ewsi/hub/catalog"
)

// access says who may use a route.
type access struct {
	signedIn bool           // a signed-in visitor is needed
	roles    []catalog.Role // when set, one of these roles is needed too
}

var (
	everyone = access{}
	members  = access{signedIn: true}
)

// only is access for signed-in visitors holding one of roles.
func only(roles ...catalog.Role) access { return access{signedIn: true, roles: roles} }

// allows reports whether v (nil for an anonymous visitor) may use a route.
func (a access) allows(v *viewer) bool {
	if !a.signedIn {
		return true
	}
	if v == nil {
		return false
	}
	return len(a.roles) == 0 || v.has(a.roles...)
}

// route is one entry of the route table: every route the portal serves is
// registered from it, so the access test knows them all.
type route struct {
	method string
	// path is the pattern's path. For a page (perLang) it follows the
	// language prefix, once per interface language: "/login" serves
	// /en/login, /fr/login and /de/login; "" serves /en itself.
	path    string
	perLang bool
	access  access
	// csrf: an unsafe method whose form must carry a valid csrf_token.
	csrf bool
	// crossSite: a read-only endpoint that other sites' pages may call
	// with an unsafe method (POST search, OAI-PMH), exempt from the
	// cross-origin check; it must change nothing.
	crossSite bool
	// maxBody bounds the form's body; 0 means maxFormBytes.
	maxBody int64
	// handler builds the route's handler for a language ("" when the
	// route is not per language).
	handler func(lang string) http.Handler
}

// pattern returns the ServeMux pattern of r in lang.
func (r route) pattern(lang string) string {
	if r.perLang {
		return r.method + " /" + lang + r.path
	}
	return r.method + " " + r.path
}

// routeTable lists every route with who may use it. Pages come once per
// language; account pages only when accounts are on.
func (s *Server) routeTable() []route {
	fn := func(h http.HandlerFunc) func(string) http.Handler {
		return func(string) http.Handler { return h }
	}
	pg := func(h pageFunc) func(string) http.Handler {
		return func(lang string) http.Handler { return s.page(lang, h) }
	}
	plain := func(h func(w http.ResponseWriter, r *http.Request) error) func(string) http.Handler {
		return func(string) http.Handler { return s.plain(h) }
	}
	t := []route{
		{method: "GET", path: "/healthz", access: everyone, handler: fn(s.handleHealthCheck)},
		{method: "GET", path: "/{$}", access: everyone, handler: fn(s.handleRootRedirect)},
		{method: "GET", path: "/static/", access: everyone, handler: func(string) http.Handler { return staticHandler() }},
		{method: "GET", path: "/", access: everyone, handler: fn(s.handleNotFound)},
		{method: "GET", path: "", perLang: true, access: everyone, handler: func(lang string) http.Handler {
			return http.RedirectHandler("/"+lang+"/", http.StatusMovedPermanently)
		}},
		{method: "GET", path: "/{$}", perLang: true, access: everyone, handler: pg(s.handleHomeShow)},
		{method: "GET", path: "/search", perLang: true, access: everyone, handler: pg(s.handleSearchShow)},
		{method: "GET", path: "/search/atom", perLang: true, access: everyone, handler: pg(s.handleSearchAtom)},
		{method: "GET", path: "/search/ics", perLang: true, access: everyone, handler: pg(s.handleSearchCalendar)},
		{method: "GET", path: "/documents/{id}/ics", perLang: true, access: everyone, handler: pg(s.handleDocumentCalendar)},
		{method: "GET", path: "/documents/{id}", perLang: true, access: everyone, handler: pg(s.handleDocumentShow)},
		{method: "GET", path: "/events", perLang: true, access: everyone, handler: pg(s.handleEventsShow)},
		{method: "GET", path: "/events/ics", perLang: true, access: everyone, handler: pg(s.handleEventsCalendar)},
		{method: "GET", path: "/funding", perLang: true, access: everyone, handler: pg(s.handleFundingShow)},
		{method: "GET", path: "/funding/closed", perLang: true, access: everyone, handler: pg(s.handleFundingClosed)},
		{method: "GET", path: "/case-studies", perLang: true, access: everyone, handler: pg(s.handleCaseStudiesShow)},
		{method: "GET", path: "/case-studies/compare", perLang: true, access: everyone, handler: pg(s.handleCaseStudiesCompare)},
		{method: "GET", path: "/case-studies/{id}", perLang: true, access: everyone, handler: pg(s.handleCaseStudyShow)},
		{method: "GET", path: "/themes", perLang: true, access: everyone, handler: pg(s.handleThemeList)},
		{method: "GET", path: "/themes/{slug}", perLang: true, access: everyone, handler: pg(s.handleThemeShow)},
		{method: "GET", path: "/types", perLang: true, access: everyone, handler: pg(s.handleTypeList)},
		{method: "GET", path: "/types/{slug}", perLang: true, access: everyone, handler: pg(s.handleTypeShow)},
		{method: "GET", path: "/countries", perLang: true, access: everyone, handler: pg(s.handleCountryList)},
		{method: "GET", path: "/countries/{code}", perLang: true, access: everyone, handler: pg(s.handleCountryShow)},
		{method: "GET", path: "/robots.txt", access: everyone, handler: plain(s.handleRobots)},
		{method: "GET", path: "/sitemap.xml", access: everyone, handler: plain(s.handleSitemapIndex)},
		{method: "GET", path: "/sitemaps/pages.xml", access: everyone, handler: plain(s.handleSitemapPages)},
		{method: "GET", path: "/sitemaps/{file}", access: everyone, handler: plain(s.handleSitemapDocuments)},
		{method: "GET", path: "/oai", access: everyone, handler: plain(s.handleOAIRequest)},
		{method: "POST", path: "/oai", access: everyone, crossSite: true, handler: plain(s.handleOAIRequest)},
	}
	for _, a := range s.apiRoutes() {
		method, path, _ := strings.Cut(a.pattern, " ")
		h := a.handler
		t = append(t, route{method: method, path: path, access: everyone, crossSite: method != "GET",
			handler: func(string) http.Handler { return h }})
	}
	t = append(t, s.directoryRoutes(pg)...)
	if s.acct == nil {
		return t
	}
	if s.sheets != nil {
		t = append(t, s.sheetEditorRoutes(pg)...)
	}
	return append(t,
		route{method: "GET", path: "/register", perLang: true, access: everyone, handler: pg(s.handleRegisterShow)},
		route{method: "POST", path: "/register", perLang: true, access: everyone, csrf: true, handler: pg(s.handleRegisterSubmit)},
		route{method: "GET", path: "/verify", perLang: true, access: everyone, handler: pg(s.handleVerifyShow)},
		route{method: "POST", path: "/verify", perLang: true, access: everyone, csrf: true, handler: pg(s.handleVerifySubmit)},
		route{method: "GET", path: "/login", perLang: true, access: everyone, handler: pg(s.handleLoginShow)},
		route{method: "POST", path: "/login", perLang: true, access: everyone, csrf: true, handler: pg(s.handleLoginSubmit)},
		route{method: "POST", path: "/logout", perLang: true, access: members, csrf: true, handler: pg(s.handleLogoutSubmit)},
		route{method: "GET", path: "/password/forgot", perLang: true, access: everyone, handler: pg(s.handleForgotShow)},
		route{method: "POST", path: "/password/forgot", perLang: true, access: everyone, csrf: true, handler: pg(s.handleForgotSubmit)},
		route{method: "GET", path: "/password/reset", perLang: true, access: everyone, handler: pg(s.handleResetShow)},
		route{method: "POST", path: "/password/reset", perLang: true, access: everyone, csrf: true, handler: pg(s.handleResetSubmit)},
		route{method: "GET", path: "/profile", perLang: true, access: members, handler: pg(s.handleProfileShow)},
		route{method: "POST", path: "/profile", perLang: true, access: members, csrf: true, handler: pg(s.handleProfileSubmit)},
		route{method: "GET", path: "/searches", perLang: true, access: members, handler: pg(s.handleSavedSearchList)},
		route{method: "POST", path: "/searches", perLang: true, access: members, csrf: true, handler: pg(s.handleSavedSearchCreate)},
		route{method: "POST", path: "/searches/{id}", perLang: true, access: members, csrf: true, handler: pg(s.handleSavedSearchUpdate)},
		route{method: "POST", path: "/searches/{id}/delete", perLang: true, access: members, csrf: true, handler: pg(s.handleSavedSearchDelete)},
		route{method: "GET", path: "/sources/new", perLang: true, access: only(sourceProposers...), handler: pg(s.handleSourceNewShow)},
		route{method: "POST", path: "/sources/new", perLang: true, access: only(sourceProposers...), csrf: true, handler: pg(s.handleSourceNewSubmit)},
		route{method: "GET", path: "/sources/mine", perLang: true, access: only(sourceProposers...), handler: pg(s.handleSourcesMine)},
		route{method: "POST", path: "/sources/mine/{id}/notify", perLang: true, access: only(sourceProposers...), csrf: true, handler: pg(s.handleSourceNotifySet)},
		route{method: "GET", path: "/editor/sources", perLang: true, access: only(sourceDeciders...), handler: pg(s.handleEditorSources)},
		route{method: "POST", path: "/editor/sources/{id}", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleEditorSourceDecide)},
		route{method: "GET", path: "/editor/queue", perLang: true, access: only(sourceDeciders...), handler: pg(s.handleEditorQueue)},
		route{method: "POST", path: "/editor/queue", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleEditorQueueDecide)},
		route{method: "GET", path: "/editor/documents/{id}/edit", perLang: true, access: only(sourceDeciders...), handler: pg(s.handleDocumentEditShow)},
		route{method: "POST", path: "/editor/documents/{id}/edit", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleDocumentEditSubmit)},
		route{method: "POST", path: "/editor/documents/{id}/restore", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleDocumentRestore)},
		route{method: "POST", path: "/editor/documents/{id}/merge", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleDocumentMerge)},
		route{method: "GET", path: "/admin/outbox", perLang: true, access: only(catalog.RoleAdministrator), handler: pg(s.handleOutboxList)},
		route{method: "GET", path: "/admin/outbox/{name}", perLang: true, access: only(catalog.RoleAdministrator), handler: pg(s.handleOutboxShow)},
		route{method: "GET", path: "/admin/trust", perLang: true, access: only(catalog.RoleAdministrator), handler: pg(s.handleTrustShow)},
		route{method: "POST", path: "/admin/trust/domains", perLang: true, access: only(catalog.RoleAdministrator), csrf: true, handler: pg(s.handleTrustDomainSet)},
		route{method: "POST", path: "/admin/trust/domains/delete", perLang: true, access: only(catalog.RoleAdministrator), csrf: true, handler: pg(s.handleTrustDomainDelete)},
		route{method: "POST", path: "/admin/trust/sources/{id}", perLang: true, access: only(catalog.RoleAdministrator), csrf: true, handler: pg(s.handleTrustSourceSet)},
		route{method: "GET", path: "/contribute", perLang: true, access: members, handler: pg(s.handleContributeChoose)},
		route{method: "GET", path: "/contribute/{kind}", perLang: true, access: members, handler: pg(s.handleContributeShow)},
		route{method: "POST", path: "/contribute/{kind}", perLang: true, access: members, csrf: true, maxBody: maxContribBytes, handler: pg(s.handleContributeSubmit)},
		route{method: "GET", path: "/editor/contributors", perLang: true, access: only(reportReaders...), handler: pg(s.handleContributorsReport)},
		route{method: "GET", path: "/editor/contributors/report.csv", perLang: true, access: only(reportReaders...), handler: pg(s.handleContributorsCSV)},
		route{method: "GET", path: "/editor/contributors/regular.csv", perLang: true, access: only(reportReaders...), handler: pg(s.handleRegularsCSV)},
	)
}

// directoryRoutes are the routes of the directory, when it is on; its
// forms and figures also need accounts.
func (s *Server) directoryRoutes(pg func(h pageFunc) func(string) http.Handler) []route {
	if s.dir == nil {
		return nil
	}
	t := []route{
		{method: "GET", path: "/directory", perLang: true, access: everyone, handler: pg(s.handleDirectoryShow)},
		{method: "GET", path: "/partners", perLang: true, access: everyone, handler: pg(s.handlePartnersShow)},
		{method: "GET", path: "/directory/organisations/{id}", perLang: true, access: everyone, handler: pg(s.handleOrganisationShow)},
	}
	if s.acct == nil {
		return t
	}
	return append(t,
		route{method: "GET", path: "/directory/people", perLang: true, access: members, handler: pg(s.handlePeopleShow)},
		route{method: "GET", path: "/directory/organisations/new", perLang: true, access: members, handler: pg(s.handleOrganisationNewShow)},
		route{method: "POST", path: "/directory/organisations/new", perLang: true, access: members, csrf: true, handler: pg(s.handleOrganisationNewSubmit)},
		// The handlers also check that the member created the entry or
		// is an editor.
		route{method: "GET", path: "/directory/organisations/{id}/edit", perLang: true, access: members, handler: pg(s.handleOrganisationEditShow)},
		route{method: "POST", path: "/directory/organisations/{id}/edit", perLang: true, access: members, csrf: true, handler: pg(s.handleOrganisationEditSubmit)},
		route{method: "POST", path: "/directory/organisations/{id}/delete", perLang: true, access: only(sourceDeciders...), csrf: true, handler: pg(s.handleOrganisationDelete)},
		route{method: "GET", path: "/admin/figures", perLang: true, access: only(sourceDeciders...), handler: pg(s.handleFiguresShow)},
	)
}

// recordingMux is a ServeMux that remembers every pattern registered on
// it, so the access test can find a route that bypassed the table.
type recordingMux struct {
	*http.ServeMux
	patterns []string
}

func (m *recordingMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *recordingMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}

// routes registers every route of the table, each behind its access check
// and, for forms, its CSRF check.
func (s *Server) routes() *recordingMux {
	mux := &recordingMux{ServeMux: http.NewServeMux()}
	for _, rt := range s.routeTable() {
		langs := []string{""}
		if rt.perLang {
			langs = s.langs
		}
		for _, lang := range langs {
			mux.Handle(rt.pattern(lang), s.guard(rt, lang, rt.handler(lang)))
		}
	}
	return mux
}

// guard lets a request through to h when its visitor may use rt and, for
// a form, when its csrf_token is valid. An anonymous visitor is sent to the
// sign-in page when a GET needs a session; every other refusal is a 403
// page.
func (s *Server) guard(rt route, lang string, h http.Handler) http.Handler {
	if !rt.access.signedIn && !rt.csrf {
		return h
	}
	pageLang := lang
	if pageLang == "" {
		pageLang = s.langs[0]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := viewerOf(r)
		if !rt.access.allows(v) {
			if v == nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
				http.Redirect(w, r, loginPath(pageLang, r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.serveError(w, r, pageLang, formatHTML, errForbidden)
			return
		}
		if rt.csrf && !s.checkCSRF(w, r, cmp.Or(rt.maxBody, maxFormBytes)) {
			s.serveError(w, r, pageLang, formatHTML, errBadCSRF)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// maxFormBytes bounds the body of a form post.
const maxFormBytes = 64 << 10

// checkCSRF parses the form of r (bounded to limit bytes) and reports whether its
// csrf_token is valid for the visitor.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, limit int64) bool {
	if s.acct == nil {
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		return false
	}
	return s.acct.csrf.Valid(s.csrfBinding(nil, r), r.PostForm.Get("csrf_token"))
}

// loginPath is the sign-in page that returns to next afterwards.
func loginPath(lang, next string) string {
	return "/" + lang + "/login?next=" + url.QueryEscape(next)
}

// safeNext returns next when it is a path on this site, else the home
// page of lang, so that ?next= cannot send a visitor elsewhere.
func safeNext(lang, next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") &&
		!strings.ContainsAny(next, "\r\n") {
		return next
	}
	return "/" + lang + "/"
}
