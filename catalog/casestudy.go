package catalog

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CaseStudy is what makes a document (content type "case-study") a case
// study on the hub's common template. The document carries the title,
// summary, themes, countries and language; CaseStudy the rest of the
// template, so every case study can be compared with another field by
// field.
type CaseStudy struct {
	Region       string   // region or city within the document's country
	TargetGroups []string // who the practice is for, as written
	Aims         string
	Activities   string
	Outcomes     string
	Evaluation   string // how it was evaluated, and what the evaluation found
	Budget       float64
	Currency     string // ISO 4217, e.g. "EUR"; empty when Budget is 0
	FundingBy    string // who funds it, e.g. "AMIF, City of Ghent"
	Partners     []string
	Started      time.Time // zero when unknown
	Ended        time.Time // zero while it runs or when unknown
	Contact      string    // a name, an address or a page, as published
	Links        []string  // further pages on the practice
	// Evaluated and Innovative are the publishing criteria: a case study
	// is published when it has clear goals and is evaluated, innovative
	// or both.
	Evaluated  bool
	Innovative bool
}

// Limits on case-study fields.
const (
	MaxCaseStudyField = 20000 // characters of one text field
	MaxCaseStudyList  = 50    // entries of one list field
)

// Validate checks the template's fields; errors wrap ErrInvalid and name
// the field. Which fields a contribution must fill is the form's rule,
// not this one: harvested case studies may lack some.
func (c *CaseStudy) Validate() error {
	texts := map[string]string{"region": c.Region, "aims": c.Aims, "activities": c.Activities,
		"outcomes": c.Outcomes, "evaluation": c.Evaluation, "funding": c.FundingBy, "contact": c.Contact}
	for field, s := range texts {
		if utf8.RuneCountInString(s) > MaxCaseStudyField {
			return fmt.Errorf("%w: case study %s is longer than %d characters", ErrInvalid, field, MaxCaseStudyField)
		}
	}
	lists := map[string][]string{"target groups": c.TargetGroups, "partners": c.Partners, "links": c.Links}
	for field, l := range lists {
		if len(l) > MaxCaseStudyList {
			return fmt.Errorf("%w: case study has more than %d %s", ErrInvalid, MaxCaseStudyList, field)
		}
	}
	switch {
	case c.Budget < 0:
		return fmt.Errorf("%w: case study budget is negative", ErrInvalid)
	case c.Budget > 0 && len(c.Currency) != 3:
		return fmt.Errorf("%w: case study budget has no currency (ISO 4217 code)", ErrInvalid)
	case !c.Started.IsZero() && !c.Ended.IsZero() && c.Ended.Before(c.Started):
		return fmt.Errorf("%w: case study ends before it starts", ErrInvalid)
	}
	return nil
}

// MeetsCriteria reports whether c meets the publishing criteria: clear
// goals (aims given) and evaluated or innovative.
func (c *CaseStudy) MeetsCriteria() bool {
	return strings.TrimSpace(c.Aims) != "" && (c.Evaluated || c.Innovative)
}

// key writes c for Document.Hash; "" for nil.
func (c *CaseStudy) key() string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%g|%s|%s|%s|%d|%d|%s|%s|%t|%t", c.Region,
		strings.Join(c.TargetGroups, "\x1f"), c.Aims, c.Activities, c.Outcomes, c.Evaluation,
		c.Budget, c.Currency, c.FundingBy, strings.Join(c.Partners, "\x1f"),
		c.Started.UnixMicro(), c.Ended.UnixMicro(), c.Contact, strings.Join(c.Links, "\x1f"),
		c.Evaluated, c.Innovative)
}
