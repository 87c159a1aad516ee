package portal

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// fieldSpec is one field of a contribution form.
type fieldSpec struct {
	name     string
	typ      string // text, textarea, lines, date, time, number, url, select, multiselect, checkbox, checkboxes
	required bool
	max      int // characters (lines: entries); 0 for choices
}

// Limits of the contribution forms, in characters.
const (
	maxContribTitle = 300
	maxContribShort = 500
	maxContribLong  = 5000
	maxContribBody  = 20000
	maxContribLines = catalog.MaxCaseStudyList
)

// contribGroups lists, per kind, the fieldsets of its form and their
// fields, in order. Every kind starts with what the item is and ends with
// the credit.
func contribGroups(k catalog.ContributionKind) []contribGroup {
	about := contribGroup{"about", []fieldSpec{
		{"title", "text", true, maxContribTitle},
		{"language", "select", true, 0},
		{"summary", "textarea", true, 2000},
		{"summary_en", "textarea", false, catalog.MaxSummaryEN},
	}}
	where := contribGroup{"classification", []fieldSpec{
		{"country", "select", k == catalog.ContributeCaseStudy, 0},
		{"themes", "checkboxes", false, 0},
	}}
	credit := contribGroup{"credit", []fieldSpec{{"credit", "checkbox", false, 0}}}
	switch k {
	case catalog.ContributeDocument:
		about.fields = append(about.fields, fieldSpec{"content_type", "select", true, 0},
			fieldSpec{"authors", "text", false, maxContribShort}, fieldSpec{"published", "date", false, 0},
			fieldSpec{"link", "url", false, 2000}, fieldSpec{"text", "textarea", false, maxContribBody})
		return []contribGroup{about, where, credit}
	case catalog.ContributeNews:
		about.fields = append(about.fields, fieldSpec{"published", "date", false, 0},
			fieldSpec{"link", "url", false, 2000}, fieldSpec{"text", "textarea", false, maxContribBody})
		return []contribGroup{about, where, credit}
	case catalog.ContributeEvent:
		return []contribGroup{about, {"event", []fieldSpec{
			{"start_date", "date", true, 0}, {"start_time", "time", false, 0},
			{"end_date", "date", false, 0}, {"end_time", "time", false, 0},
			{"time_zone", "select", true, 0}, {"location", "text", false, maxContribShort},
			{"online", "checkbox", false, 0}, {"organiser", "text", false, maxContribShort},
			{"event_url", "url", false, 2000}, {"registration_deadline", "date", false, 0},
		}}, where, credit}
	case catalog.ContributeFunding:
		return []contribGroup{about, {"funding", []fieldSpec{
			{"programme", "text", false, maxContribShort}, {"call_id", "text", false, 200},
			{"opens", "date", false, 0}, {"deadline", "date", true, 0},
			{"budget", "number", false, 0}, {"currency", "text", false, 3},
			{"eligible", "multiselect", false, 0}, {"call_url", "url", false, 2000},
		}}, where, credit}
	}
	return []contribGroup{about, where, {"practice", []fieldSpec{
		{"region", "text", false, 200}, {"target_groups", "lines", false, maxContribLines},
		{"aims", "textarea", true, maxContribLong}, {"activities", "textarea", true, maxContribLong},
		{"outcomes", "textarea", false, maxContribLong}, {"evaluation", "textarea", false, maxContribLong},
		{"evaluated", "checkbox", false, 0}, {"innovative", "checkbox", false, 0},
	}}, {"organisation", []fieldSpec{
		{"started", "date", false, 0}, {"ended", "date", false, 0},
		{"budget", "number", false, 0}, {"currency", "text", false, 3},
		{"funding_by", "text", false, maxContribShort}, {"partners", "lines", false, maxContribLines},
		{"contact", "text", false, maxContribShort}, {"links", "lines", false, maxContribLines},
	}}, credit}
}

// contribGroup is one fieldset of a contribution form.
type contribGroup struct {
	name   string
	fields []fieldSpec
}

// eventZones are the time zones an event form offers: one per offset the
// covered countries use, named by a city in it.
var eventZones = []string{"Atlantic/Reykjavik", "Europe/Lisbon", "Europe/Dublin", "Europe/Brussels", "Europe/Athens", "Europe/Helsinki", "UTC"}

// contribForm is a contribution form as typed: every value kept so a
// failed submission shows it again.
type contribForm struct {
	Kind   catalog.ContributionKind
	values map[string]string
	lists  map[string][]string // checkboxes and multi-selects
}

// newContribForm is the empty form of kind k: credit ticked, events in
// Brussels time.
func newContribForm(k catalog.ContributionKind) *contribForm {
	return &contribForm{Kind: k, values: map[string]string{"credit": "on", "time_zone": "Europe/Brussels"}, lists: map[string][]string{}}
}

// parseContribForm reads the fields of kind k from a posted form; values
// are trimmed, unknown fields ignored.
func parseContribForm(k catalog.ContributionKind, form url.Values) *contribForm {
	f := &contribForm{Kind: k, values: map[string]string{}, lists: map[string][]string{}}
	for _, g := range contribGroups(k) {
		for _, fs := range g.fields {
			switch fs.typ {
			case "checkboxes", "multiselect":
				f.lists[fs.name] = slices.Clone(form[fs.name])
			default:
				f.values[fs.name] = strings.TrimSpace(strings.ReplaceAll(form.Get(fs.name), "\r\n", "\n"))
			}
		}
	}
	return f
}

func (f *contribForm) get(name string) string { return f.values[name] }
func (f *contribForm) on(name string) bool    { return f.values[name] != "" }

// lines splits a "one per line" field, dropping empty lines.
func (f *contribForm) lines(name string) []string {
	var out []string
	for l := range strings.SplitSeq(f.values[name], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// check records a message per field that breaks a rule, in loc's language.
func (f *contribForm) check(loc *i18n.Locale) fieldErrors {
	errs := fieldErrors{}
	for _, g := range contribGroups(f.Kind) {
		for _, fs := range g.fields {
			f.checkField(errs, loc, fs)
		}
	}
	f.checkRules(errs, loc)
	return errs
}

// checkField applies the rules of one field's type.
func (f *contribForm) checkField(errs fieldErrors, loc *i18n.Locale, fs fieldSpec) {
	v := f.values[fs.name]
	switch fs.typ {
	case "text", "textarea", "url":
		checkText(errs, loc, fs.name, v, fs.required, fs.max)
		if fs.typ == "url" && v != "" && errs[fs.name] == "" && !webAddress(v) {
			errs[fs.name] = loc.T("contribute.error.url")
		}
	case "lines":
		checkText(errs, loc, fs.name, v, fs.required, maxContribBody)
		if n := len(f.lines(fs.name)); errs[fs.name] == "" && n > fs.max {
			errs[fs.name] = loc.T("contribute.error.lines", loc.Number(fs.max))
		}
	case "date", "time":
		layout := map[string]string{"date": "2006-01-02", "time": "15:04"}[fs.typ]
		if _, err := time.Parse(layout, v); v != "" && err != nil {
			errs[fs.name] = loc.T("contribute.error." + fs.typ)
		} else if v == "" && fs.required {
			errs[fs.name] = loc.T("form.error.required")
		}
	case "number":
		if n, err := strconv.ParseFloat(v, 64); v != "" && (err != nil || n < 0 || n > 1e13) {
			errs[fs.name] = loc.T("contribute.error.number")
		}
	case "select":
		checkChoice(errs, loc, fs.name, v, fs.required, contribChoice(fs.name))
	case "checkboxes", "multiselect":
		valid := contribChoice(fs.name)
		for _, c := range f.lists[fs.name] {
			if !valid(c) {
				errs[fs.name] = loc.T("form.error.unknown_value")
			}
		}
	}
}

// contribChoice says which values a choice field takes.
func contribChoice(name string) func(string) bool {
	switch name {
	case "language":
		return func(l string) bool { return slices.Contains(catalog.EULanguages, l) }
	case "country", "eligible":
		return catalog.IsCountry
	case "themes":
		return func(t string) bool { _, ok := catalog.ThemeOf(t); return ok }
	case "content_type":
		return func(t string) bool { return slices.Contains(catalog.DocumentContentTypes, t) }
	case "time_zone":
		return func(z string) bool { return slices.Contains(eventZones, z) }
	}
	return func(string) bool { return false }
}

// webAddress reports whether s is an absolute http(s) address.
func webAddress(s string) bool {
	_, err := catalog.ValidateSourceURL(s)
	return err == nil
}

// checkRules applies the rules that tie fields together and the
// publishing criteria of case studies.
func (f *contribForm) checkRules(errs fieldErrors, loc *i18n.Locale) {
	before := func(a, b, field, key string) {
		if errs[a] == "" && errs[b] == "" && f.get(a) != "" && f.get(b) != "" && f.get(b) < f.get(a) {
			errs[field] = loc.T(key)
		}
	}
	if f.get("budget") != "" && errs["budget"] == "" && errs["currency"] == "" && !currencyCode(f.get("currency")) {
		errs["currency"] = loc.T("contribute.error.currency")
	}
	switch f.Kind {
	case catalog.ContributeEvent:
		before("start_date", "end_date", "end_date", "contribute.error.end_before_start")
		if f.get("start_date") == f.get("end_date") {
			before("start_time", "end_time", "end_time", "contribute.error.end_before_start")
		}
		before("registration_deadline", "start_date", "registration_deadline", "contribute.error.registration_after_start")
		if f.get("location") == "" && !f.on("online") && errs["location"] == "" {
			errs["location"] = loc.T("contribute.error.where")
		}
	case catalog.ContributeFunding:
		before("opens", "deadline", "deadline", "contribute.error.deadline_before_opening")
	case catalog.ContributeCaseStudy:
		before("started", "ended", "ended", "contribute.error.end_before_start")
		if !f.on("evaluated") && !f.on("innovative") {
			errs["evaluated"] = loc.T("contribute.error.criteria")
		}
		if f.on("evaluated") && f.get("evaluation") == "" && errs["evaluation"] == "" {
			errs["evaluation"] = loc.T("contribute.error.evaluation")
		}
		for _, l := range f.lines("links") {
			if !webAddress(l) && errs["links"] == "" {
				errs["links"] = loc.T("contribute.error.links")
			}
		}
	}
}

// currencyCode reports whether s looks like an ISO 4217 code.
func currencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// day parses a checked date field; zero when empty.
func (f *contribForm) day(name string, loc *time.Location) time.Time {
	d, err := time.ParseInLocation("2006-01-02", f.get(name), loc)
	if err != nil {
		return time.Time{}
	}
	return d
}

// document builds the document and contribution of a checked form (no
// errors from check) of user, in source src under key.
func (f *contribForm) document(src, user int64, key string) (*catalog.Document, *catalog.Contribution) {
	d := &catalog.Document{
		SourceID: src, Key: key, Title: f.get("title"), Summary: f.get("summary"),
		Text: f.get("text"), Language: f.get("language"), LanguageFrom: "declared",
		ContentType: f.Kind.ContentType(), Themes: slices.Clone(f.lists["themes"]),
		URL: f.get("link"), Publisher: "",
	}
	if d.ContentType == "" {
		d.ContentType = f.get("content_type")
	}
	d.Languages = []string{d.Language}
	if c := f.get("country"); c != "" {
		d.Countries = []string{c}
	}
	if a := f.get("authors"); a != "" {
		d.Authors = []string{a}
	}
	d.Published = f.day("published", time.UTC)
	switch f.Kind {
	case catalog.ContributeEvent:
		d.Event = f.event()
		d.URL = d.Event.URL
	case catalog.ContributeFunding:
		d.Funding = f.funding()
		d.URL = d.Funding.URL
	case catalog.ContributeCaseStudy:
		d.CaseStudy = f.caseStudy()
		d.Text = strings.Join(nonEmpty(d.CaseStudy.Aims, d.CaseStudy.Activities, d.CaseStudy.Outcomes, d.CaseStudy.Evaluation), "\n\n")
	}
	if d.Published.IsZero() {
		d.Published = time.Now().UTC()
	}
	c := &catalog.Contribution{UserID: user, Kind: f.Kind, Credit: f.on("credit")}
	if d.Language != "en" {
		c.SummaryEN = f.get("summary_en")
	}
	return d, c
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (f *contribForm) event() *catalog.Event {
	zone := f.get("time_zone")
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc, zone = time.UTC, "UTC"
	}
	at := func(date, clock string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", f.get(date)+" "+f.get(clock), loc)
		if err != nil {
			return f.day(date, loc)
		}
		return t
	}
	e := &catalog.Event{TimeZone: zone, Location: f.get("location"), Online: f.on("online"),
		URL: f.get("event_url"), Organiser: f.get("organiser"), AllDay: f.get("start_time") == ""}
	e.Start = at("start_date", "start_time").UTC()
	if f.get("end_date") != "" || f.get("end_time") != "" {
		end := f.get("end_date")
		if end == "" {
			end = f.get("start_date")
		}
		f.values["end_date"] = end
		e.End = at("end_date", "end_time").UTC()
		if e.AllDay {
			e.End = e.End.AddDate(0, 0, 1)
		}
	}
	e.RegistrationDeadline = f.day("registration_deadline", loc).UTC()
	return e
}

func (f *contribForm) funding() *catalog.Funding {
	brussels, _ := time.LoadLocation("Europe/Brussels")
	if brussels == nil {
		brussels = time.UTC
	}
	c := &catalog.Funding{Programme: f.get("programme"), CallID: f.get("call_id"), URL: f.get("call_url"),
		TimeZone: brussels.String(), EligibleCountries: slices.Clone(f.lists["eligible"])}
	c.Opens = f.day("opens", brussels).UTC()
	if d := f.day("deadline", brussels); !d.IsZero() {
		c.Deadline = d.Add(24*time.Hour - time.Second).UTC() // the end of the day, Brussels time
	}
	c.Budget, _ = strconv.ParseFloat(f.get("budget"), 64)
	if c.Budget > 0 {
		c.Currency = strings.ToUpper(f.get("currency"))
	}
	return c
}

func (f *contribForm) caseStudy() *catalog.CaseStudy {
	c := &catalog.CaseStudy{Region: f.get("region"), TargetGroups: f.lines("target_groups"),
		Aims: f.get("aims"), Activities: f.get("activities"), Outcomes: f.get("outcomes"),
		Evaluation: f.get("evaluation"), FundingBy: f.get("funding_by"), Partners: f.lines("partners"),
		Contact: f.get("contact"), Links: f.lines("links"),
		Evaluated: f.on("evaluated"), Innovative: f.on("innovative")}
	c.Started, c.Ended = f.day("started", time.UTC), f.day("ended", time.UTC)
	c.Budget, _ = strconv.ParseFloat(f.get("budget"), 64)
	if c.Budget > 0 {
		c.Currency = strings.ToUpper(f.get("currency"))
	}
	return c
}
