package portal

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// adminTrustPage is the data of admin_trust.html: the rules of email
// domains and the trust of each source, each with its form.
type adminTrustPage struct {
	formPage
	Domains []domainRow
	Sources []sourceTrustRow
	// The new-rule form, kept as typed when it fails.
	Domain string
	Note   string
	Levels []option
}

type domainRow struct {
	Domain string
	Level  string // translated
	Note   string
	Date   string
}

type sourceTrustRow struct {
	Name    string
	URL     string
	FormURL string
	Levels  []option
}

func trustOptions(loc *i18n.Locale, selected catalog.Trust) []option {
	out := make([]option, 0, len(catalog.Trusts))
	for _, t := range catalog.Trusts {
		out = append(out, option{Value: string(t), Label: loc.T("trust." + string(t)), Selected: t == selected})
	}
	return out
}

// renderTrust builds and renders the trust page; p carries the new-rule
// form as typed and its messages.
func (s *Server) renderTrust(w http.ResponseWriter, r *http.Request, lang string, status int, p adminTrustPage) error {
	loc := s.bundle.Locale(lang)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	rules, err := s.acct.store.DomainTrusts(ctx)
	if err != nil {
		return err
	}
	for _, d := range rules {
		p.Domains = append(p.Domains, domainRow{Domain: d.Domain, Level: loc.T("trust." + string(d.Trust)), Note: d.Note, Date: loc.Date(d.UpdatedAt)})
	}
	srcs, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	// One look-up per source: the page is for administrators and the
	// sources number in the hundreds.
	for _, src := range srcs {
		t, err := s.acct.store.SourceTrust(ctx, src.ID)
		if err != nil {
			return err
		}
		name := src.Name
		if name == "" {
			name = src.URL
		}
		p.Sources = append(p.Sources, sourceTrustRow{Name: name, URL: src.URL,
			FormURL: fmt.Sprintf("/%s/admin/trust/sources/%d", lang, src.ID), Levels: trustOptions(loc, t)})
	}
	return s.render(w, status, lang, "admin_trust", p)
}

func (s *Server) newTrustPage(w http.ResponseWriter, r *http.Request, lang string) adminTrustPage {
	return adminTrustPage{formPage: s.newFormPage(w, r, lang, "admin.trust.title"),
		Levels: trustOptions(s.bundle.Locale(lang), catalog.TrustBlocked)}
}

// handleTrustShow lists the domain rules and the sources' trust.
func (s *Server) handleTrustShow(w http.ResponseWriter, r *http.Request, lang string) error {
	return s.renderTrust(w, r, lang, http.StatusOK, s.newTrustPage(w, r, lang))
}

// handleTrustDomainSet stores the rule of an email domain (a new one or a
// replacement); a malformed domain comes back with its message and the
// form as typed.
func (s *Server) handleTrustDomainSet(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	p := s.newTrustPage(w, r, lang)
	level := catalog.Trust(formValue(r, "trust"))
	p.Domain, p.Note, p.Levels = formValue(r, "domain"), formValue(r, "note"), trustOptions(loc, level)
	checkText(p.Errors, loc, "domain", p.Domain, true, catalog.MaxDomainLength)
	checkText(p.Errors, loc, "note", p.Note, false, 500)
	checkChoice(p.Errors, loc, "trust", string(level), true, func(v string) bool { return catalog.Trust(v).Valid() })
	d := &catalog.DomainTrust{Domain: p.Domain, Trust: level, Note: p.Note, SetBy: viewerOf(r).user.ID}
	if len(p.Errors) == 0 {
		if err := d.Validate(); err != nil {
			p.Errors["domain"] = loc.T("admin.trust.error.domain")
		}
	}
	if len(p.Errors) > 0 {
		p.Alert = loc.T("form.error.summary")
		return s.renderTrust(w, r, lang, http.StatusUnprocessableEntity, p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.SetDomainTrust(ctx, d); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+lang+"/admin/trust", http.StatusSeeOther)
	return nil
}

// handleTrustDomainDelete removes a domain's rule; an unknown domain is a
// 404.
func (s *Server) handleTrustDomainDelete(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.DeleteDomainTrust(ctx, formValue(r, "domain")); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+lang+"/admin/trust", http.StatusSeeOther)
	return nil
}

// handleTrustSourceSet sets a source's trust; an unknown source is a 404,
// an unknown level a 400.
func (s *Server) handleTrustSourceSet(w http.ResponseWriter, r *http.Request, lang string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("source %q: %w", r.PathValue("id"), catalog.ErrNotFound)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	if err := s.acct.store.SetSourceTrust(ctx, id, catalog.Trust(formValue(r, "trust"))); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+lang+"/admin/trust", http.StatusSeeOther)
	return nil
}

// refusedSubmitter reports whether the address's domain is blocked, so
// that what its owner submits is turned away.
func (s *Server) refusedSubmitter(ctx context.Context, email string) (bool, error) {
	t, err := s.acct.store.TrustOfEmail(ctx, email)
	if err != nil {
		return false, fmt.Errorf("trust of submitter: %w", err)
	}
	return t.Refuses(), nil
}
