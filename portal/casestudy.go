package portal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// templateFieldKeys are the fields of the common template in the order
// every case study is shown and compared; the title heads the page or the
// column. Each has the message key casestudy.field.<key>.
var templateFieldKeys = []string{"country", "region", "themes", "target_groups", "aims", "activities",
	"outcomes", "evaluation", "budget", "funding", "partners", "duration", "contact", "links"}

// fieldView is one field of the template for one case study. Paras and
// Items are in the case study's language (Lang); Plain is in the
// interface language; NotStated is set when the case study says nothing.
type fieldView struct {
	Key       string
	Label     string
	Lang      string
	Dir       string
	Paras     []string
	Items     []string
	Links     []string
	Plain     string
	NotStated bool
}

// criteriaView says which publishing criteria a case study meets.
type criteriaView struct {
	Goals, Evaluated, Innovative bool
	Meets                        bool
}

// caseStudyView is one case study on the template.
type caseStudyView struct {
	ID       int64
	Title    string
	Lang     string
	Dir      string
	URL      string // its page on the template
	Document string // its document page
	Original string
	Summary  string
	Criteria criteriaView
	Fields   []fieldView
}

// newCaseStudyView lays d out on the template in the interface language
// of loc; d.CaseStudy may be nil (every field is then not stated).
func newCaseStudyView(loc *i18n.Locale, d *catalog.Document) caseStudyView {
	c := d.CaseStudy
	if c == nil {
		c = &catalog.CaseStudy{}
	}
	v := caseStudyView{ID: d.ID, Title: d.Title, Lang: d.Language, Dir: textDirection(d.Language),
		URL: caseStudyPath(loc.Lang(), d.ID), Document: documentPath(loc.Lang(), d.ID), Original: d.URL,
		Summary: strings.TrimSpace(d.Summary),
		Criteria: criteriaView{Goals: strings.TrimSpace(c.Aims) != "", Evaluated: c.Evaluated,
			Innovative: c.Innovative, Meets: c.MeetsCriteria()}}
	for _, key := range templateFieldKeys {
		f := fieldView{Key: key, Label: loc.T("casestudy.field." + key), Lang: d.Language, Dir: v.Dir}
		fillField(&f, loc, d, c)
		f.NotStated = len(f.Paras) == 0 && len(f.Items) == 0 && len(f.Links) == 0 && f.Plain == ""
		v.Fields = append(v.Fields, f)
	}
	return v
}

// fillField sets the value of field f.Key from d and its case study c.
func fillField(f *fieldView, loc *i18n.Locale, d *catalog.Document, c *catalog.CaseStudy) {
	switch f.Key {
	case "country":
		var names []string
		for _, cc := range d.Countries {
			names = append(names, loc.CountryName(cc))
		}
		f.Plain = strings.Join(names, ", ")
	case "region":
		f.Paras = paragraphs(c.Region)
	case "themes":
		var names []string
		for _, t := range d.Themes {
			names = append(names, loc.ThemeName(t))
		}
		f.Plain = strings.Join(names, ", ")
	case "target_groups":
		f.Items = c.TargetGroups
	case "aims":
		f.Paras = paragraphs(c.Aims)
	case "activities":
		f.Paras = paragraphs(c.Activities)
	case "outcomes":
		f.Paras = paragraphs(c.Outcomes)
	case "evaluation":
		f.Paras = paragraphs(c.Evaluation)
	case "budget":
		if c.Budget > 0 {
			f.Plain = strings.TrimSpace(loc.Number(int(c.Budget)) + " " + c.Currency)
		}
	case "funding":
		f.Paras = paragraphs(c.FundingBy)
	case "partners":
		f.Items = c.Partners
	case "duration":
		switch {
		case !c.Started.IsZero() && !c.Ended.IsZero():
			f.Plain = loc.T("casestudy.period", loc.Date(c.Started), loc.Date(c.Ended))
		case !c.Started.IsZero():
			f.Plain = loc.T("casestudy.since", loc.Date(c.Started))
		case !c.Ended.IsZero():
			f.Plain = loc.T("casestudy.until", loc.Date(c.Ended))
		}
	case "contact":
		f.Paras = paragraphs(c.Contact)
	case "links":
		for _, l := range c.Links {
			if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
				f.Links = append(f.Links, l)
			}
		}
	}
}

// caseStudyPage is the data of casestudy.html.
type caseStudyPage struct {
	layout
	Study   caseStudyView
	BackURL string
}

// errNotCaseStudy is the error of a document that is no case study.
var errNotCaseStudy = errors.New("not a case study")

// publicCaseStudy returns the public case study id.
func (s *Server) publicCaseStudy(ctx context.Context, id int64) (*catalog.Document, error) {
	d, err := s.publicDocument(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.ContentType != "case-study" {
		return nil, fmt.Errorf("document %d: %w: %w", id, errNotCaseStudy, catalog.ErrNotFound)
	}
	return d, nil
}

// handleCaseStudyShow renders one case study on the common template. An
// id that is no public case study is a 404.
func (s *Server) handleCaseStudyShow(w http.ResponseWriter, r *http.Request, lang string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: case study %q", catalog.ErrNotFound, r.PathValue("id"))
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	d, err := s.publicCaseStudy(ctx, id)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	data := caseStudyPage{layout: s.layout(r, lang, d.Title), Study: newCaseStudyView(loc, d),
		BackURL: caseStudiesPath(lang)}
	data.Current = "casestudies"
	return s.render(w, http.StatusOK, lang, "casestudy", data)
}

// Bounds of the compare page.
const (
	minCompare = 2
	maxCompare = 4
)

// Refusals of the compare page, each a 400 page saying what to do.
var (
	errCompareCount   = &refusal{status: http.StatusBadRequest, key: "error.compare.count"}
	errCompareUnknown = &refusal{status: http.StatusBadRequest, key: "error.compare.unknown"}
)

// parseCompareIDs reads the id parameters: two to four distinct positive
// numbers.
func parseCompareIDs(raw string) ([]int64, error) {
	v, err := parseValues(raw)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, s := range v["id"] {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			return nil, errCompareUnknown
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
		if len(ids) > maxCompare {
			return nil, errCompareCount
		}
	}
	if len(ids) < minCompare {
		return nil, errCompareCount
	}
	return ids, nil
}

// compareRow is one field of the template across the compared studies.
type compareRow struct {
	Key   string
	Label string
	Cells []fieldView
}

// comparePage is the data of casestudies_compare.html.
type comparePage struct {
	layout
	Caption string
	Studies []caseStudyView
	Rows    []compareRow
	BackURL string
}

// handleCaseStudiesCompare renders two to four case studies side by side,
// one row per field of the template. Fewer or more ids, or an id that is
// no public case study, is a 400 page that says so.
func (s *Server) handleCaseStudiesCompare(w http.ResponseWriter, r *http.Request, lang string) error {
	ids, err := parseCompareIDs(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	loc := s.bundle.Locale(lang)
	data := comparePage{BackURL: caseStudiesPath(lang)}
	for _, id := range ids {
		d, err := s.publicCaseStudy(ctx, id)
		if errors.Is(err, catalog.ErrNotFound) {
			return errCompareUnknown
		}
		if err != nil {
			return err
		}
		data.Studies = append(data.Studies, newCaseStudyView(loc, d))
	}
	data.layout = s.layout(r, lang, loc.T("compare.title"))
	data.Current = "casestudies"
	data.Caption = loc.T("compare.caption", loc.Number(len(ids)))
	for i, key := range templateFieldKeys {
		row := compareRow{Key: key, Label: loc.T("casestudy.field." + key)}
		for _, st := range data.Studies {
			row.Cells = append(row.Cells, st.Fields[i])
		}
		data.Rows = append(data.Rows, row)
	}
	return s.render(w, http.StatusOK, lang, "casestudies_compare", data)
}
