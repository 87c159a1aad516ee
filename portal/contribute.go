package portal

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// Contributions by registered users: the forms under /{lang}/contribute,
// the acknowledgement mails and the credit on the item. A contribution is
// a document of the one contributions source (catalog.KindContributions,
// never harvested) with ContributorID set, plus a catalog.Contribution
// that keeps the credit choice, the English summary and which
// acknowledgements were mailed.

// maxContribBytes bounds a contribution form's body: a case study's
// fields in a script that URL-encodes to nine bytes a character need more
// than other forms.
const maxContribBytes = 1 << 20

// contribKind reads the {kind} of the address; an unknown one is a 404.
func contribKind(r *http.Request) (catalog.ContributionKind, error) {
	k := catalog.ContributionKind(r.PathValue("kind"))
	if !k.Valid() {
		return "", errNoPage
	}
	return k, nil
}

// contribChooserPage is the data of contribute_choose.html.
type contribChooserPage struct {
	layout
	Kinds []contribKindLink
}

type contribKindLink struct {
	URL, Label, Text string
}

// handleContributeChoose lists what a user may contribute.
func (s *Server) handleContributeChoose(w http.ResponseWriter, r *http.Request, lang string) error {
	loc := s.bundle.Locale(lang)
	p := contribChooserPage{layout: s.layout(r, lang, loc.T("contribute.title"))}
	for _, k := range catalog.ContributionKinds {
		p.Kinds = append(p.Kinds, contribKindLink{URL: "/" + lang + "/contribute/" + string(k),
			Label: loc.T("contribute.kind." + string(k)), Text: loc.T("contribute.kind." + string(k) + ".text")})
	}
	return s.render(w, http.StatusOK, lang, "contribute_choose", p)
}

// contribPage is the data of contribute.html.
type contribPage struct {
	formPage
	Heading  string
	Criteria []string
	Groups   []contribGroupView
	BackURL  string
}

type contribGroupView struct {
	Legend string
	Fields []contribFieldView
}

// contribFieldView is one field as the template draws it.
type contribFieldView struct {
	Name, Type, Label, Hint string
	Value                   string
	Required, Checked       bool
	Error                   string
	Described               string // aria-describedby: the hint's and the error's ids
	Options                 []option
	Boxes                   []checkbox
}

// newContribPage builds the form of f with its messages.
func (s *Server) newContribPage(w http.ResponseWriter, r *http.Request, lang string, f *contribForm, errs fieldErrors) contribPage {
	loc := s.bundle.Locale(lang)
	p := contribPage{formPage: s.newFormPage(w, r, lang, "contribute.kind."+string(f.Kind)),
		Heading: loc.T("contribute.heading", loc.T("contribute.kind."+string(f.Kind))), BackURL: "/" + lang + "/contribute"}
	if errs != nil {
		p.Errors = errs
	}
	p.Criteria = criteria(loc, f.Kind)
	for _, g := range contribGroups(f.Kind) {
		gv := contribGroupView{Legend: loc.T("contribute.group." + g.name)}
		for _, fs := range g.fields {
			gv.Fields = append(gv.Fields, s.contribFieldView(loc, f, fs, p.Errors[fs.name]))
		}
		p.Groups = append(p.Groups, gv)
	}
	return p
}

// criteria are the publishing criteria of kind k, as the form shows them.
func criteria(loc *i18n.Locale, k catalog.ContributionKind) []string {
	if k == catalog.ContributeCaseStudy {
		return []string{loc.T("contribute.criteria.goals"), loc.T("contribute.criteria.evaluated"),
			loc.T("contribute.criteria.relevant"), loc.T("contribute.criteria.review")}
	}
	return []string{loc.T("contribute.criteria.relevant"), loc.T("contribute.criteria.clear"),
		loc.T("contribute.criteria.own"), loc.T("contribute.criteria.review")}
}

// contribHints are the fields that carry a hint under their label.
var contribHints = []string{"summary_en", "target_groups", "partners", "links", "evaluated", "innovative",
	"credit", "currency", "budget", "text", "eligible", "aims", "evaluation"}

func (s *Server) contribFieldView(loc *i18n.Locale, f *contribForm, fs fieldSpec, errMsg string) contribFieldView {
	v := contribFieldView{Name: fs.name, Type: fs.typ, Label: loc.T("contribute.field." + fs.name),
		Value: f.get(fs.name), Required: fs.required, Checked: f.on(fs.name), Error: errMsg}
	if slices.Contains(contribHints, fs.name) {
		v.Hint = loc.T("contribute.hint." + fs.name)
	}
	var ids []string
	if v.Hint != "" {
		ids = append(ids, fs.name+"-hint")
	}
	if errMsg != "" {
		ids = append(ids, fs.name+"-error")
	}
	v.Described = strings.Join(ids, " ")
	chosen := f.lists[fs.name]
	switch fs.name {
	case "language":
		for _, l := range catalog.EULanguages {
			v.Options = append(v.Options, option{Value: l, Label: loc.LanguageName(l), Selected: l == v.Value})
		}
	case "country":
		v.Options = countryOptions(loc, v.Value)
	case "eligible":
		for _, c := range catalog.Countries {
			v.Options = append(v.Options, option{Value: c.Slug, Label: loc.CountryName(c.Slug), Selected: slices.Contains(chosen, c.Slug)})
		}
	case "content_type":
		for _, t := range catalog.DocumentContentTypes {
			v.Options = append(v.Options, option{Value: t, Label: loc.TypeName(t), Selected: t == v.Value})
		}
	case "time_zone":
		for _, z := range eventZones {
			v.Options = append(v.Options, option{Value: z, Label: z, Selected: z == v.Value})
		}
	case "themes":
		for _, t := range catalog.Themes {
			v.Boxes = append(v.Boxes, checkbox{Value: t.Slug, Label: loc.ThemeName(t.Slug), Checked: slices.Contains(chosen, t.Slug)})
		}
	}
	return v
}

// handleContributeShow shows the empty form of a kind.
func (s *Server) handleContributeShow(w http.ResponseWriter, r *http.Request, lang string) error {
	k, err := contribKind(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, lang, "contribute", s.newContribPage(w, r, lang, newContribForm(k), nil))
}

// handleContributeSubmit checks a contribution and stores it: published at
// once when the contributor's email domain is trusted (or they are an
// editor), else pending in the review queue. Mistakes come back per field
// with everything typed; a blocked domain is refused (403); too many
// submissions are refused (429). The contributor is acknowledged by mail.
func (s *Server) handleContributeSubmit(w http.ResponseWriter, r *http.Request, lang string) error {
	k, err := contribKind(r)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	v := viewerOf(r)
	f := parseContribForm(k, r.PostForm)
	errs := f.check(loc)
	if len(errs) > 0 {
		p := s.newContribPage(w, r, lang, f, errs)
		p.Alert = loc.T("form.error.summary")
		return s.render(w, http.StatusUnprocessableEntity, lang, "contribute", p)
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	trust, err := s.acct.store.TrustOfEmail(ctx, v.user.Email)
	if err != nil {
		return err
	}
	if trust.Refuses() {
		p := s.newContribPage(w, r, lang, f, nil)
		p.Alert = loc.T("trust.error.blocked")
		return s.render(w, http.StatusForbidden, lang, "contribute", p)
	}
	if err := limited(s.acct.limits.Submit, fmt.Sprint("user:", v.user.ID)); err != nil {
		return err
	}
	src, err := s.acct.store.ContributionSource(ctx)
	if err != nil {
		return err
	}
	d, c := f.document(src.ID, v.user.ID, "contribution/"+rand.Text())
	d.State = catalog.StatePending
	if trust.PublishesAtOnce() || v.has(catalog.RoleEditor, catalog.RoleAdministrator) {
		d.State = catalog.StatePublished
	}
	if err := s.acct.store.SubmitContribution(ctx, d, c); err != nil {
		if errors.Is(err, catalog.ErrInvalid) {
			p := s.newContribPage(w, r, lang, f, nil)
			p.Alert = loc.T("contribute.error.rejected")
			return s.render(w, http.StatusUnprocessableEntity, lang, "contribute", p)
		}
		return err
	}
	if err := s.acknowledgeReceipt(ctx, r, v.user, d); err != nil {
		return err
	}
	n := notice{TitleKey: "contribute.thanks.title", Text: loc.T("contribute.thanks.pending"),
		LinkURL: "/" + lang + "/profile", LinkLabel: loc.T("contribute.mine")}
	if d.State == catalog.StatePublished {
		n.Text, n.LinkURL, n.LinkLabel = loc.T("contribute.thanks.published"), fmt.Sprintf("/%s/documents/%d", lang, d.ID), d.Title
	}
	return s.renderNotice(w, r, lang, http.StatusOK, n)
}

// acknowledgeReceipt mails the contributor that d was received (or, when
// it was published at once, that it is online), once.
func (s *Server) acknowledgeReceipt(ctx context.Context, r *http.Request, u *catalog.User, d *catalog.Document) error {
	first, err := s.acct.store.MarkContributionAcknowledged(ctx, d.ID, catalog.AckReceived, s.now())
	if err != nil || !first {
		return err
	}
	if d.State == catalog.StatePublished {
		if _, err := s.acct.store.MarkContributionAcknowledged(ctx, d.ID, catalog.AckPublished, s.now()); err != nil {
			return err
		}
		return s.sendMailWith(ctx, r, u, "contribution_published", docPath(u, d.ID), mailData{Title: d.Title})
	}
	return s.sendMailWith(ctx, r, u, "contribution_received", "/"+mailLang(u)+"/profile", mailData{Title: d.Title})
}

// mailLang is the interface language of u's mails.
func mailLang(u *catalog.User) string {
	if slices.Contains(catalog.InterfaceLanguages, u.EmailLanguage) {
		return u.EmailLanguage
	}
	return catalog.InterfaceLanguages[0]
}

// docPath is the page of document id in u's mail language.
func docPath(u *catalog.User, id int64) string {
	return fmt.Sprintf("/%s/documents/%d", mailLang(u), id)
}

// acknowledgePublication mails the contributors of the documents an
// editor just published that their item is online (or will be, on the
// embargo date), each at most once whoever publishes it again.
func (s *Server) acknowledgePublication(ctx context.Context, r *http.Request, c *catalog.StateChange) error {
	if c.State != catalog.StatePublished {
		return nil
	}
	for _, id := range c.IDs {
		d, err := s.catalog.Document(ctx, id)
		if err != nil {
			return err
		}
		if d.ContributorID == 0 {
			continue
		}
		first, err := s.acct.store.MarkContributionAcknowledged(ctx, id, catalog.AckPublished, s.now())
		if errors.Is(err, catalog.ErrNotFound) {
			continue // a contributor without a contribution record: nothing to acknowledge
		}
		if err != nil || !first {
			if err != nil {
				return err
			}
			continue
		}
		u, err := s.acct.store.User(ctx, d.ContributorID)
		if errors.Is(err, catalog.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		data := mailData{Title: d.Title}
		if !c.Embargo.IsZero() && c.Embargo.After(s.now()) {
			data.Date = s.bundle.Locale(mailLang(u)).Date(c.Embargo)
		}
		if err := s.sendMailWith(ctx, r, u, "contribution_published", docPath(u, id), data); err != nil {
			return err
		}
	}
	return nil
}

// contribCredit fills the credit and English summary of a contributed
// document's page: "Contributed by NAME, ORGANISATION" unless the
// contributor opted out.
func (s *Server) contribCredit(ctx context.Context, loc *i18n.Locale, d *catalog.Document, p *documentPage) error {
	if s.acct == nil || d.ContributorID == 0 {
		return nil
	}
	c, err := s.acct.store.Contribution(ctx, d.ID)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	p.SummaryEN = c.SummaryEN
	if !c.Credit {
		return nil
	}
	u, err := s.acct.store.User(ctx, c.UserID)
	if errors.Is(err, catalog.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	p.Credit = loc.T("contribute.credit", u.Name)
	if u.Organisation != "" {
		p.Credit = loc.T("contribute.credit.organisation", u.Name, u.Organisation)
	}
	return nil
}

// contribRow is one of the visitor's contributions on their profile.
type contribRow struct {
	Title, Lang, Kind string
	State, StateClass string
	Date, DateISO     string
	URL               string // the public page, once published
}

// myContributions lists u's contributions for their profile.
func (s *Server) myContributions(ctx context.Context, loc *i18n.Locale, lang string, u *catalog.User) ([]contribRow, error) {
	list, err := s.acct.store.ContributionsByUser(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	rows := make([]contribRow, 0, len(list))
	for _, it := range list {
		row := contribRow{Title: it.Title, Lang: it.Language, Kind: loc.T("contribute.kind." + string(it.Kind)),
			State: loc.T("contribute.state." + string(it.State)), StateClass: string(it.State),
			Date: loc.Date(it.Submitted), DateISO: it.Submitted.Format("2006-01-02")}
		if catalog.Visible(it.State, it.Embargo, s.now()) {
			row.URL = fmt.Sprintf("/%s/documents/%d", lang, it.DocumentID)
		} else if it.State == catalog.StatePublished {
			row.State = loc.T("contribute.state.embargo", loc.Date(it.Embargo))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// contributorLabel names a contributor for editors: name, organisation
// and address, whatever they chose for the public credit.
func (s *Server) contributorLabel(ctx context.Context, userID int64) (string, error) {
	u, err := s.acct.store.User(ctx, userID)
	if errors.Is(err, catalog.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	label := u.Name
	if u.Organisation != "" {
		label += ", " + u.Organisation
	}
	return label + " <" + u.Email + ">", nil
}

// documentOrPreview returns document id when it is public; to an editor
// who may review it (a coordinator: of their countries) it returns it
// whatever its state, with preview set when it is not public, so that a
// contribution can be read in full before it is published.
func (s *Server) documentOrPreview(ctx context.Context, v *viewer, id int64) (*catalog.Document, bool, error) {
	d, err := s.publicDocument(ctx, id)
	if err == nil || !errors.Is(err, catalog.ErrNotFound) || !v.has(sourceDeciders...) {
		return d, false, err
	}
	d, err = s.catalog.Document(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if !mayReview(v, d) {
		return nil, false, fmt.Errorf("document %d is not public: %w", id, catalog.ErrNotFound)
	}
	return d, true, nil
}
