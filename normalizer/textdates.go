package normalizer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog/analysis"
)

// Dates written in running text, in the languages the hub meets: "12
// March 2027", "March 12, 2027", "26 janvier 2027", "15. Januar 2027",
// "3 febbraio 2027", "12 marca 2027", "12 Δεκεμβρίου 2026", "15 ta'
// Marzu 2027", "2027-03-12", "12/03/2027", "12.03.2027"; with a time
// ("10:00", "9 h 30", "17h", "10.00 Uhr") and a zone ("CET", "CEST",
// "(Europe/Paris)", "Brussels time") when given; and the ranges "10:00–16:00",
// "du 3 au 5 février 2027", "3–5 February 2027", "vom 3. bis 5. Februar
// 2027". A date without a zone is read in the source country's zone.

// monthWords maps folded month names (and Polish, Greek and other genitives)
// to monthWords.
var monthWords = func() map[string]time.Month {
	m := map[string]time.Month{}
	for i, names := range [][]string{
		{"january", "jan", "janvier", "januar", "janner", "gennaio", "enero", "janeiro", "januari", "stycznia", "styczen", "ιανουαριου", "ιανουαριος", "jannar"},
		{"february", "feb", "fevrier", "februar", "febbraio", "febrero", "fevereiro", "februari", "lutego", "luty", "φεβρουαριου", "φεβρουαριος", "frar"},
		{"march", "mar", "mars", "marz", "marzo", "marco", "maart", "marca", "marzec", "μαρτιου", "μαρτιος", "marzu"},
		{"april", "apr", "avril", "aprile", "abril", "kwietnia", "kwiecien", "απριλιου", "απριλιος", "april"},
		{"may", "mai", "maggio", "mayo", "maio", "mei", "maja", "maj", "μαιου", "μαιος", "mejju"},
		{"june", "jun", "juin", "juni", "giugno", "junio", "junho", "czerwca", "czerwiec", "ιουνιου", "ιουνιος", "gunju"},
		{"july", "jul", "juillet", "juli", "luglio", "julio", "julho", "lipca", "lipiec", "ιουλιου", "ιουλιος", "lulju"},
		{"august", "aug", "aout", "agosto", "augustus", "sierpnia", "sierpien", "αυγουστου", "αυγουστος", "awwissu"},
		{"september", "sep", "sept", "septembre", "settembre", "septiembre", "setembro", "wrzesnia", "wrzesien", "σεπτεμβριου", "σεπτεμβριος", "settembru"},
		{"october", "oct", "octobre", "oktober", "ottobre", "octubre", "outubro", "pazdziernika", "pazdziernik", "οκτωβριου", "οκτωβριος", "ottubru"},
		{"november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "νοεμβριου", "νοεμβριος", "novembru"},
		{"december", "dec", "decembre", "dezember", "dicembre", "diciembre", "dezembro", "grudnia", "grudzien", "δεκεμβριου", "δεκεμβριος", "dicembru"},
	} {
		for _, n := range names {
			m[analysis.Fold(n)] = time.Month(i + 1)
		}
	}
	return m
}()

// zoneAbbrev maps zone abbreviations and city phrases to IANA zones.
var zoneAbbrev = map[string]string{
	"cet": "Europe/Brussels", "cest": "Europe/Brussels", "eet": "Europe/Athens", "eest": "Europe/Athens",
	"wet": "Europe/Lisbon", "west": "Europe/Lisbon", "utc": "UTC", "gmt": "Europe/London",
	"brussels time": "Europe/Brussels", "heure de bruxelles": "Europe/Brussels", "brusseler zeit": "Europe/Brussels",
	"ora di bruxelles": "Europe/Brussels", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
}

// countryZones is each covered country's zone, for dates without one.
var countryZones = map[string]string{
	"AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "HR": "Europe/Zagreb",
	"CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
	"FI": "Europe/Helsinki", "FR": "Europe/Paris", "DE": "Europe/Berlin", "GR": "Europe/Athens",
	"HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome", "LV": "Europe/Riga",
	"LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "MT": "Europe/Malta", "NL": "Europe/Amsterdam",
	"PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SK": "Europe/Bratislava",
	"SI": "Europe/Ljubljana", "ES": "Europe/Madrid", "SE": "Europe/Stockholm", "IS": "Atlantic/Reykjavik",
	"NO": "Europe/Oslo", "CH": "Europe/Zurich", "EU": "Europe/Brussels",
}

// loadZone returns the named zone, or nil.
func loadZone(name string) *time.Location {
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// textDate is a date found in text: its day, the times of day given
// (start and, for "10:00–16:00", end), a last day for "du 3 au 5 février",
// and the zone named next to it.
type textDate struct {
	year       int
	month      time.Month
	day, toDay int // toDay is 0 unless a range of days
	hour, min  int // -1 when no time
	toHour     int // -1 unless a time range
	toMin      int
	zone       string // IANA, "" when none named
	start, end int    // byte offsets in the folded string of the date (end past its time)
}

var (
	// A day and month name and year, with the day before ("12 March 2027",
	// "15. Januar 2027", "15 ta' marzu 2027") and an optional range start
	// ("3 au 5 fevrier 2027", "3-5 february 2027", "3. bis 5. februar").
	reDayMonth = regexp.MustCompile(`(?:(\d{1,2})\.?\s*(?:-|–|au|bis|al|to|a|do|εωσ|sa|and|et|und|e|y|i|και|u)\s*)?(\d{1,2})(?:er|st|nd|rd|th|º)?\.?\s+(?:ta'?\s+)?(\p{L}+)\.?,?\s+(\d{4})`)
	// "March 12, 2027".
	reMonthDay = regexp.MustCompile(`(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})`)
	// Numeric dates.
	reISO     = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
	reNumeric = regexp.MustCompile(`(\d{1,2})[./](\d{1,2})[./](\d{4})`)
	// A time, optionally a range, optionally a zone, right after a date.
	reTime = regexp.MustCompile(`^[\s,]*(?:(?:at|a|à|um|alle|ore|o|às|at|στισ|απο τισ|fil-|from|de|dalle|von|od)\s+)?(?:godz\.?\s*)?(\d{1,2})\s*(?::|h|\.)\s*(\d{2})?\s*(?:h|uhr)?(?:\s*(?:-|–|to|à|a|bis|alle|do|εωσ τισ|εωσ|until|jusqu'à)\s*(\d{1,2})\s*(?::|h|\.)\s*(\d{2})?\s*(?:h|uhr)?)?`)
	reZone = regexp.MustCompile(`^[\s,]*\(?\s*([a-z]+/[a-z_]+|cet|cest|eet|eest|wet|west|utc|gmt|mez|mesz|brussels time|heure de bruxelles|brusseler zeit|ora di bruxelles)\b`)
)

// findDates returns the dates in s in order, at most max.
func findDates(s string, max int) []textDate {
	f := strings.ToLower(analysis.Fold(s))
	type hit struct {
		start int
		d     textDate
	}
	var hits []hit
	for _, m := range reDayMonth.FindAllStringSubmatchIndex(f, max*2) {
		mon, ok := monthWords[strings.TrimSuffix(f[m[6]:m[7]], ".")]
		if !ok {
			continue
		}
		day, _ := strconv.Atoi(f[m[4]:m[5]])
		year, _ := strconv.Atoi(f[m[8]:m[9]])
		d := textDate{year: year, month: mon, day: day, end: m[1]}
		start := m[0]
		if m[2] >= 0 {
			first, _ := strconv.Atoi(f[m[2]:m[3]])
			// "09:00 – 15 April" is a time, then a date, not a range of days.
			if first >= 1 && first < day && (m[2] == 0 || f[m[2]-1] != ':') {
				d.day, d.toDay = first, day
			} else {
				start = m[4]
			}
		}
		hits = append(hits, hit{start, d})
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(f, max*2) {
		mon, ok := monthWords[f[m[2]:m[3]]]
		if !ok {
			continue
		}
		day, _ := strconv.Atoi(f[m[4]:m[5]])
		year, _ := strconv.Atoi(f[m[6]:m[7]])
		hits = append(hits, hit{m[0], textDate{year: year, month: mon, day: day, end: m[1]}})
	}
	for _, m := range reISO.FindAllStringSubmatchIndex(f, max*2) {
		year, _ := strconv.Atoi(f[m[2]:m[3]])
		mon, _ := strconv.Atoi(f[m[4]:m[5]])
		day, _ := strconv.Atoi(f[m[6]:m[7]])
		d := textDate{year: year, month: time.Month(mon), day: day, end: m[1]}
		if f[m[1]:] != "" && f[m[1]] == 't' { // 2027-03-12T10:00
			d.end++
		}
		hits = append(hits, hit{m[0], d})
	}
	for _, m := range reNumeric.FindAllStringSubmatchIndex(f, max*2) {
		day, _ := strconv.Atoi(f[m[2]:m[3]])
		mon, _ := strconv.Atoi(f[m[4]:m[5]])
		year, _ := strconv.Atoi(f[m[6]:m[7]])
		hits = append(hits, hit{m[0], textDate{year: year, month: time.Month(mon), day: day, end: m[1]}})
	}
	// Earliest first; of overlapping matches the longest.
	sortHits := func(i, j int) bool { return hits[i].start < hits[j].start }
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && sortHits(j, j-1); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var out []textDate
	lastEnd := -1
	for _, h := range hits {
		d := h.d
		if h.start < lastEnd || d.year < 1990 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 {
			continue
		}
		lastEnd = d.end
		d.start = h.start
		d.hour, d.min, d.toHour, d.toMin = -1, 0, -1, 0
		rest := f[d.end:min(len(f), d.end+60)]
		if m := reTime.FindStringSubmatchIndex(rest); m != nil {
			h, _ := strconv.Atoi(rest[m[2]:m[3]])
			mi := 0
			if m[4] >= 0 {
				mi, _ = strconv.Atoi(rest[m[4]:m[5]])
			}
			// "2027 10" would read a stray number as an hour: a time needs
			// minutes or an h/uhr marker.
			marked := m[4] >= 0 || strings.ContainsAny(rest[m[2]:m[1]], "hu")
			if h <= 23 && mi <= 59 && marked {
				d.hour, d.min = h, mi
				if m[6] >= 0 {
					th, _ := strconv.Atoi(rest[m[6]:m[7]])
					tm := 0
					if m[8] >= 0 {
						tm, _ = strconv.Atoi(rest[m[8]:m[9]])
					}
					if th <= 23 && tm <= 59 {
						d.toHour, d.toMin = th, tm
					}
				}
				rest = rest[m[1]:]
			}
		}
		if m := reZone.FindStringSubmatch(rest); m != nil {
			if z, ok := zoneAbbrev[m[1]]; ok {
				d.zone = z
			} else if loadZone(canonicalZone(m[1])) != nil {
				d.zone = canonicalZone(m[1])
			}
		}
		out = append(out, d)
		if len(out) == max {
			break
		}
	}
	return out
}

// canonicalZone restores the case of a folded IANA name ("europe/paris").
func canonicalZone(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		words := strings.Split(p, "_")
		for j, w := range words {
			if w != "" {
				words[j] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	return strings.Join(parts, "/")
}

// at returns the instant the date and its start time stand for, in its
// zone or else in def (UTC when nil), and whether a time of day was given.
func (d textDate) at(def *time.Location) (time.Time, bool) {
	loc := loadZone(d.zone)
	if loc == nil {
		loc = def
	}
	if loc == nil {
		loc = time.UTC
	}
	if d.hour < 0 {
		return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, loc), false
	}
	return time.Date(d.year, d.month, d.day, d.hour, d.min, 0, 0, loc), true
}

// until returns the end the date states: its end time the same day, or
// its last day for a range of days, or the zero time.
func (d textDate) until(def *time.Location) time.Time {
	loc := loadZone(d.zone)
	if loc == nil {
		loc = def
	}
	if loc == nil {
		loc = time.UTC
	}
	day := d.day
	if d.toDay > 0 {
		day = d.toDay
	}
	switch {
	case d.toHour >= 0:
		return time.Date(d.year, d.month, day, d.toHour, d.toMin, 0, 0, loc)
	case d.toDay > 0:
		return time.Date(d.year, d.month, day, 0, 0, 0, 0, loc)
	}
	return time.Time{}
}

// zoneName is the name Event and Funding keep: the date's own zone, else
// the default's, else "".
func (d textDate) zoneName(def *time.Location) string {
	if d.zone != "" {
		return d.zone
	}
	if def != nil && def != time.UTC {
		return def.String()
	}
	return ""
}
