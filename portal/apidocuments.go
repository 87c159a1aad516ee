package portal

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ewsi/hub/catalog"
)

// apiDocument is the body of GET /api/v1/documents/{id}: the document
// with its metadata and body, times in RFC 3339 UTC.
type apiDocument struct {
	ID           int64           `json:"id"`
	Title        string          `json:"title"`
	URL          string          `json:"url"`
	CanonicalURL string          `json:"canonical_url,omitempty"`
	Page         string          `json:"page"`
	Source       *apiSourceRef   `json:"source"`
	Summary      string          `json:"summary"`
	Text         string          `json:"text"`
	HTML         string          `json:"html"`
	Language     string          `json:"language"`
	Languages    []string        `json:"languages"`
	Authors      []string        `json:"authors"`
	Themes       []string        `json:"themes"`
	Type         string          `json:"type"`
	Countries    []string        `json:"countries"`
	Published    string          `json:"published,omitempty"`
	Updated      string          `json:"updated,omitempty"`
	Harvested    string          `json:"harvested,omitempty"`
	Event        *apiEvent       `json:"event,omitempty"`
	Funding      *apiFunding     `json:"funding,omitempty"`
	Legislation  *apiLegislation `json:"legislation,omitempty"`
	CaseStudy    *apiCaseStudy   `json:"case_study,omitempty"`
}

// apiSourceRef names a document's source.
type apiSourceRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type apiEvent struct {
	Start                string `json:"start"`
	End                  string `json:"end,omitempty"`
	AllDay               bool   `json:"all_day"`
	TimeZone             string `json:"time_zone,omitempty"`
	Location             string `json:"location,omitempty"`
	Online               bool   `json:"online"`
	URL                  string `json:"url,omitempty"`
	RegistrationDeadline string `json:"registration_deadline,omitempty"`
	Organiser            string `json:"organiser,omitempty"`
}

type apiFunding struct {
	Programme         string   `json:"programme,omitempty"`
	CallID            string   `json:"call_id,omitempty"`
	Opens             string   `json:"opens,omitempty"`
	Deadline          string   `json:"deadline,omitempty"`
	TimeZone          string   `json:"time_zone,omitempty"`
	Budget            float64  `json:"budget,omitempty"`
	Currency          string   `json:"currency,omitempty"`
	EligibleCountries []string `json:"eligible_countries"`
	URL               string   `json:"url,omitempty"`
}

// apiCaseStudy is the common template of a case study; dates are days.
type apiCaseStudy struct {
	Region        string   `json:"region,omitempty"`
	TargetGroups  []string `json:"target_groups"`
	Aims          string   `json:"aims,omitempty"`
	Activities    string   `json:"activities,omitempty"`
	Outcomes      string   `json:"outcomes,omitempty"`
	Evaluation    string   `json:"evaluation,omitempty"`
	Budget        float64  `json:"budget,omitempty"`
	Currency      string   `json:"currency,omitempty"`
	FundingBy     string   `json:"funding,omitempty"`
	Partners      []string `json:"partners"`
	Started       string   `json:"started,omitempty"`
	Ended         string   `json:"ended,omitempty"`
	Contact       string   `json:"contact,omitempty"`
	Links         []string `json:"links"`
	Evaluated     bool     `json:"evaluated"`
	Innovative    bool     `json:"innovative"`
	MeetsCriteria bool     `json:"meets_criteria"`
}

// newAPICaseStudy writes c for the API.
func newAPICaseStudy(c *catalog.CaseStudy) *apiCaseStudy {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return &apiCaseStudy{Region: c.Region, TargetGroups: nonNilList(c.TargetGroups), Aims: c.Aims,
		Activities: c.Activities, Outcomes: c.Outcomes, Evaluation: c.Evaluation, Budget: c.Budget,
		Currency: c.Currency, FundingBy: c.FundingBy, Partners: nonNilList(c.Partners), Started: day(c.Started),
		Ended: day(c.Ended), Contact: c.Contact, Links: nonNilList(c.Links), Evaluated: c.Evaluated,
		Innovative: c.Innovative, MeetsCriteria: c.MeetsCriteria()}
}

type apiLegislation struct {
	CELEX   string `json:"celex,omitempty"`
	ELI     string `json:"eli,omitempty"`
	Adopted string `json:"adopted,omitempty"`
	InForce string `json:"in_force,omitempty"`
}

// apiSource is one source in GET /api/v1/sources: what it is and how
// healthy, never its validators or error details.
type apiSource struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	URL         string `json:"url"`
	Publisher   string `json:"publisher,omitempty"`
	Language    string `json:"language,omitempty"`
	Country     string `json:"country,omitempty"`
	Status      string `json:"status"`
	LastSuccess string `json:"last_success,omitempty"`
}

// apiSourceList is the body of GET /api/v1/sources.
type apiSourceList struct {
	Total int         `json:"total"`
	Items []apiSource `json:"items"`
}

// handleAPIDocumentShow answers GET /api/v1/documents/{id}. An id that
// is not a positive whole number is a 400; an unknown one a 404.
func (s *Server) handleAPIDocumentShow(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return &paramError{Param: "id", Reason: "not_integer", Value: shorten(raw)}
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	doc, err := s.publicDocument(ctx, id)
	if err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	out := apiDocument{
		ID: doc.ID, Title: doc.Title, URL: doc.URL, CanonicalURL: doc.CanonicalURL,
		Page:    s.absURL(r, documentPath("en", doc.ID)),
		Summary: doc.Summary, Text: doc.Text, HTML: doc.HTML,
		Language: doc.Language, Languages: nonNilList(doc.Languages), Authors: nonNilList(doc.Authors),
		Themes: nonNilList(doc.Themes), Type: doc.ContentType, Countries: nonNilList(doc.Countries),
		Published: rfc3339(doc.Published), Updated: rfc3339(doc.Updated), Harvested: rfc3339(doc.Harvested),
	}
	for _, src := range sources {
		if src.ID == doc.SourceID {
			out.Source = &apiSourceRef{ID: src.ID, Name: src.Name}
		}
	}
	if e := doc.Event; e != nil {
		out.Event = newAPIEvent(e, s.zones.get(e.TimeZone))
	}
	if f := doc.Funding; f != nil {
		out.Funding = &apiFunding{Programme: f.Programme, CallID: f.CallID, Opens: rfc3339(f.Opens),
			Deadline: rfc3339(f.Deadline), TimeZone: f.TimeZone, Budget: f.Budget, Currency: f.Currency,
			EligibleCountries: nonNilList(f.EligibleCountries), URL: f.URL}
	}
	if l := doc.Legislation; l != nil {
		out.Legislation = &apiLegislation{CELEX: l.CELEX, ELI: l.ELI, Adopted: rfc3339(l.Adopted), InForce: rfc3339(l.InForce)}
	}
	if c := doc.CaseStudy; c != nil {
		out.CaseStudy = newAPICaseStudy(c)
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, out)
	return nil
}

// handleAPISourceList answers GET /api/v1/sources with every source.
func (s *Server) handleAPISourceList(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	sources, err := s.catalog.Sources(ctx)
	if err != nil {
		return err
	}
	out := apiSourceList{Total: len(sources), Items: make([]apiSource, 0, len(sources))}
	for _, src := range sources {
		out.Items = append(out.Items, apiSource{ID: src.ID, Name: src.Name, Kind: string(src.Kind), URL: src.URL,
			Publisher: src.Publisher, Language: src.Language, Country: src.Country, Status: string(src.Status),
			LastSuccess: rfc3339(src.LastSuccess)})
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, out)
	return nil
}

// rfc3339 formats t in UTC, or "" when zero.
// newAPIEvent writes e, whose zone is loc, for the API: an all-day
// event's start and end are days (see eventTime).
func newAPIEvent(e *catalog.Event, loc *time.Location) *apiEvent {
	return &apiEvent{Start: eventTime(e.Start, e.AllDay, loc), End: eventTime(e.End, e.AllDay, loc),
		AllDay: e.AllDay, TimeZone: e.TimeZone, Location: e.Location, Online: e.Online, URL: e.URL,
		RegistrationDeadline: rfc3339(e.RegistrationDeadline), Organiser: e.Organiser}
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func nonNilList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
