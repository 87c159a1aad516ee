package normalizer

import (
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// jsonLDTime reads a schema.org date or date-time; a date-time without an
// offset is read in def. The zone name is def's when its offset at that
// instant matches, so Europe/Paris survives "2027-01-26T09:30:00+01:00".
func jsonLDTime(v any, def *time.Location) (time.Time, string) {
	s := ldString(v)
	if s == "" || len(s) > 64 {
		return time.Time{}, ""
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			zone := ""
			if def != nil {
				_, off := t.Zone()
				if _, defOff := t.In(def).Zone(); off == defOff {
					zone = def.String()
					t = t.In(def)
				}
			}
			return t, zone
		}
	}
	loc := def
	if loc == nil {
		loc = time.UTC
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			zone := ""
			if def != nil {
				zone = def.String()
			}
			return t, zone
		}
	}
	return time.Time{}, ""
}

// jsonLDEvent reads the first schema.org Event node.
func jsonLDEvent(ld ldGraph, def *time.Location) *catalog.Event {
	for _, n := range ld.nodes {
		if !hasAnyType(n, "event", "educationevent", "businessevent", "socialevent", "exhibitionevent", "festival") {
			continue
		}
		var e catalog.Event
		e.Start, e.TimeZone = jsonLDTime(n["startDate"], def)
		if e.Start.IsZero() {
			continue
		}
		e.End, _ = jsonLDTime(n["endDate"], def)
		e.AllDay = len(ldString(n["startDate"])) == len("2006-01-02")
		if loc, ok := ld.ref(n["location"]).(map[string]any); ok {
			if hasAnyType(loc, "virtuallocation") {
				e.Online = true
				e.Location = "Online"
			} else {
				e.Location = ldString(loc["name"])
				if addr := ldString(loc["address"]); addr != "" && addr != e.Location {
					e.Location = strings.TrimPrefix(e.Location+", "+addr, ", ")
				}
			}
		} else {
			e.Location = ldString(ld.ref(n["location"]))
		}
		if strings.Contains(strings.ToLower(ldString(n["eventAttendanceMode"])), "onlineeventattendancemode") {
			e.Online = true
		}
		e.Organiser = ldString(ld.ref(n["organizer"]))
		e.URL = ldString(n["url"])
		if offers, ok := n["offers"].(map[string]any); ok {
			e.RegistrationDeadline, _ = jsonLDTime(offers["validThrough"], def)
		}
		return &e
	}
	return nil
}

// jsonLDFunding reads the first schema.org Grant or MonetaryGrant node.
func jsonLDFunding(ld ldGraph, def *time.Location) *catalog.Funding {
	for _, n := range ld.nodes {
		if !hasAnyType(n, "grant", "monetarygrant") {
			continue
		}
		var f catalog.Funding
		f.Programme = ldString(ld.ref(n["fundedItem"]))
		if f.Programme == "" {
			f.Programme = ldString(n["name"])
		}
		f.CallID = ldString(n["identifier"])
		for _, k := range []string{"applicationDeadline", "endDate", "expires", "validThrough"} {
			if f.Deadline, f.TimeZone = jsonLDTime(n[k], def); !f.Deadline.IsZero() {
				break
			}
		}
		f.Opens, _ = jsonLDTime(n["startDate"], def)
		if amt, ok := n["amount"].(map[string]any); ok {
			f.Budget, _ = strconv.ParseFloat(ldString(amt["value"]), 64)
			f.Currency = strings.ToUpper(ldString(amt["currency"]))
		} else if v := ldString(n["amount"]); v != "" {
			f.Budget, _ = strconv.ParseFloat(v, 64)
		}
		f.URL = ldString(n["url"])
		return &f
	}
	return nil
}

// jsonLDLegislation reads the first schema.org Legislation node.
func jsonLDLegislation(ld ldGraph, def *time.Location) *catalog.Legislation {
	for _, n := range ld.nodes {
		if !hasAnyType(n, "legislation", "legislationobject") {
			continue
		}
		var l catalog.Legislation
		id := ldString(n["legislationIdentifier"])
		switch {
		case strings.Contains(id, "/eli/"):
			l.ELI = id
		case reCELEX.MatchString(id):
			l.CELEX = reCELEX.FindString(id)
		}
		if l.ELI == "" && strings.Contains(ldString(n["@id"]), "/eli/") {
			l.ELI = ldString(n["@id"])
		}
		l.Adopted, _ = jsonLDTime(n["legislationDate"], def)
		l.InForce, _ = jsonLDTime(n["legislationLegalForce"], def)
		if t, _ := jsonLDTime(n["legislationDateOfApplicability"], def); !t.IsZero() {
			l.InForce = t
		}
		return &l
	}
	return nil
}

// structuredFacts sets d's Event, Funding, Legislation and CaseStudy
// (see casestudy.go) from the hint,
// the page's JSON-LD and the text (see structured.go), given the content
// type classification chose. strongOnly sets only what a hint or JSON-LD
// states, before classification, so that classification can use it.
func structuredFacts(d *catalog.Document, in Input, ld ldGraph, strongOnly bool) {
	def := sourceZone(in.SourceCountry)
	if strongOnly {
		if in.Event != nil {
			e := *in.Event
			d.Event = &e
		} else {
			d.Event = jsonLDEvent(ld, def)
		}
		d.Funding = jsonLDFunding(ld, def)
		d.Legislation = jsonLDLegislation(ld, def)
		return
	}
	text := d.Text
	if d.Event == nil && d.ContentType == "event" {
		d.Event = textEvent(text, d.Published, def)
	} else if d.Event != nil {
		// Fill what the strong source left out from the text.
		if t := textEvent(text, d.Published, def); t != nil {
			if d.Event.Location == "" {
				d.Event.Location, d.Event.Online = t.Location, d.Event.Online || t.Online
			}
			if d.Event.RegistrationDeadline.IsZero() {
				d.Event.RegistrationDeadline = t.RegistrationDeadline
			}
			if d.Event.Organiser == "" {
				d.Event.Organiser = t.Organiser
			}
		}
	}
	if d.Funding == nil && (d.ContentType == "funding" || d.ContentType == "tender") {
		d.Funding = textFunding(text, def)
	}
	if d.Legislation == nil && d.ContentType == "legislation" {
		d.Legislation = textLegislation(d.Title, text, def)
	}
	if d.Event != nil && !d.Event.Online {
		d.Event.Online = onlineEvent(d.Title, text, d.Event.Location)
	}
	if d.CaseStudy == nil && d.ContentType == "case-study" {
		d.CaseStudy = textCaseStudy(text, d.Language, def)
	}
	if d.Event != nil && d.Event.URL == "" {
		d.Event.URL = d.URL
	}
	if d.Funding != nil && d.Funding.URL == "" {
		d.Funding.URL = d.URL
	}
}
