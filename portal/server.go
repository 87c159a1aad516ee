package portal

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
	"golang.org/x/text/language"
)

// Catalog is what the portal reads; cmd passes a store (SQLite or
// PostgreSQL). Document returns an error wrapping catalog.ErrNotFound for
// an unknown id; Search returns one wrapping catalog.ErrInvalid for a
// query the store refuses.
type Catalog interface {
	Search(ctx context.Context, q catalog.Query) (*catalog.Result, error)
	Document(ctx context.Context, id int64) (*catalog.Document, error)
	Sources(ctx context.Context) ([]catalog.Source, error)
	Ping(ctx context.Context) error
}

// Options configure a Server.
type Options struct {
	// Catalog is required.
	Catalog Catalog
	// Logger receives one record per failed request (status 500) and per
	// failed health check; nil discards them.
	Logger *slog.Logger
	// BaseURL is the absolute address the portal is published at, such as
	// "https://hub.example.eu" (a path prefix is allowed). It makes the
	// absolute links of Atom feeds. Empty means the scheme and Host of each
	// request, which is right behind no proxy or a proxy that keeps Host.
	BaseURL string
	// AdminEmail is the address the OAI-PMH Identify response gives for
	// the repository's administrator; empty means webmaster@ the portal's
	// host.
	AdminEmail string
}

// Timeouts of the catalog calls, set here so a slow store cannot hold a
// request open for ever.
const (
	catalogTimeout = 10 * time.Second
	pingTimeout    = 2 * time.Second
)

// Server serves the portal. Build it with New; it is safe for concurrent use.
type Server struct {
	catalog Catalog
	log     *slog.Logger
	base    string // BaseURL without its trailing slash; "" when unset
	admin   string // AdminEmail
	langs   []string
	matcher language.Matcher
	bundle  *i18n.Bundle
	pages   map[string]map[string]*template.Template // language → page → template
	css     string                                   // versioned path of the style sheet
	openapi []byte                                   // the OpenAPI document, built once
	now     func() time.Time
	zones   zoneCache // time zones of events, loaded once each
	handler http.Handler
}

// New builds a Server: it loads the message catalogues, parses and checks
// every template in every language and registers the routes. It returns an
// error when the options are incomplete or when an embedded template or
// catalogue is broken (a syntax error, a translation key missing in one
// language).
func New(opts Options) (*Server, error) {
	if opts.Catalog == nil {
		return nil, fmt.Errorf("portal: Options.Catalog is required")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	base, err := parseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	s := &Server{
		catalog: opts.Catalog,
		log:     log.With("component", "portal"),
		base:    base,
		admin:   opts.AdminEmail,
		langs:   catalog.InterfaceLanguages,
		now:     time.Now,
	}
	s.matcher = newMatcher(s.langs)
	if s.bundle, err = i18n.Load(s.langs...); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.pages, err = parseTemplates(s.bundle); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.css, err = stylesheetPath(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.openapi, err = buildOpenAPI(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	s.handler = securityHeaders(s.routes())
	return s, nil
}

func parseBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("portal: BaseURL %q must be an absolute http(s) address without query", raw)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// Handler returns the portal's HTTP handler, with the security headers
// set on every response.
func (s *Server) Handler() http.Handler { return s.handler }

// routes registers every route. Pages are registered once per interface
// language with the language literal in the pattern, so an unknown prefix
// never reaches a page handler and falls to the 404 page.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", http.HandlerFunc(s.handleHealthCheck))
	mux.Handle("GET /{$}", http.HandlerFunc(s.handleRootRedirect))
	mux.Handle("GET /static/", staticHandler())
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	for _, lang := range s.langs {
		mux.Handle("GET /"+lang, http.RedirectHandler("/"+lang+"/", http.StatusMovedPermanently))
		mux.Handle("GET /"+lang+"/{$}", s.page(lang, s.handleHomeShow))
		mux.Handle("GET /"+lang+"/search", s.page(lang, s.handleSearchShow))
		mux.Handle("GET /"+lang+"/search/atom", s.page(lang, s.handleSearchAtom))
		mux.Handle("GET /"+lang+"/search/ics", s.page(lang, s.handleSearchCalendar))
		mux.Handle("GET /"+lang+"/documents/{id}/ics", s.page(lang, s.handleDocumentCalendar))
		mux.Handle("GET /"+lang+"/documents/{id}", s.page(lang, s.handleDocumentShow))
		mux.Handle("GET /"+lang+"/events", s.page(lang, s.handleEventsShow))
		mux.Handle("GET /"+lang+"/events/ics", s.page(lang, s.handleEventsCalendar))
		mux.Handle("GET /"+lang+"/themes", s.page(lang, s.handleThemeList))
		mux.Handle("GET /"+lang+"/themes/{slug}", s.page(lang, s.handleThemeShow))
		mux.Handle("GET /"+lang+"/types", s.page(lang, s.handleTypeList))
		mux.Handle("GET /"+lang+"/types/{slug}", s.page(lang, s.handleTypeShow))
		mux.Handle("GET /"+lang+"/funding", s.page(lang, s.handleFundingShow))
		mux.Handle("GET /"+lang+"/funding/closed", s.page(lang, s.handleFundingClosed))
	}
	mux.Handle("GET /robots.txt", s.plain(s.handleRobots))
	mux.Handle("GET /sitemap.xml", s.plain(s.handleSitemapIndex))
	mux.Handle("GET /sitemaps/pages.xml", s.plain(s.handleSitemapPages))
	mux.Handle("GET /sitemaps/{file}", s.plain(s.handleSitemapDocuments))
	mux.Handle("GET /oai", s.plain(s.handleOAIRequest))
	mux.Handle("POST /oai", s.plain(s.handleOAIRequest))
	mux.Handle("GET /", http.HandlerFunc(s.handleNotFound))
	return mux
}

// route is one pattern of the mux with its handler.
type route struct {
	pattern string
	handler http.Handler
}

// apiRoutes are the routes of the JSON API and the machine interfaces
// beside it; the OpenAPI test checks that the document describes every
// one under /api/v1.
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET /api/v1/search", s.api(s.handleAPISearch)},
		{"POST /api/v1/search", s.api(s.handleAPISearchPost)},
		{"OPTIONS /api/v1/search", s.api(s.handleAPISearchPreflight)},
		{"GET /api/v1/search.ics", s.api(s.handleAPISearchCalendar)},
		{"GET /api/v1/documents/{id}", s.api(s.handleAPIDocumentShow)},
		{"GET /api/v1/sources", s.api(s.handleAPISourceList)},
		{"GET /api/v1/openapi.json", s.api(s.handleAPIOpenAPI)},
	}
}

// pageFunc is a handler of a page in one interface language.
type pageFunc func(w http.ResponseWriter, r *http.Request, lang string) error

// page adapts a pageFunc, rendering its error as a page in lang.
func (s *Server) page(lang string, h pageFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r, lang); err != nil {
			s.serveError(w, r, lang, formatHTML, err)
		}
	})
}

// api adapts a JSON handler, rendering its error as JSON.
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, "en", formatJSON, err)
		}
	})
}

// plain adapts a handler of a machine-readable resource (OAI-PMH,
// sitemaps, robots.txt), rendering its error as an English page.
func (s *Server) plain(h func(w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, "en", formatHTML, err)
		}
	})
}

// absURL makes path (starting with "/") absolute, from BaseURL or else
// from the request.
func (s *Server) absURL(r *http.Request, path string) string {
	if s.base != "" {
		return s.base + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
