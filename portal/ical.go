package portal

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

// iCalendar (RFC 5545) of events: the calendar of any search, as a page
// address (/{lang}/search/ics) or an API one (/api/v1/search.ics), and
// of one event document (/{lang}/documents/{id}/ics). A search without a
// type filter is narrowed to events; hits without event data are left
// out. Times are written in UTC, which needs no VTIMEZONE; all-day events
// are DATE values. UIDs depend on the document only, so a calendar
// client that subscribes sees updates, not duplicates.

// icsWriter writes content lines: folded at 75 octets without cutting a
// UTF-8 sequence, each ended by CRLF.
type icsWriter struct {
	buf bytes.Buffer
}

// line writes NAME[;PARAMS]:VALUE; value must already be escaped.
func (w *icsWriter) line(name, value string) {
	l := name + ":" + value
	const max = 75
	first := true
	for len(l) > 0 {
		limit := max
		if !first {
			limit = max - 1 // the leading space counts
		}
		if len(l) <= limit {
			if !first {
				w.buf.WriteByte(' ')
			}
			w.buf.WriteString(l)
			break
		}
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		if !first {
			w.buf.WriteByte(' ')
		}
		w.buf.WriteString(l[:cut])
		w.buf.WriteString("\r\n")
		l = l[cut:]
		first = false
	}
	w.buf.WriteString("\r\n")
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 && r != '\t' || r == 0x7f {
				continue // control characters are not allowed in TEXT
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsURI keeps a URI value on one logical line and refuses what is not
// an absolute http(s) address.
func icsURI(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

const icsUTC = "20060102T150405Z"

// icsCalendar renders a VCALENDAR of the events among docs.
func (s *Server) icsCalendar(r *http.Request, name string, docs []*catalog.Document) []byte {
	var w icsWriter
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", "-//EWSI Hub//Portal//EN")
	w.line("CALSCALE", "GREGORIAN")
	w.line("METHOD", "PUBLISH")
	w.line("X-WR-CALNAME", icsText(name))
	host := s.oaiRepository(r)
	for _, d := range docs {
		if d.Event == nil || d.Event.Start.IsZero() {
			continue
		}
		s.icsEvent(&w, r, host, d)
	}
	w.line("END", "VCALENDAR")
	return w.buf.Bytes()
}

func (s *Server) icsEvent(w *icsWriter, r *http.Request, host string, d *catalog.Document) {
	e := d.Event
	w.line("BEGIN", "VEVENT")
	w.line("UID", icsText("document-"+strconv.FormatInt(d.ID, 10)+"@"+host))
	stamp := d.Updated
	for _, t := range []time.Time{d.Harvested, d.Published} {
		if stamp.IsZero() {
			stamp = t
		}
	}
	if stamp.IsZero() {
		stamp = s.now()
	}
	w.line("DTSTAMP", stamp.UTC().Format(icsUTC))
	if e.AllDay {
		// The day is the organiser's, when their zone is known.
		loc := time.UTC
		if z, err := time.LoadLocation(e.TimeZone); err == nil && e.TimeZone != "" {
			loc = z
		}
		start := e.Start.In(loc)
		end := start
		if !e.End.IsZero() && e.End.After(e.Start) {
			end = e.End.In(loc)
		}
		w.line("DTSTART;VALUE=DATE", start.Format("20060102"))
		// DTEND of a DATE is exclusive: the day after the last one.
		last := time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, time.UTC)
		w.line("DTEND;VALUE=DATE", last.AddDate(0, 0, 1).Format("20060102"))
	} else {
		w.line("DTSTART", e.Start.UTC().Format(icsUTC))
		if !e.End.IsZero() && e.End.After(e.Start) {
			w.line("DTEND", e.End.UTC().Format(icsUTC))
		}
	}
	w.line("SUMMARY", icsText(d.Title))
	page := s.absURL(r, documentPath("en", d.ID))
	desc := strings.TrimSpace(d.Summary)
	if desc != "" {
		desc += "\n\n"
	}
	w.line("DESCRIPTION", icsText(desc+page))
	switch {
	case e.Location != "" && e.Online:
		w.line("LOCATION", icsText(e.Location+" (online)"))
	case e.Location != "":
		w.line("LOCATION", icsText(e.Location))
	case e.Online:
		w.line("LOCATION", "Online")
	}
	link := e.URL
	if link == "" {
		link = d.URL
	}
	if u, ok := icsURI(link); ok {
		w.line("URL", u)
	}
	if d.ContentType != "" || len(d.Themes) > 0 {
		var cats []string
		en := s.bundle.Locale("en")
		for _, t := range d.Themes {
			cats = append(cats, icsText(en.ThemeName(t)))
		}
		if len(cats) > 0 {
			w.line("CATEGORIES", strings.Join(cats, ","))
		}
	}
	w.line("END", "VEVENT")
}

// eventDocuments runs q, narrowed to events when it has no type filter,
// and fetches the documents of its hits.
func (s *Server) eventDocuments(ctx context.Context, q catalog.Query) ([]*catalog.Document, error) {
	if len(q.ContentTypes) == 0 {
		q.ContentTypes = []string{"event"}
	}
	docs, _, err := s.documentsOf(ctx, q)
	return docs, err
}

func writeCalendar(w http.ResponseWriter, filename string, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="`+filename+`"`)
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

// handleSearchCalendar writes the iCalendar of a search page's events.
func (s *Server) handleSearchCalendar(w http.ResponseWriter, r *http.Request, lang string) error {
	q, err := parsePageQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	docs, err := s.eventDocuments(ctx, q)
	if err != nil {
		return err
	}
	loc := s.bundle.Locale(lang)
	name := loc.T("ics.title")
	if q.Text != "" {
		name = loc.T("ics.title.query", q.Text)
	}
	return writeCalendar(w, "events.ics", s.icsCalendar(r, name, docs))
}

// handleAPISearchCalendar writes the iCalendar of an API search's events.
func (s *Server) handleAPISearchCalendar(w http.ResponseWriter, r *http.Request) error {
	q, err := parseAPIQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), apiTimeout)
	defer cancel()
	docs, err := s.eventDocuments(ctx, q)
	if err != nil {
		return err
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	return writeCalendar(w, "events.ics", s.icsCalendar(r, s.bundle.Locale("en").T("ics.title"), docs))
}

// handleDocumentCalendar writes the iCalendar of one event document; a
// document that is not an event is a 404.
func (s *Server) handleDocumentCalendar(w http.ResponseWriter, r *http.Request, lang string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: document %q", catalog.ErrNotFound, r.PathValue("id"))
	}
	ctx, cancel := context.WithTimeout(r.Context(), catalogTimeout)
	defer cancel()
	doc, err := s.publicDocument(ctx, id)
	if err != nil {
		return fmt.Errorf("document %d: %w", id, err)
	}
	if doc.Event == nil || doc.Event.Start.IsZero() {
		return fmt.Errorf("%w: document %d is not an event", catalog.ErrNotFound, id)
	}
	return writeCalendar(w, "event-"+strconv.FormatInt(id, 10)+".ics", s.icsCalendar(r, doc.Title, []*catalog.Document{doc}))
}
