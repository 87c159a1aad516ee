package portal

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/ewsi/hub/portal/i18n"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = append([]string{"home", "search", "document", "error", "events", "funding", "themes", "theme", "types", "type",
	"countries", "country",
	"directory", "partners", "organisation", "people", "organisation_form", "figures",
	"casestudies", "casestudy", "casestudies_compare"}, accountPages...)

// pageParts are the files of shared definitions a page is parsed with
// besides layout.html.
var pageParts = map[string][]string{
	"casestudy":           {"templates/casestudy_parts.html"},
	"casestudies_compare": {"templates/casestudy_parts.html"},
}

// parseTemplates parses every page once per language, with t bound to
// that language, and checks that every key the templates pass to t is in
// the catalogues.
func parseTemplates(b *i18n.Bundle) (map[string]map[string]*template.Template, error) {
	out := map[string]map[string]*template.Template{}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		out[lang] = map[string]*template.Template{}
		for _, name := range pageNames {
			t, err := template.New(name).Funcs(template.FuncMap{"t": loc.T}).
				ParseFS(templateFiles, append([]string{"templates/layout.html", "templates/" + name + ".html"}, pageParts[name]...)...)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			keys, err := templateKeys(t)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			for _, k := range keys {
				if !loc.Has(k) {
					return nil, fmt.Errorf("template %s uses key %q, missing in %s", name, k, lang)
				}
			}
			out[lang][name] = t
		}
	}
	return out, nil
}

// templateKeys returns the message keys t and its associated templates
// pass to the t function. Every call must pass a string literal, so this
// list is complete and a missing key is caught before serving.
func templateKeys(t *template.Template) ([]string, error) {
	var keys []string
	var err error
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
				if len(n.Args) < 2 {
					err = fmt.Errorf("t without a key: %s", n)
					return
				}
				s, ok := n.Args[1].(*parse.StringNode)
				if !ok {
					err = fmt.Errorf("t with a key that is not a string literal: %s", n)
					return
				}
				keys = append(keys, s.Text)
			}
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys), err
}

// render executes a page into a buffer and writes it with status, so a
// template failure never leaves half a page behind.
func (s *Server) render(w http.ResponseWriter, status int, lang, page string, data any) error {
	t := s.pages[lang][page]
	if t == nil {
		return fmt.Errorf("no template %s in %s", page, lang)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// layout is the data of the page frame every page template embeds.
type layout struct {
	Lang       string // interface language, on <html lang>
	Title      string // the page's part of <title>
	CSS        string // style sheet address
	Current    string // the nav item of this page: "home", "search" or ""
	HomeURL    string
	SearchURL  string
	ThemesURL  string
	TypesURL   string
	EventsURL  string
	FundingURL string
	// CountriesURL is the list of country information sheets.
	CountriesURL string
	// DirectoryURL is "" when the directory is off.
	DirectoryURL string
	CasesURL     string // the case studies
	Path         string // this page's path, for forms that send to it
	Atom         string // Atom feed of the page, "" when none
	// JSONLD is the page's schema.org description, marshalled by
	// encoding/json (which escapes <, > and &); "" when none.
	JSONLD     template.JS
	LatestAtom string
	Languages  []languageLink
	Account    *accountNav // nil when accounts are off
}

// languageLink is one entry of the language switcher.
type languageLink struct {
	Lang    string
	Name    string // in its own language
	URL     string // this page in that language
	Current bool
}

// layout fills the frame of a page in lang titled title.
func (s *Server) layout(r *http.Request, lang, title string) layout {
	l := layout{
		Lang:         lang,
		Title:        title,
		CSS:          s.css,
		HomeURL:      "/" + lang + "/",
		SearchURL:    "/" + lang + "/search",
		ThemesURL:    "/" + lang + "/themes",
		TypesURL:     "/" + lang + "/types",
		EventsURL:    "/" + lang + "/events",
		FundingURL:   "/" + lang + "/funding",
		CountriesURL: "/" + lang + "/countries",
		CasesURL:     caseStudiesPath(lang),
		Path:         r.URL.Path,
		LatestAtom:   "/" + lang + "/search/atom?sort=date",
	}
	if s.dir != nil {
		l.DirectoryURL = "/" + lang + "/directory"
	}
	l.Account = s.accountNav(r, lang)
	// The same page in another language: swap the prefix, keep the rest.
	rest := "/"
	if cur, ok := s.pathLanguage(r.URL.Path); ok {
		rest = strings.TrimPrefix(r.URL.Path, "/"+cur)
		if rest == "" {
			rest = "/"
		}
		if r.URL.RawQuery != "" {
			rest += "?" + r.URL.RawQuery
		}
	}
	for _, other := range s.langs {
		l.Languages = append(l.Languages, languageLink{
			Lang:    other,
			Name:    s.bundle.Locale(other).T("language.self"),
			URL:     "/" + other + rest,
			Current: other == lang,
		})
	}
	return l
}

// errorPage is the data of error.html.
type errorPage struct {
	layout
	Heading string
	Text    string
}
