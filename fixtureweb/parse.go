package fixtureweb

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// A content file is a header of "key: value" lines, a line "---", and the
// body in the small markup of markup.go. Lists in values are separated by
// commas, except authors and partners (semicolons). Times are
// "2006-01-02 15:04" in the publisher's zone, or in event-tz for events.
//
//	title: Mid-term review of the Action Plan
//	lang: en
//	type: news
//	themes: evaluation, employment
//	countries: EU
//	published: 2026-11-18 10:00
//	---
//	Lead paragraph…
const timeLayout = "2006-01-02 15:04"

// dateLayout is the layout of the dates of all-day events.
const dateLayout = "2006-01-02"

// parseItem reads one content file of publisher p into an item whose path
// is path.
func parseItem(p *Publisher, path string, data []byte) (*Item, error) {
	head, body, ok := strings.Cut(string(data), "\n---\n")
	if !ok {
		return nil, fmt.Errorf("%s: no --- line between header and body", path)
	}
	it := &Item{Path: path, Publisher: p.Slug, body: strings.TrimSpace(body)}
	hdr := map[string]string{}
	var comments []string
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s: header line %q has no colon", path, line)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "comment" {
			comments = append(comments, v)
			continue
		}
		if _, dup := hdr[k]; dup {
			return nil, fmt.Errorf("%s: header %q given twice", path, k)
		}
		hdr[k] = v
	}
	r := headerReader{path: path, hdr: hdr}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return nil, err
	}
	it.Title = r.need("title")
	it.Language = r.need("lang")
	it.ContentType = r.need("type")
	it.SubThemes = r.list("themes", ",")
	it.Countries = r.list("countries", ",")
	it.Authors = r.list("author", ";")
	it.Published = r.time("published", loc)
	it.Updated = r.time("updated", loc)
	if it.Updated.IsZero() {
		it.Updated = it.Published
	}
	it.group = r.get("group")
	it.DuplicateOf = r.get("duplicate-of")
	it.Canonical = r.get("canonical")
	if it.Canonical == "" {
		it.Canonical = path
	}
	switch it.ContentType {
	case "event":
		evLoc := loc
		if tz := r.get("event-tz"); tz != "" {
			if evLoc, err = time.LoadLocation(tz); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		// An event given by dates only (event-start: 2027-02-15) lasts
		// whole days; event-end is then its last day.
		allDay := len(r.get("event-start")) == len(dateLayout)
		it.Event = &Event{
			Start:                r.date("event-start", evLoc, allDay),
			End:                  r.date("event-end", evLoc, allDay),
			AllDay:               allDay,
			Location:             r.need("location"),
			Online:               r.get("online") == "yes",
			RegistrationDeadline: r.time("registration", evLoc),
		}
	case "funding":
		it.Funding = &Funding{
			Programme: r.need("programme"),
			CallID:    r.need("call-id"),
			Deadline:  r.time("deadline", loc),
			Budget:    r.euros("budget"),
		}
	case "case-study":
		it.CaseStudy = r.caseStudy(loc)
	}
	for _, c := range comments {
		parts := strings.SplitN(c, "|", 3)
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s: comment %q is not author | time | text", path, c)
		}
		t, err := time.ParseInLocation(timeLayout, strings.TrimSpace(parts[1]), loc)
		if err != nil {
			return nil, fmt.Errorf("%s: comment time: %w", path, err)
		}
		it.comments = append(it.comments, comment{strings.TrimSpace(parts[0]), t, strings.TrimSpace(parts[2])})
	}
	if r.err != nil {
		return nil, r.err
	}
	for k := range hdr {
		if !r.used[k] {
			return nil, fmt.Errorf("%s: unknown header %q", path, k)
		}
	}
	for _, s := range it.SubThemes {
		t, ok := catalog.ThemeOf(s)
		if !ok {
			return nil, fmt.Errorf("%s: unknown theme %q", path, s)
		}
		if !contains(it.Themes, t) {
			it.Themes = append(it.Themes, t)
		}
	}
	it.ID = "tag:fixture.ewsi.example," + it.Published.Format("2006-01-02") + ":" + path
	it.Summary = leadText(it.body)
	it.Text = plainText(it.body)
	return it, nil
}

// headerReader reads typed values from a header, keeping the first error.
type headerReader struct {
	path string
	hdr  map[string]string
	used map[string]bool
	err  error
}

func (r *headerReader) get(k string) string {
	if r.used == nil {
		r.used = map[string]bool{}
	}
	r.used[k] = true
	return r.hdr[k]
}

func (r *headerReader) fail(format string, a ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(r.path+": "+format, a...)
	}
}

func (r *headerReader) need(k string) string {
	v := r.get(k)
	if v == "" {
		r.fail("header %q is missing", k)
	}
	return v
}

func (r *headerReader) list(k, sep string) []string {
	var out []string
	for _, v := range strings.Split(r.get(k), sep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (r *headerReader) time(k string, loc *time.Location) time.Time {
	v := r.get(k)
	if v == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(timeLayout, v, loc)
	if err != nil {
		r.fail("header %q: %v", k, err)
	}
	return t
}

// date reads a date (2006-01-02) when dateOnly, else a time.
func (r *headerReader) date(k string, loc *time.Location, dateOnly bool) time.Time {
	if !dateOnly {
		return r.time(k, loc)
	}
	v := r.get(k)
	if v == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(dateLayout, v, loc)
	if err != nil {
		r.fail("header %q: %v", k, err)
	}
	return t
}

func (r *headerReader) euros(k string) int64 {
	v := strings.ReplaceAll(r.need(k), "_", "")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil && v != "" {
		r.fail("header %q: %v", k, err)
	}
	return n
}

// caseStudy reads a case study's facts. Publishers of the full template
// (a practice database) give region, target groups, funding, start and
// end, and the publishing criteria; the others a duration in words.
func (r *headerReader) caseStudy(loc *time.Location) *CaseStudy {
	cs := &CaseStudy{
		Partners:     r.list("partners", ";"),
		Duration:     r.get("duration"),
		Budget:       r.euros("budget"),
		Contact:      r.need("contact"),
		Region:       r.get("region"),
		TargetGroups: r.list("target-groups", ";"),
		FundingBy:    r.get("funding"),
		Started:      r.day("started", loc),
		Ended:        r.day("ended", loc),
		Evaluated:    r.yes("evaluated"),
		Innovative:   r.yes("innovative"),
	}
	cs.Template = cs.Region != ""
	if cs.Duration == "" && cs.Started.IsZero() {
		r.fail("case study needs a duration or a start")
	}
	return cs
}

// day reads a date "2006-01-02" at midnight in loc; zero when absent.
func (r *headerReader) day(k string, loc *time.Location) time.Time {
	v := r.get(k)
	if v == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02", v, loc)
	if err != nil {
		r.fail("header %q: %v", k, err)
	}
	return t
}

// yes reads "yes" or "no" (or nothing, meaning no).
func (r *headerReader) yes(k string) bool {
	switch v := r.get(k); v {
	case "yes":
		return true
	case "", "no":
		return false
	default:
		r.fail("header %q: %q is neither yes nor no", k, v)
		return false
	}
}
