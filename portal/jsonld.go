package portal

import (
	"encoding/json"
	"html/template"
	"net/http"
	"time"

	"github.com/ewsi/hub/catalog"
)

// schema.org JSON-LD on document pages, for search engines and other
// hubs. The type follows the content type: Event, NewsArticle, Report,
// ScholarlyArticle, Legislation, else Article. A funding call is an
// Article whose mainEntity is a MonetaryGrant (name, identifier, amount,
// funder, url), with the deadline as the article's expires: schema.org
// has no type for a call for proposals, and a grant with its amount and
// funder is what a reader looks for.
//
// It is embedded as <script type="application/ld+json">, which the
// Content-Security-Policy (script-src falling back to 'self', no
// 'unsafe-inline') does not block: a script element whose type is not a
// JavaScript MIME type is a data block that browsers never execute, and
// CSP governs execution. The JSON is marshalled by encoding/json, which
// escapes <, > and &, so no value can close the element.

// ldThing is a schema.org node; empty members are left out.
type ldThing struct {
	Context       string    `json:"@context,omitempty"`
	Type          string    `json:"@type"`
	ID            string    `json:"@id,omitempty"`
	Name          string    `json:"name,omitempty"`
	Headline      string    `json:"headline,omitempty"`
	Description   string    `json:"description,omitempty"`
	URL           string    `json:"url,omitempty"`
	SameAs        string    `json:"sameAs,omitempty"`
	InLanguage    string    `json:"inLanguage,omitempty"`
	DatePublished string    `json:"datePublished,omitempty"`
	DateModified  string    `json:"dateModified,omitempty"`
	Expires       string    `json:"expires,omitempty"`
	Author        []ldThing `json:"author,omitempty"`
	Publisher     *ldThing  `json:"publisher,omitempty"`
	Keywords      []string  `json:"keywords,omitempty"`
	Genre         string    `json:"genre,omitempty"`
	Spatial       []ldThing `json:"spatialCoverage,omitempty"`
	Address       string    `json:"address,omitempty"`
	Identifier    string    `json:"identifier,omitempty"`
	MainEntity    *ldThing  `json:"mainEntity,omitempty"`
	Amount        *ldAmount `json:"amount,omitempty"`
	Funder        *ldThing  `json:"funder,omitempty"`
	// extra holds the members of one type only (an Event's startDate, a
	// Legislation's legislationIdentifier…), merged in by MarshalJSON.
	extra map[string]any
}

type ldAmount struct {
	Type     string  `json:"@type"`
	Value    float64 `json:"value"`
	Currency string  `json:"currency,omitempty"`
}

// MarshalJSON writes the fields and the type-specific extras.
func (t ldThing) MarshalJSON() ([]byte, error) {
	type plain ldThing
	b, err := json.Marshal(plain(t))
	if err != nil || len(t.extra) == 0 {
		return b, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range t.extra {
		m[k] = v
	}
	return json.Marshal(m)
}

// ldTypes maps content types to schema.org types; others are Article.
var ldTypes = map[string]string{
	"event":       "Event",
	"news":        "NewsArticle",
	"report":      "Report",
	"evaluation":  "Report",
	"statistics":  "Report",
	"research":    "ScholarlyArticle",
	"legislation": "Legislation",
}

// documentJSONLD describes a document for search engines.
func (s *Server) documentJSONLD(r *http.Request, d *catalog.Document, src catalog.Source) (template.JS, error) {
	page := s.absURL(r, documentPath("en", d.ID))
	typ := ldTypes[d.ContentType]
	if typ == "" {
		typ = "Article"
	}
	if typ == "Event" && (d.Event == nil || d.Event.Start.IsZero()) {
		typ = "Article" // schema.org requires an Event's startDate
	}
	en := s.bundle.Locale("en")
	t := ldThing{
		Context:       "https://schema.org",
		Type:          typ,
		ID:            page,
		URL:           page,
		Description:   d.Summary,
		InLanguage:    d.Language,
		DatePublished: rfc3339(d.Published),
		DateModified:  rfc3339(d.Updated),
		extra:         map[string]any{},
	}
	if u, ok := icsURI(d.URL); ok {
		t.SameAs = u
	}
	if typ == "Event" || typ == "Legislation" {
		t.Name = d.Title
	} else {
		t.Headline = d.Title
	}
	for _, a := range d.Authors {
		t.Author = append(t.Author, ldThing{Type: "Person", Name: a})
	}
	publisher := src.Publisher
	if publisher == "" {
		publisher = src.Name
	}
	if publisher != "" {
		t.Publisher = &ldThing{Type: "Organization", Name: publisher}
	}
	for _, th := range d.Themes {
		t.Keywords = append(t.Keywords, en.ThemeName(th))
	}
	if d.ContentType != "" {
		t.Genre = en.TypeName(d.ContentType)
	}
	for _, c := range d.Countries {
		t.Spatial = append(t.Spatial, ldThing{Type: "Place", Name: en.CountryName(c)})
	}
	switch typ {
	case "Event":
		e := d.Event
		loc := s.zones.get(e.TimeZone)
		t.extra["startDate"] = eventTime(e.Start, e.AllDay, loc)
		if !e.End.IsZero() {
			t.extra["endDate"] = eventTime(e.End, e.AllDay, loc)
		}
		var locations []ldThing
		if e.Location != "" {
			locations = append(locations, ldThing{Type: "Place", Name: e.Location, Address: e.Location})
		}
		mode := "https://schema.org/OfflineEventAttendanceMode"
		if e.Online {
			online := ldThing{Type: "VirtualLocation"}
			if u, ok := icsURI(e.URL); ok {
				online.URL = u
			}
			locations = append(locations, online)
			mode = "https://schema.org/OnlineEventAttendanceMode"
			if e.Location != "" {
				mode = "https://schema.org/MixedEventAttendanceMode"
			}
		}
		t.extra["eventAttendanceMode"] = mode
		if len(locations) > 0 {
			t.extra["location"] = locations
		}
		if e.Organiser != "" {
			t.extra["organizer"] = ldThing{Type: "Organization", Name: e.Organiser}
		}
		if u, ok := icsURI(e.URL); ok {
			t.URL = u
		}
	case "Legislation":
		if l := d.Legislation; l != nil {
			if l.CELEX != "" {
				t.extra["legislationIdentifier"] = l.CELEX
			}
			if l.ELI != "" {
				t.extra["legislationIdentifier"] = l.ELI
				t.SameAs = l.ELI
			}
			if !l.Adopted.IsZero() {
				t.extra["legislationDate"] = l.Adopted.UTC().Format("2006-01-02")
			}
			if !l.InForce.IsZero() {
				t.extra["legislationDateOfApplicability"] = l.InForce.UTC().Format("2006-01-02")
			}
		}
	}
	if f := d.Funding; f != nil {
		grant := &ldThing{Type: "MonetaryGrant", Name: f.Programme, Identifier: f.CallID}
		if grant.Name == "" {
			grant.Name = d.Title
		}
		if f.Budget > 0 {
			grant.Amount = &ldAmount{Type: "MonetaryAmount", Value: f.Budget, Currency: f.Currency}
		}
		if t.Publisher != nil {
			grant.Funder = t.Publisher
		}
		if u, ok := icsURI(f.URL); ok {
			grant.URL = u
		}
		t.MainEntity = grant
		t.Expires = rfc3339(f.Deadline)
	}
	b, err := json.Marshal(t)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// eventTime writes an event's start or end: for an all-day event the
// date in its zone loc, as its source gave it (the UTC instant of its
// midnight names the day before, east of UTC), else RFC 3339 in UTC; ""
// for the zero time.
func eventTime(t time.Time, allDay bool, loc *time.Location) string {
	switch {
	case t.IsZero():
		return ""
	case allDay:
		return t.In(loc).Format(time.DateOnly)
	}
	return t.UTC().Format(time.RFC3339)
}
