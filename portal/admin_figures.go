package portal

import (
	"context"
	"net/http"

	"github.com/ewsi/hub/catalog"
)

// figureRow is one organisation type × country of the figures page.
type figureRow struct {
	Type, Country           string
	Accounts, Organisations string
}

// figureTotal is the sum over the countries of one organisation type.
type figureTotal struct {
	Type                    string
	Accounts, Organisations string
}

// figuresPage is the data of figures.html.
type figuresPage struct {
	layout
	Rows                              []figureRow
	Totals                            []figureTotal
	TotalAccounts, TotalOrganisations string
}

// handleFiguresShow shows the registrations of organisations by target
// area, a success measure of the hub: accounts and directory entries per
// organisation type and country, with totals per type.
func (s *Server) handleFiguresShow(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	figs, err := s.dir.RegistrationFigures(ctx)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	p := figuresPage{layout: s.layout(r, lang, loc.T("figures.title"))}
	name := func(t string) string {
		if t == "" {
			return loc.T("figures.unsaid")
		}
		return loc.T("orgtype." + t)
	}
	var accounts, orgs int
	sums := map[string][2]int{}
	for _, f := range figs {
		country := loc.T("figures.unsaid")
		if f.Country != "" {
			country = loc.CountryName(f.Country)
		}
		p.Rows = append(p.Rows, figureRow{Type: name(f.Type), Country: country,
			Accounts: loc.Number(f.Accounts), Organisations: loc.Number(f.Organisations)})
		sum := sums[f.Type]
		sums[f.Type] = [2]int{sum[0] + f.Accounts, sum[1] + f.Organisations}
		accounts, orgs = accounts+f.Accounts, orgs+f.Organisations
	}
	for _, t := range append(catalog.OrganisationTypes, catalog.Term{}) {
		if sum, ok := sums[t.Slug]; ok {
			p.Totals = append(p.Totals, figureTotal{Type: name(t.Slug), Accounts: loc.Number(sum[0]), Organisations: loc.Number(sum[1])})
		}
	}
	p.TotalAccounts, p.TotalOrganisations = loc.Number(accounts), loc.Number(orgs)
	return s.render(w, http.StatusOK, lang, "figures", p)
}
