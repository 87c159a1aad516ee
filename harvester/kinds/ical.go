package kinds

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of ParseICal.
const (
	MaxICalBytes  = 10 << 20 // bytes of one calendar file
	MaxICalEvents = 5000     // events returned, occurrences included
	maxICalDepth  = 8        // component nesting (VCALENDAR > VEVENT > VALARM is 3)
	maxICalLine   = 1 << 20  // bytes of one unfolded content line
	maxICalProps  = 1000     // properties kept per component
)

// ErrNotICal means the bytes are not an iCalendar file.
var ErrNotICal = errors.New("not an iCalendar file")

// ParseICal parses an iCalendar file (RFC 5545) fetched from calURL into
// events, as ParseICalAt with the current time.
func ParseICal(body []byte, calURL string) ([]Event, error) {
	return ParseICalAt(body, calURL, time.Now())
}

// ParseICalAt parses an iCalendar file fetched from calURL into one Event
// per VEVENT, expanding recurring events around now (see Event.Key and
// RecurrenceWindow). It reads folded lines, escaped text, parameters in
// quotes, VALUE=DATE, UTC, floating and zoned times, DURATION, EXDATE
// and RECURRENCE-ID; alarms and to-dos are ignored. Cancelled events are
// returned with Status "CANCELLED" so the caller can retire them.
//
// Zones: a TZID is looked up in the tz database (IANA names, names with a
// vendor prefix such as /mozilla.org/…/Europe/Berlin, and the Windows
// names of European zones) and Event.TimeZone gets the IANA name. A TZID
// only the file's VTIMEZONE defines is computed from its STANDARD and
// DAYLIGHT observances (fixed onsets or yearly BYMONTH/BYDAY rules), and
// TimeZone stays empty since there is no IANA name to give. Floating
// times and unknown TZIDs use X-WR-TIMEZONE, else UTC.
//
// Recurrence: an RRULE of FREQ DAILY to YEARLY with INTERVAL, COUNT,
// UNTIL, BYMONTH, BYMONTHDAY and BYDAY is expanded to the occurrences
// ending after now and starting within RecurrenceWindow of it, at most
// MaxOccurrences, minus EXDATEs, with RECURRENCE-ID overrides applied.
// A rule using other parts, a series over before now, or a file past
// the expansion budget gives the event's first occurrence only.
//
// Events without a readable DTSTART (or dated before 1583) are skipped,
// since they cannot be shown as events. At most MaxICalEvents are
// returned.
//
// The error wraps ErrTooLarge when body is over MaxICalBytes, and
// ErrNotICal, with a reason, when there is no VCALENDAR, when components
// are nested more than 8 deep, or when BEGIN and END do not match.
func ParseICalAt(body []byte, calURL string, now time.Time) ([]Event, error) {
	if len(body) > MaxICalBytes {
		return nil, fmt.Errorf("%w: the calendar is %d bytes, more than %d", ErrTooLarge, len(body), MaxICalBytes)
	}
	root, err := parseComponents(body)
	if err != nil {
		return nil, err
	}
	return buildEvents(root, calURL, now), nil
}

// component is one BEGIN…END block with its properties in file order.
type component struct {
	name     string
	props    []property
	children []*component
}

// property is one content line: NAME;PARAM=V:VALUE.
type property struct {
	name   string // upper case
	params map[string]string
	value  string // raw, still escaped
}

func (c *component) get(name string) *property {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

func (c *component) all(name string) []*property {
	var out []*property
	for i := range c.props {
		if c.props[i].name == name {
			out = append(out, &c.props[i])
		}
	}
	return out
}

// parseComponents unfolds content lines and builds the component tree; it
// returns the VCALENDAR (the first one, if several are concatenated).
func parseComponents(body []byte) (*component, error) {
	body = bytes.TrimPrefix(body, []byte{0xef, 0xbb, 0xbf})
	if !utf8.Valid(body) {
		// RFC 5545 says UTF-8; Windows exports are sometimes Latin-1.
		body = latin1ToUTF8(body)
	}
	var stack []*component
	var root *component
	lineNo := 0
	err := unfold(body, func(line string) error {
		lineNo++
		p, ok := parseContentLine(line)
		if !ok {
			return nil // junk lines are skipped, as calendar clients do
		}
		switch p.name {
		case "BEGIN":
			name := strings.ToUpper(strings.TrimSpace(p.value))
			if len(stack) == 0 && name != "VCALENDAR" {
				if root != nil {
					return errStop
				}
				return fmt.Errorf("%w: line %d opens %s outside a VCALENDAR", ErrNotICal, lineNo, name)
			}
			if len(stack) >= maxICalDepth {
				return fmt.Errorf("%w: components are nested more than %d deep at line %d", ErrNotICal, maxICalDepth, lineNo)
			}
			c := &component{name: name}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, c)
			} else {
				if root != nil {
					return errStop // a second calendar after the first: ignored
				}
				root = c
			}
			stack = append(stack, c)
		case "END":
			name := strings.ToUpper(strings.TrimSpace(p.value))
			if len(stack) == 0 {
				return nil
			}
			if top := stack[len(stack)-1]; top.name != name {
				return fmt.Errorf("%w: line %d ends %s but %s is open", ErrNotICal, lineNo, name, top.name)
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return errStop
			}
		default:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if len(top.props) < maxICalProps {
					top.props = append(top.props, p)
				}
			}
		}
		return nil
	})
	if err != nil && err != errStop {
		return nil, err
	}
	if root == nil {
		return nil, fmt.Errorf("%w: there is no BEGIN:VCALENDAR", ErrNotICal)
	}
	// A calendar cut off before its END is read as far as it goes: every
	// complete event in it is still good.
	return root, nil
}

var errStop = errors.New("stop")

// unfold calls fn with each logical content line: CRLF or LF line ends,
// a line starting with a space or tab continues the previous one.
// Logical lines longer than maxICalLine are cut.
func unfold(body []byte, fn func(string) error) error {
	var cur []byte
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		s := string(cur)
		cur = cur[:0]
		return fn(s)
	}
	for len(body) > 0 {
		i := bytes.IndexByte(body, '\n')
		var line []byte
		if i < 0 {
			line, body = body, nil
		} else {
			line, body = body[:i], body[i+1:]
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if room := maxICalLine - len(cur); room > 0 {
				rest := line[1:]
				if len(rest) > room {
					rest = rest[:room]
				}
				cur = append(cur, rest...)
			}
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if len(line) > maxICalLine {
			line = line[:maxICalLine]
		}
		cur = append(cur, line...)
	}
	return flush()
}

// parseContentLine splits NAME *(;PARAM=VALUE[,VALUE]) : VALUE; quoted
// parameter values may hold ; : and ,. ok is false for a line with no
// colon or no name.
func parseContentLine(line string) (property, bool) {
	var p property
	i := strings.IndexAny(line, ";:")
	if i <= 0 {
		return p, false
	}
	p.name = strings.ToUpper(strings.TrimSpace(line[:i]))
	rest := line[i:]
	for len(rest) > 0 && rest[0] == ';' {
		rest = rest[1:]
		eq := strings.IndexAny(rest, "=;:")
		if eq < 0 {
			return p, false
		}
		key := strings.ToUpper(strings.TrimSpace(rest[:eq]))
		if rest[eq] != '=' { // a parameter without a value
			rest = rest[eq:]
			continue
		}
		rest = rest[eq+1:]
		var val strings.Builder
		for len(rest) > 0 && rest[0] != ';' && rest[0] != ':' {
			if rest[0] == '"' {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return p, false
				}
				val.WriteString(rest[1 : end+1])
				rest = rest[end+2:]
				continue
			}
			j := strings.IndexAny(rest, "\";:")
			if j < 0 {
				j = len(rest)
			}
			val.WriteString(rest[:j])
			rest = rest[j:]
		}
		if p.params == nil {
			p.params = map[string]string{}
		}
		if _, dup := p.params[key]; !dup && len(p.params) < 32 {
			p.params[key] = val.String()
		}
	}
	if len(rest) == 0 || rest[0] != ':' {
		return p, false
	}
	p.value = rest[1:]
	return p, true
}

// unescapeText undoes TEXT escaping: \n \N \\ \; \, (and a stray \ before
// anything else is dropped).
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i == len(s)-1 {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitText splits a multi-valued TEXT (CATEGORIES) on unescaped commas.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	out = append(out, s[start:])
	var res []string
	for _, v := range out {
		if v = strings.TrimSpace(unescapeText(v)); v != "" {
			res = append(res, v)
		}
	}
	return res
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}
