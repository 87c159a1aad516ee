package portal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// outboxPage is the data of outbox.html.
type outboxPage struct {
	layout
	Enabled bool // false when mail goes to a relay: there is no outbox
	Mails   []outboxRow
}

// outboxRow is one mail in the list.
type outboxRow struct {
	URL, To, Subject, Date, DateISO string
	MailLang                        string // the language of Subject
}

// letterPage is the data of letter.html.
type letterPage struct {
	layout
	From, To, Subject, Date, DateISO, Text string
	// MailLang is the letter's language, marked on its text; the page's
	// own Lang (the layout's) is the interface language.
	MailLang string
	BackURL  string
}

// outboxLimit is how many mails the outbox page lists, newest first.
const outboxLimit = 200

// handleOutboxList lists the mail the embedded mode wrote to its outbox.
func (s *Server) handleOutboxList(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	p := outboxPage{layout: s.layout(r, lang, loc.T("admin.outbox.title")), Enabled: s.acct.outbox != nil}
	if p.Enabled {
		ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
		defer cancel()
		list, err := s.acct.outbox.List(ctx, outboxLimit)
		if err != nil {
			return err
		}
		for _, e := range list {
			p.Mails = append(p.Mails, outboxRow{
				URL: "/" + lang + "/admin/outbox/" + e.Name, To: e.To, Subject: e.Subject, MailLang: e.Lang,
				Date: loc.Date(e.Date) + " " + e.Date.Format("15:04:05"), DateISO: e.Date.Format("2006-01-02T15:04:05Z"),
			})
		}
	}
	return s.render(w, http.StatusOK, lang, "outbox", p)
}

// handleOutboxShow shows one mail of the outbox; an unknown name is a 404.
func (s *Server) handleOutboxShow(w http.ResponseWriter, r *http.Request, lang string) error {
	if s.acct.outbox == nil {
		return errNoPage
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	name := r.PathValue("name")
	l, err := s.acct.outbox.Letter(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("mail %q: %w", name, catalog.ErrNotFound)
	}
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p := letterPage{
		layout: s.layout(r, lang, l.Subject),
		From:   l.From, To: l.To, Subject: l.Subject, MailLang: l.Lang, Text: l.Text,
		Date:    loc.Date(l.Date) + " " + l.Date.Format("15:04:05"),
		DateISO: l.Date.Format("2006-01-02T15:04:05Z"),
		BackURL: "/" + lang + "/admin/outbox",
	}
	return s.render(w, http.StatusOK, lang, "letter", p)
}
