package portal

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// The yearly contributors report, for editors and administrators: counts
// per contributor by kind and state, by organisation type and by country,
// with a CSV of the same, and the regular contributors the bulletin
// thanks.

// reportReaders may read the contributors report: it names people, so
// editors and administrators only, not country coordinators.
var reportReaders = []catalog.Role{catalog.RoleEditor, catalog.RoleAdministrator}

// reportStates are the states the report counts, in its columns' order.
var reportStates = []catalog.DocumentState{catalog.StatePending, catalog.StatePublished, catalog.StateRefused, catalog.StateArchived}

// firstReportYear is the earliest year the year select offers.
const firstReportYear = 2020

// reportYear reads ?year=, the current year when absent; a year that is
// not a number or out of range is a 404, like an unknown page.
func (s *Server) reportYear(r *http.Request) (int, error) {
	now := s.now().UTC().Year()
	raw := r.URL.Query().Get("year")
	if raw == "" {
		return now, nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < firstReportYear || y > now+1 {
		return 0, fmt.Errorf("%w: report year %q", catalog.ErrNotFound, shorten(raw))
	}
	return y, nil
}

// reportRow is one contributor's line of the report.
type reportRow struct {
	Name, Organisation, OrgType, Country string
	ByKind                               []int // in catalog.ContributionKinds order
	ByState                              []int // in reportStates order
	Total                                int
}

// groupRow is one organisation type's or country's line.
type groupRow struct {
	Label                          string
	Contributors, Total, Published int
}

// regularRow is one regular contributor.
type regularRow struct {
	Name, Organisation, OrgType, Country string
	Published                            int
	Credit                               string // whether the bulletin may name them
}

// contributorsPage is the data of editor_contributors.html.
type contributorsPage struct {
	layout
	Year                 int
	Years                []option
	Kinds, States        []string // column headings
	Rows                 []reportRow
	Totals               reportRow
	ByOrgType, ByCountry []groupRow
	Regulars             []regularRow
	RegularMin           int
	RegularText          string
	CSVURL, RegularsURL  string
}

// reportOf folds the store's counts into one row per contributor and the
// totals.
func reportOf(loc *i18n.Locale, counts []catalog.ContributorCount) ([]reportRow, reportRow) {
	var rows []reportRow
	index := map[int64]int{}
	totals := reportRow{ByKind: make([]int, len(catalog.ContributionKinds)), ByState: make([]int, len(reportStates))}
	for _, c := range counts {
		i, ok := index[c.UserID]
		if !ok {
			i = len(rows)
			index[c.UserID] = i
			rows = append(rows, reportRow{Name: c.Name, Organisation: c.Organisation, OrgType: orgTypeLabel(loc, c.OrganisationType),
				Country: countryLabel(loc, c.Country), ByKind: make([]int, len(catalog.ContributionKinds)), ByState: make([]int, len(reportStates))})
		}
		if k := slices.Index(catalog.ContributionKinds, c.Kind); k >= 0 {
			rows[i].ByKind[k] += c.Count
			totals.ByKind[k] += c.Count
		}
		if st := slices.Index(reportStates, c.State); st >= 0 {
			rows[i].ByState[st] += c.Count
			totals.ByState[st] += c.Count
		}
		rows[i].Total += c.Count
		totals.Total += c.Count
	}
	return rows, totals
}

// groupsOf counts contributors, contributions and published ones per
// value of key (an organisation type or a country), largest first.
func groupsOf(counts []catalog.ContributorCount, key func(catalog.ContributorCount) string, label func(string) string) []groupRow {
	byKey := map[string]*groupRow{}
	users := map[string]map[int64]bool{}
	for _, c := range counts {
		k := key(c)
		g := byKey[k]
		if g == nil {
			g = &groupRow{Label: label(k)}
			byKey[k], users[k] = g, map[int64]bool{}
		}
		users[k][c.UserID] = true
		g.Total += c.Count
		if c.State == catalog.StatePublished {
			g.Published += c.Count
		}
	}
	out := make([]groupRow, 0, len(byKey))
	for k, g := range byKey {
		g.Contributors = len(users[k])
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b groupRow) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.Label, b.Label))
	})
	return out
}

func orgTypeLabel(loc *i18n.Locale, slug string) string {
	if slug == "" {
		return loc.T("editor.contributors.unstated")
	}
	return loc.T("orgtype." + slug)
}

func countryLabel(loc *i18n.Locale, code string) string {
	if code == "" {
		return loc.T("editor.contributors.unstated")
	}
	return loc.CountryName(code)
}

// regularSince is where the regular contributors' twelve months start.
func (s *Server) regularSince() time.Time { return s.now().UTC().AddDate(-1, 0, 0) }

// handleContributorsReport shows the contributors report of ?year=.
func (s *Server) handleContributorsReport(w http.ResponseWriter, r *http.Request, lang string) error {
	year, err := s.reportYear(r)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	counts, err := s.acct.store.ContributorReport(ctx, year)
	if err != nil {
		return err
	}
	regs, err := s.acct.store.RegularContributors(ctx, s.regularSince(), s.acct.regular)
	if err != nil {
		return err
	}
	p := contributorsPage{layout: s.layout(r, lang, loc.T("editor.contributors.title", strconv.Itoa(year))), Year: year,
		RegularMin:  s.acct.regular,
		RegularText: loc.T("editor.contributors.regular.text", loc.Number(s.acct.regular)),
		CSVURL:      fmt.Sprintf("/%s/editor/contributors/report.csv?year=%d", lang, year),
		RegularsURL: "/" + lang + "/editor/contributors/regular.csv"}
	for y := s.now().UTC().Year(); y >= firstReportYear; y-- {
		p.Years = append(p.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	for _, k := range catalog.ContributionKinds {
		p.Kinds = append(p.Kinds, loc.T("contribute.kind."+string(k)))
	}
	for _, st := range reportStates {
		p.States = append(p.States, loc.T("contribute.state."+string(st)))
	}
	p.Rows, p.Totals = reportOf(loc, counts)
	p.ByOrgType = groupsOf(counts, func(c catalog.ContributorCount) string { return c.OrganisationType },
		func(k string) string { return orgTypeLabel(loc, k) })
	p.ByCountry = groupsOf(counts, func(c catalog.ContributorCount) string { return c.Country },
		func(k string) string { return countryLabel(loc, k) })
	for _, g := range regs {
		row := regularRow{Name: g.Name, Organisation: g.Organisation, OrgType: orgTypeLabel(loc, g.OrganisationType),
			Country: countryLabel(loc, g.Country), Published: g.Published, Credit: loc.T("editor.contributors.credit.yes")}
		if !g.Credit {
			row.Credit = loc.T("editor.contributors.credit.no")
		}
		p.Regulars = append(p.Regulars, row)
	}
	return s.render(w, http.StatusOK, lang, "editor_contributors", p)
}

// handleContributorsCSV sends the report of ?year= as CSV: one line per
// contributor, kind and state, with codes rather than labels so that
// spreadsheets can pivot it by organisation type or country.
func (s *Server) handleContributorsCSV(w http.ResponseWriter, r *http.Request, lang string) error {
	year, err := s.reportYear(r)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	counts, err := s.acct.store.ContributorReport(ctx, year)
	if err != nil {
		return err
	}
	lines := [][]string{{"year", "user_id", "name", "organisation", "organisation_type", "country", "kind", "state", "count"}}
	for _, c := range counts {
		lines = append(lines, []string{strconv.Itoa(year), strconv.FormatInt(c.UserID, 10), csvSafe(c.Name), csvSafe(c.Organisation),
			c.OrganisationType, c.Country, string(c.Kind), string(c.State), strconv.Itoa(c.Count)})
	}
	return writeCSV(w, fmt.Sprintf("contributors-%d.csv", year), lines)
}

// handleRegularsCSV sends the regular contributors as CSV, for the
// bulletin.
func (s *Server) handleRegularsCSV(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	regs, err := s.acct.store.RegularContributors(ctx, s.regularSince(), s.acct.regular)
	if err != nil {
		return err
	}
	lines := [][]string{{"user_id", "name", "organisation", "organisation_type", "country", "published_last_12_months", "may_be_named"}}
	for _, g := range regs {
		lines = append(lines, []string{strconv.FormatInt(g.UserID, 10), csvSafe(g.Name), csvSafe(g.Organisation),
			g.OrganisationType, g.Country, strconv.Itoa(g.Published), strconv.FormatBool(g.Credit)})
	}
	return writeCSV(w, "regular-contributors.csv", lines)
}

// csvSafe keeps a user-typed cell from being read as a formula by a
// spreadsheet (CSV injection): a leading =, +, - or @ is quoted away.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

func writeCSV(w http.ResponseWriter, name string, lines [][]string) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(lines); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
