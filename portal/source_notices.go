package portal

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	texttemplate "text/template"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/i18n"
)

// NoticeStore is what SourceNotices reads: who proposed a source, and
// their account.
type NoticeStore interface {
	SourceOwners(ctx context.Context, sourceID int64) ([]catalog.SourceRegistration, error)
	User(ctx context.Context, id int64) (*catalog.User, error)
}

// SourceNotices mails the owners of a source when it starts failing (and,
// for those who asked, when it recovers), each in their mail language,
// with what went wrong in words and a link to their sources page. cmd
// hands it to the harvester as its Notifier; it works without a Server,
// in a worker process too.
type SourceNotices struct {
	store NoticeStore
	mail  Mail
	base  string
	langs []string
	locs  *i18n.Bundle
	mails map[string]map[string]*texttemplate.Template
	log   *slog.Logger
}

// NewSourceNotices returns SourceNotices that queue mail through m. base
// is the portal's public address, which mail links start with; when empty
// the links are paths, and a warning says so. log may be nil.
func NewSourceNotices(store NoticeStore, m Mail, base string, log *slog.Logger) (*SourceNotices, error) {
	if store == nil || m == nil {
		return nil, errors.New("portal: source notices need a store and a mail queue")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b, err := parseBaseURL(base)
	if err != nil {
		return nil, err
	}
	n := &SourceNotices{store: store, mail: m, base: b, langs: catalog.InterfaceLanguages,
		log: log.With("component", "notices")}
	if n.locs, err = i18n.Load(n.langs...); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if n.mails, err = parseMails(n.locs); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if b == "" {
		n.log.Warn("no base URL: mails about failing sources carry paths, not links")
	}
	return n, nil
}

// errorClasses are the classes explained in words; others read as "other".
var errorClasses = []catalog.ErrorClass{catalog.ErrNetwork, catalog.ErrServer, catalog.ErrBlocked,
	catalog.ErrMissing, catalog.ErrGone, catalog.ErrParse, catalog.ErrRefused, catalog.ErrClient, catalog.ErrTimeout}

// SourceStatusChanged queues one mail to each owner of c's source whose
// policy wants c. A source nobody proposed mails no one. It stops at the
// first error, which wraps the store's or the queue's.
func (n *SourceNotices) SourceStatusChanged(ctx context.Context, c catalog.StatusChange) error {
	owners, err := n.store.SourceOwners(ctx, c.SourceID)
	if err != nil {
		return fmt.Errorf("notice of source %d: %w", c.SourceID, err)
	}
	name := "source_failing"
	if c.Recovered() {
		name = "source_recovered"
	}
	for _, g := range owners {
		if !g.Notify.Wants(c) {
			continue
		}
		u, err := n.store.User(ctx, g.OwnerID)
		if errors.Is(err, catalog.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("notice of source %d: %w", c.SourceID, err)
		}
		if err := n.send(ctx, u, name, c); err != nil {
			return fmt.Errorf("notice of source %d: %w", c.SourceID, err)
		}
	}
	return nil
}

// send writes mail name about c to u in u's mail language and queues it.
func (n *SourceNotices) send(ctx context.Context, u *catalog.User, name string, c catalog.StatusChange) error {
	lang := u.EmailLanguage
	if n.mails[lang] == nil {
		lang = n.langs[0]
	}
	loc := n.locs.Locale(lang)
	class := "other"
	for _, k := range errorClasses {
		if c.Class == k {
			class = string(k)
		}
	}
	data := mailData{Name: u.Name, Link: n.base + "/" + lang + "/sources/mine", Source: c.URL,
		SourceName: c.Name, Status: termOr(loc, "status."+string(c.To), string(c.To)), Detail: c.Err}
	if c.Failed() {
		data.Reason = loc.T("mail.source_failing.class." + class)
	}
	var buf bytes.Buffer
	if err := n.mails[lang][name].Execute(&buf, data); err != nil {
		return fmt.Errorf("mail %s: %w", name, err)
	}
	m := mailer.Message{To: u.Email, ToName: u.Name, Lang: lang,
		Subject: loc.T("mail."+name+".subject", cmp.Or(c.Name, c.URL)), Text: buf.String()}
	if err := n.mail.Enqueue(ctx, m); err != nil {
		return fmt.Errorf("queue mail %s to user %d: %w", name, u.ID, err)
	}
	return nil
}
