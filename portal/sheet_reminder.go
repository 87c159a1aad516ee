package portal

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/mailer"
	"github.com/ewsi/hub/portal/i18n"
)

// ReminderStore is what the sheet reminder needs of the catalog; cmd
// passes the store. See catalogtest.Sheets.
type ReminderStore interface {
	ClaimSheetReminders(ctx context.Context, countries []string, verifiedBefore, at time.Time) ([]catalog.SheetSection, error)
	UsersByRole(ctx context.Context, roles ...catalog.Role) ([]catalog.User, error)
}

// ReminderOptions configure a SheetReminder.
type ReminderOptions struct {
	// Store and Mail are required.
	Store ReminderStore
	Mail  Mail
	// BaseURL is the portal's public address, which the mails link to;
	// required.
	BaseURL string
	// MaxAge is how long a section stays current; zero means
	// catalog.DefaultSheetMaxAge.
	MaxAge time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// SheetReminder mails the people who look after a country sheet when its
// sections grow old: the country's coordinators or, when it has none, the
// editors. Each stale period of a section is reminded once (the store
// claims it), however often and on however many nodes Remind runs.
type SheetReminder struct {
	opts   ReminderOptions
	base   string
	bundle *i18n.Bundle
	mails  map[string]*template.Template // language → sheet_reminder.txt
}

// NewSheetReminder checks the options and parses the mail in every
// interface language.
func NewSheetReminder(o ReminderOptions) (*SheetReminder, error) {
	if o.Store == nil || o.Mail == nil {
		return nil, fmt.Errorf("portal: the sheet reminder needs a store and a mail queue")
	}
	base, err := parseBaseURL(o.BaseURL)
	if err != nil || base == "" {
		return nil, fmt.Errorf("portal: the sheet reminder needs the portal's absolute address to link to, not %q", o.BaseURL)
	}
	if o.MaxAge <= 0 {
		o.MaxAge = catalog.DefaultSheetMaxAge
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	b, err := i18n.Load(catalog.InterfaceLanguages...)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	r := &SheetReminder{opts: o, base: base, bundle: b, mails: map[string]*template.Template{}}
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		t, err := template.New("sheet_reminder.txt").Funcs(template.FuncMap{"t": loc.T}).
			ParseFS(mailFiles, "templates/mail/sheet_reminder.txt")
		if err != nil {
			return nil, fmt.Errorf("mail template sheet_reminder: %w", err)
		}
		r.mails[lang] = t
	}
	return r, nil
}

// reminderData is what sheet_reminder.txt shows.
type reminderData struct {
	Name   string
	MaxAge string
	Items  []reminderItem
	Link   string // the editors' list of sections to review
}

type reminderItem struct {
	Country, Section, Verified, Link string
}

// Remind claims the sections that grew old since the last run and queues
// one mail per person who looks after them, listing their sections. It
// returns how many mails it queued. A failure to queue is returned after
// the other mails are queued; the sections of that mail stay claimed, so
// they are not reminded again in this stale period.
func (r *SheetReminder) Remind(ctx context.Context) (int, error) {
	now := r.opts.Now().UTC()
	users, err := r.opts.Store.UsersByRole(ctx, catalog.RoleCountryCoordinator, catalog.RoleEditor)
	if err != nil {
		return 0, err
	}
	// Only the countries someone is reminded of are claimed: a section of
	// a country nobody looks after yet waits for its first editor.
	var countries []string
	for _, c := range catalog.SheetCountries() {
		if len(recipientsOf(c, users)) > 0 {
			countries = append(countries, c)
		}
	}
	if len(countries) == 0 {
		return 0, nil
	}
	secs, err := r.opts.Store.ClaimSheetReminders(ctx, countries, now.Add(-r.opts.MaxAge), now)
	if err != nil || len(secs) == 0 {
		return 0, err
	}
	byUser := map[int64][]catalog.SheetSection{}
	var order []catalog.User
	for _, sec := range secs {
		for _, u := range recipientsOf(sec.Country, users) {
			if _, seen := byUser[u.ID]; !seen {
				order = append(order, u)
			}
			byUser[u.ID] = append(byUser[u.ID], sec)
		}
	}
	sent := 0
	var errs []error
	for _, u := range order {
		if err := r.mail(ctx, &u, byUser[u.ID]); err != nil {
			errs = append(errs, err)
			continue
		}
		sent++
	}
	if len(errs) > 0 {
		return sent, fmt.Errorf("sheet reminders: %w", errs[0])
	}
	return sent, nil
}

// recipientsOf picks who is reminded of a country's sections: its
// coordinators, else every editor; only confirmed addresses.
func recipientsOf(country string, users []catalog.User) []catalog.User {
	var coords, editors []catalog.User
	for _, u := range users {
		switch {
		case !u.Verified():
		case u.Role == catalog.RoleCountryCoordinator && slices.Contains(u.Countries, country):
			coords = append(coords, u)
		case u.Role == catalog.RoleEditor:
			editors = append(editors, u)
		}
	}
	if len(coords) > 0 {
		return coords
	}
	return editors
}

// mail writes and queues the reminder of secs to u, in u's language.
func (r *SheetReminder) mail(ctx context.Context, u *catalog.User, secs []catalog.SheetSection) error {
	lang := u.EmailLanguage
	if r.mails[lang] == nil {
		lang = catalog.InterfaceLanguages[0]
	}
	loc := r.bundle.Locale(lang)
	data := reminderData{Name: u.Name, MaxAge: maxAgeWords(loc, r.opts.MaxAge), Link: r.base + "/" + lang + "/editor/countries"}
	for _, sec := range secs {
		data.Items = append(data.Items, reminderItem{Country: loc.CountryName(sec.Country),
			Section: loc.T("sheet.section." + sec.Section), Verified: loc.Date(sec.VerifiedAt),
			Link: r.base + editCountryPath(lang, sec.Country) + "#edit-" + sec.Section})
	}
	var buf bytes.Buffer
	if err := r.mails[lang].Execute(&buf, data); err != nil {
		return fmt.Errorf("mail sheet_reminder: %w", err)
	}
	m := mailer.Message{To: u.Email, ToName: u.Name, Lang: lang,
		Subject: loc.T("mail.sheet_reminder.subject"), Text: strings.TrimSpace(buf.String()) + "\n"}
	if err := r.opts.Mail.Enqueue(ctx, m); err != nil {
		return fmt.Errorf("queue the sheet reminder to user %d: %w", u.ID, err)
	}
	return nil
}
