package portal

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"text/template"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/i18n"
)

//go:embed templates/mail/*.txt
var mailFiles embed.FS

// mailNames are the mails the portal writes; each has
// templates/mail/<name>.txt and the subject mail.<name>.subject.
var mailNames = []string{"verify", "reset", "exists", "source_approved", "source_refused",
	"source_failing", "source_recovered",

	"contribution_received", "contribution_published", "alert"}

// parseMails parses every mail template once per language, with t bound
// to it, and checks that the keys they use are in the catalogues.
func parseMails(b *i18n.Bundle) (map[string]map[string]*template.Template, error) {
	out := map[string]map[string]*template.Template{}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		out[lang] = map[string]*template.Template{}
		for _, name := range mailNames {
			t, err := template.New(name+".txt").Funcs(template.FuncMap{"t": loc.T}).
				ParseFS(mailFiles, "templates/mail/"+name+".txt")
			if err != nil {
				return nil, fmt.Errorf("mail template %s: %w", name, err)
			}
			for _, k := range []string{"mail." + name + ".subject", "mail." + name + ".text", "mail.greeting", "mail.signature"} {
				if !loc.Has(k) {
					return nil, fmt.Errorf("mail %s needs key %q, missing in %s", name, k, lang)
				}
			}
			out[lang][name] = t
		}
	}
	return out, nil
}

// mailData is what a mail template shows.
type mailData struct {
	Name   string // the recipient's
	Link   string // absolute
	Source string // the URL of the source a mail is about
	Reason string // an editor's reason, or what went wrong in words
	// About a source's health: its name, its status in words and the
	// harvester's own message.
	SourceName, Status, Detail string
	Title                      string // the title of a contribution a mail is about
	Date                       string // the day an embargoed contribution becomes public
}

// errNoBaseURL: a link to mail cannot be made safely.
var errNoBaseURL = errors.New("portal: set BaseURL to mail links from a public address: the request's Host header cannot be trusted to make them")

// sendMail writes mail name to u in u's mail language, with a link to
// path on this portal, and queues it.
func (s *Server) sendMail(ctx context.Context, r *http.Request, u *catalog.User, name, path string) error {
	return s.sendMailWith(ctx, r, u, name, path, mailData{})
}

// sendMailWith is sendMail with more to show than the name and link.
func (s *Server) sendMailWith(ctx context.Context, r *http.Request, u *catalog.User, name, path string, data mailData) error {
	link, err := s.mailLink(r, path)
	if err != nil {
		return err
	}
	data.Name, data.Link = u.Name, link
	lang := u.EmailLanguage
	if s.mails[lang] == nil {
		lang = s.langs[0]
	}
	var buf bytes.Buffer
	if err := s.mails[lang][name].Execute(&buf, data); err != nil {
		return fmt.Errorf("mail %s: %w", name, err)
	}
	m := mailer.Message{To: u.Email, ToName: u.Name, Lang: lang,
		Subject: s.bundle.Locale(lang).T("mail." + name + ".subject"), Text: buf.String()}
	if err := s.acct.mail.Enqueue(ctx, m); err != nil {
		return fmt.Errorf("queue mail %s to user %d: %w", name, u.ID, err)
	}
	return nil
}

// mailLink makes path absolute for a mail. Without a BaseURL only a
// loopback Host is trusted (the demo, tests): anyone can send any Host
// header, and a reset link to their server would hand them the token.
func (s *Server) mailLink(r *http.Request, path string) (string, error) {
	if s.base != "" {
		return s.base + path, nil
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", errNoBaseURL
	}
	return s.absURL(r, path), nil
}
