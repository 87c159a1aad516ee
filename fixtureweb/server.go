package fixtureweb

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"
)

// Handler returns a handler serving the whole fixture web. Absolute URLs
// in feeds, sitemaps and pages use "http://" + the request's Host as base.
// It panics if the embedded content is broken, which the package's tests
// rule out.
func Handler() http.Handler {
	return &handler{s: theSite()}
}

// Server is the fixture web listening on a real port.
type Server struct {
	url string
	srv *http.Server
	ln  net.Listener
}

// Start listens on addr (e.g. "127.0.0.1:0" for any free port) and serves
// the fixture web in the background, with URL() as the base of every
// absolute URL whatever Host a request names. It returns the listener's
// error when addr cannot be bound.
func Start(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{url: "http://" + ln.Addr().String(), ln: ln}
	s.srv = &http.Server{
		Handler:           &handler{s: theSite(), base: s.url},
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	return s, nil
}

// URL returns the server's base URL, "http://host:port" with no trailing
// slash.
func (s *Server) URL() string { return s.url }

// Close stops the server and closes open connections.
func (s *Server) Close() error { return s.srv.Close() }

type handler struct {
	s    *site
	base string // fixed base URL; empty means from the request's Host
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	base := h.base
	if base == "" {
		host := r.Host
		if host == "" {
			host = "localhost"
		}
		base = "http://" + host
	}
	body, ctype, mod, err := h.s.render(r.URL.Path, base)
	switch {
	case errors.Is(err, errNotFound):
		if p := h.s.pubBy[strings.Trim(r.URL.Path, "/")]; p != nil {
			http.Redirect(w, r, p.Home(), http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
		return
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	// ServeContent answers If-None-Match, If-Modified-Since and ranges.
	http.ServeContent(w, r, "", mod, bytes.NewReader(body))
}

var errNotFound = errors.New("not found")

// render produces the resource at path for base: its bytes, media type and
// modification time, or errNotFound.
func (s *site) render(path, base string) ([]byte, string, time.Time, error) {
	switch path {
	case "/":
		b, err := s.renderIndex(base)
		return b, "text/html; charset=utf-8", newest(s.items), err
	case "/robots.txt":
		return s.renderRobots(base), "text/plain; charset=utf-8", newest(nil), nil
	case "/sitemap.xml":
		b, err := s.renderSitemapIndex(base)
		return b, "application/xml; charset=utf-8", newest(s.items), err
	}
	if it := s.byPath[path]; it != nil {
		b, err := s.renderPage(it, base)
		return b, "text/html; charset=utf-8", it.Updated, err
	}
	for _, p := range s.pubs {
		items := s.itemsOf(p.Slug)
		switch path {
		case p.Home():
			b, err := s.renderHome(p, base)
			return b, "text/html; charset=utf-8", newest(items), err
		case p.Home() + "legal":
			b, err := s.renderLegal(p, base)
			return b, "text/html; charset=utf-8", newest(nil), err
		case p.Home() + "sitemap.xml":
			b, err := s.renderSitemap(p, base)
			return b, "application/xml; charset=utf-8", newest(items), err
		case p.Calendar:
			if p.Calendar != "" {
				return s.renderCalendar(p, base), "text/calendar; charset=utf-8", newest(items), nil
			}
		}
		for i := range p.Feeds {
			if f := &p.Feeds[i]; f.Path == path {
				b, err := s.renderFeed(p, f, base)
				return b, f.Format.MediaType() + "; charset=utf-8", newest(s.feedItems(f)), err
			}
		}
	}
	return nil, "", time.Time{}, errNotFound
}
