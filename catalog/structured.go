package catalog

import (
	"fmt"
	"strings"
	"time"
)

// Event is what makes a document an event: when, where, who organises it.
// Times are absolute instants; TimeZone keeps the organiser's zone name
// (IANA) so the portal can show local time too.
//
// An AllDay event is one whose source gives dates only: Start is the
// midnight its first day begins in TimeZone, and End, when it lasts
// several days, the midnight its last day begins (inclusive, unlike
// iCalendar's DTEND;VALUE=DATE, the day after); End is zero for one day.
type Event struct {
	Start                time.Time
	End                  time.Time // zero when unknown
	AllDay               bool
	TimeZone             string
	Location             string // place as written by the organiser
	Online               bool
	URL                  string // registration or details page
	RegistrationDeadline time.Time
	Organiser            string
}

// Funding is what makes a document a funding call.
type Funding struct {
	Programme         string // e.g. "AMIF"
	CallID            string // the call identifier, e.g. "AMIF-2027-TF1-AG-INTE"
	Opens             time.Time
	Deadline          time.Time // instant; zero when open-ended
	TimeZone          string    // zone the deadline was announced in (IANA)
	Budget            float64   // total budget, in Currency
	Currency          string    // ISO 4217, e.g. "EUR"
	EligibleCountries []string  // ISO 3166-1 alpha-2, or "EU"
	URL               string    // the call's own page
}

// Legislation identifies a legal act.
type Legislation struct {
	CELEX   string // EUR-Lex number, e.g. "32024R1347"
	ELI     string // European Legislation Identifier URI
	Adopted time.Time
	InForce time.Time
}

// key writes e for Document.Hash; "" for nil.
func (e *Event) key() string {
	if e == nil {
		return ""
	}
	return fmt.Sprintf("%d|%d|%t|%s|%s|%t|%s|%d|%s", e.Start.UnixMicro(), e.End.UnixMicro(), e.AllDay,
		e.TimeZone, e.Location, e.Online, e.URL, e.RegistrationDeadline.UnixMicro(), e.Organiser)
}

// key writes f for Document.Hash; "" for nil.
func (f *Funding) key() string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf("%s|%s|%d|%d|%s|%g|%s|%s|%s", f.Programme, f.CallID, f.Opens.UnixMicro(),
		f.Deadline.UnixMicro(), f.TimeZone, f.Budget, f.Currency, strings.Join(f.EligibleCountries, ","), f.URL)
}

// key writes l for Document.Hash; "" for nil.
func (l *Legislation) key() string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s|%s|%d|%d", l.CELEX, l.ELI, l.Adopted.UnixMicro(), l.InForce.UnixMicro())
}
