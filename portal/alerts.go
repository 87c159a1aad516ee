package portal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
)

// Bounds of the alerts.
const (
	alertHits  = 20  // documents one alert lists
	alertBatch = 500 // saved searches one SendAlerts call handles
)

// alertHit is one document of an alert mail.
type alertHit struct {
	Title string
	Link  string // absolute, to the document's page
}

// alertData is what templates/mail/alert.txt shows.
type alertData struct {
	Name   string // the recipient's
	Search string // the saved search's name
	Since  string // the date new documents are counted from
	Hits   []alertHit
	More   int    // documents beyond Hits
	Link   string // the search, absolute
	Manage string // the saved-searches page, absolute
}

// NewHits returns the documents that match saved search ss and were
// published since its last alert (ss.Since) and before until, newest
// first, at most alertHits of them, with their total. The filters of the
// search and its own dates apply too. An error wraps catalog.ErrInvalid
// when the saved query no longer reads.
func (s *Server) NewHits(ctx context.Context, ss *catalog.SavedSearch, until time.Time) (*catalog.Result, error) {
	q, err := parsePageQuery(ss.Query)
	if err != nil {
		return nil, fmt.Errorf("saved search %d: %w", ss.ID, err)
	}
	q.From, q.Until = ss.Since(), until.Add(-time.Microsecond)
	q.Sort, q.Offset, q.Limit = catalog.SortDate, 0, alertHits
	ctx, cancel := context.WithTimeout(ctx, catalogTimeout)
	defer cancel()
	return s.catalog.Search(ctx, q)
}

// SendAlerts mails, for every saved search whose alert is due at now, the
// documents published since its last alert, in its owner's mail language,
// through the portal's Mail; a search with nothing new sends nothing, and
// either way its next alert counts from now. Several processes may run it
// at once: each alert is claimed by one (MarkSavedSearchAlerted). Owners
// whose address is not verified get no mail. It needs BaseURL for the
// links, and returns how many mails it queued, with every failure joined.
func (s *Server) SendAlerts(ctx context.Context, now time.Time) (int, error) {
	if s.acct == nil {
		return 0, errors.New("portal: alerts need accounts")
	}
	if s.base == "" {
		return 0, errNoBaseURL
	}
	now = now.UTC().Truncate(time.Microsecond)
	due, err := s.acct.store.DueSavedSearches(ctx, now, alertBatch)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for i := range due {
		ok, err := s.sendAlert(ctx, &due[i], now)
		if err != nil {
			errs = append(errs, fmt.Errorf("alert of saved search %d: %w", due[i].ID, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// sendAlert claims and sends the alert of ss, saying whether a mail went
// out. When the mail cannot be queued, the claim is given back so that the
// next run tries again.
func (s *Server) sendAlert(ctx context.Context, ss *catalog.SavedSearch, now time.Time) (bool, error) {
	since := ss.Since()
	claimed, err := s.acct.store.MarkSavedSearchAlerted(ctx, ss.ID, since, now)
	if err != nil || !claimed {
		return false, err
	}
	sent, err := s.mailAlert(ctx, ss, now)
	if err != nil {
		if _, uerr := s.acct.store.MarkSavedSearchAlerted(ctx, ss.ID, now, since); uerr != nil {
			err = errors.Join(err, uerr)
		}
		return false, err
	}
	return sent, nil
}

// mailAlert queues the alert mail of ss when documents are new.
func (s *Server) mailAlert(ctx context.Context, ss *catalog.SavedSearch, now time.Time) (bool, error) {
	res, err := s.NewHits(ctx, ss, now)
	if errors.Is(err, catalog.ErrInvalid) {
		return false, nil // nothing can match a query that no longer reads
	}
	if err != nil || res.Total == 0 {
		return false, err
	}
	u, err := s.acct.store.User(ctx, ss.UserID)
	if err != nil || !u.Verified() {
		return false, err
	}
	lang := u.EmailLanguage
	if s.mails[lang] == nil {
		lang = s.langs[0]
	}
	loc := s.bundle.Locale(lang)
	d := alertData{Name: u.Name, Search: ss.Name, Since: loc.Date(ss.Since()), More: res.Total - len(res.Hits),
		Link: s.base + "/" + lang + "/search?" + ss.Query, Manage: s.base + searchesPath(lang)}
	for _, h := range res.Hits {
		d.Hits = append(d.Hits, alertHit{Title: h.Title, Link: s.base + documentPath(lang, h.ID)})
	}
	var buf bytes.Buffer
	if err := s.mails[lang]["alert"].Execute(&buf, d); err != nil {
		return false, fmt.Errorf("mail alert: %w", err)
	}
	m := mailer.Message{To: u.Email, ToName: u.Name, Lang: lang,
		Subject: loc.T("mail.alert.subject", ss.Name), Text: buf.String()}
	if err := s.acct.mail.Enqueue(ctx, m); err != nil {
		return false, fmt.Errorf("queue alert to user %d: %w", u.ID, err)
	}
	return true, nil
}
