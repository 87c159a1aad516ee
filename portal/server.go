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
	texttemplate "text/template"
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
	// Accounts, when set, turns on registration, sign-in, profiles and the
	// pages kept for some roles; nil serves the public pages only.
	Accounts *AccountOptions
	// Sheets keeps the country information sheets; nil takes Catalog when
	// it is a SheetStore too, else the country pages show empty sheets.
	Sheets SheetStore
	// SheetMaxAge is how long a sheet section stays current after its last
	// verification; zero means catalog.DefaultSheetMaxAge.
	SheetMaxAge time.Duration
	// Directory, when set, turns on the directory of organisations and
	// people and partner search; adding and editing entries also needs
	// Accounts.
	Directory Directory
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
	mails   map[string]map[string]*texttemplate.Template // language → mail → template
	acct    *accounts                                    // nil when accounts are off
	sheets  SheetStore                                   // nil when there is none
	maxAge  time.Duration                                // of a sheet section
	dir     Directory                                    // nil when the directory is off
	mux     *recordingMux                                // every registered pattern, for the access test
	zones   zoneCache                                    // time zones of events, loaded once each
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
		sheets:  opts.Sheets,
		maxAge:  opts.SheetMaxAge,
		dir:     opts.Directory,
	}
	if s.sheets == nil {
		s.sheets, _ = opts.Catalog.(SheetStore)
	}
	s.matcher = newMatcher(s.langs)
	if s.bundle, err = i18n.Load(s.langs...); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.pages, err = parseTemplates(s.bundle); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.mails, err = parseMails(s.bundle); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.css, err = stylesheetPath(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if s.openapi, err = buildOpenAPI(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if opts.Accounts != nil {
		if s.acct, err = newAccounts(opts.Accounts); err != nil {
			return nil, err
		}
	}
	s.mux = s.routes()
	s.handler = securityHeaders(s.crossOrigin(s.withSession(s.mux)))
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

// apiRoute is one pattern of the JSON API or the machine interfaces with
// its handler; the route table (routes.go) registers them.
type apiRoute struct {
	pattern string
	handler http.Handler
}

// apiRoutes are the routes of the JSON API and the machine interfaces
// beside it; the OpenAPI test checks that the document describes every
// one under /api/v1.
func (s *Server) apiRoutes() []apiRoute {
	return []apiRoute{
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
