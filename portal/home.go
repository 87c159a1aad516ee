package portal

import (
	"context"
	"net/http"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/portal/i18n"
)

// homePage is the data of home.html.
type homePage struct {
	layout
	Themes  []link
	Types   []link
	Latest  []hitView
	AllURL  string
	Events  []eventView // the next upcoming events
	Calls   []callView  // the open calls closing first
	Cases   []caseStudyHit
	Sources []sourceRow
	// Countries links every country information sheet.
	Countries []link
}

// sourceRow is one source in the home page's table.
type sourceRow struct {
	Name        string
	Publisher   string
	Kind        string
	Status      string
	StatusClass string // the raw status, for styling
	LastHarvest string
	LastISO     string
}

// latestCount is how many documents the home page lists.
const latestCount = 10

// homeSoonCount is how many upcoming events and closing calls the home
// page shows.
const homeSoonCount = 3

// handleHomeShow renders the home page: search box, themes, types,
// upcoming events, calls closing soon, latest documents and the sources
// with their health.
func (s *Server) handleHomeShow(w http.ResponseWriter, r *http.Request, lang string) error {
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	res, err := s.catalog.Search(ctx, catalog.Query{Sort: catalog.SortDate, Limit: latestCount})
	if err != nil {
		return err
	}
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	data := homePage{
		layout: s.layout(r, lang, loc.T("home.title")),
		AllURL: searchPath(lang, "", catalog.Query{Sort: catalog.SortDate}, 1),
	}
	data.Current = "home"
	data.Atom = data.LatestAtom
	for _, t := range catalog.Themes {
		data.Themes = append(data.Themes, link{
			Label: loc.ThemeName(t.Slug),
			URL:   themePath(lang, t.Slug),
		})
	}
	for _, ct := range catalog.ContentTypes {
		data.Types = append(data.Types, link{Label: loc.TypeName(ct.Slug), URL: typePath(lang, ct.Slug)})
	}
	for _, code := range catalog.SheetCountries() {
		data.Countries = append(data.Countries, link{Label: loc.CountryName(code), URL: countryPath(lang, code)})
	}
	for _, h := range res.Hits {
		data.Latest = append(data.Latest, newHitView(loc, h))
	}
	now := s.now()
	events, _, err := s.documentsOf(ctx, eventsQuery{}.catalogQuery())
	if err != nil {
		return err
	}
	for _, d := range events {
		if e := s.newEventView(loc, d); !e.start.IsZero() && !e.end.Before(now) {
			data.Events = append(data.Events, e)
		}
	}
	slices.SortStableFunc(data.Events, func(a, b eventView) int { return a.start.Compare(b.start) })
	data.Events = data.Events[:min(len(data.Events), homeSoonCount)]
	calls, _, err := s.documentsOf(ctx, catalog.Query{ContentTypes: []string{"funding"}, Sort: catalog.SortDate, Limit: catalog.MaxLimit})
	if err != nil {
		return err
	}
	for _, d := range calls {
		if c := s.newCallView(loc, d, now); !c.deadline.IsZero() && !c.deadline.Before(now) {
			data.Calls = append(data.Calls, c)
		}
	}
	slices.SortStableFunc(data.Calls, func(a, b callView) int { return a.deadline.Compare(b.deadline) })
	data.Calls = data.Calls[:min(len(data.Calls), homeSoonCount)]
	if data.Cases, err = s.featuredCaseStudies(ctx, loc); err != nil {
		return err
	}
	for _, src := range sources {
		if src.Kind == catalog.KindContributions {
			continue // what users send is not harvested: no health to show
		}
		status := src.Status
		if status == "" {
			status = catalog.StatusNew
		}
		row := sourceRow{
			Name:        src.Name,
			Publisher:   src.Publisher,
			Kind:        termOr(loc, "kind."+string(src.Kind), string(src.Kind)),
			Status:      termOr(loc, "status."+string(status), string(status)),
			StatusClass: string(status),
			LastHarvest: loc.T("home.sources.never"),
		}
		if row.Name == "" {
			row.Name = src.URL
		}
		if !src.LastHarvest.IsZero() {
			row.LastHarvest = loc.Date(src.LastHarvest)
			row.LastISO = src.LastHarvest.Format("2006-01-02")
		}
		data.Sources = append(data.Sources, row)
	}
	return s.render(w, http.StatusOK, lang, "home", data)
}

// featuredScan is how many of the newest case studies the home page reads
// to find the ones it features.
const featuredScan = 20

// featuredCaseStudies are the home page's featured case studies: the
// newest that meet the publishing criteria, at most homeSoonCount.
func (s *Server) featuredCaseStudies(ctx context.Context, loc *i18n.Locale) ([]caseStudyHit, error) {
	docs, _, err := s.documentsOf(ctx, catalog.Query{ContentTypes: []string{"case-study"}, Sort: catalog.SortDate, Limit: featuredScan})
	if err != nil {
		return nil, err
	}
	var out []caseStudyHit
	for _, d := range docs {
		if d.CaseStudy != nil && d.CaseStudy.MeetsCriteria() && len(out) < homeSoonCount {
			out = append(out, newCaseStudyHit(loc, d))
		}
	}
	return out, nil
}
