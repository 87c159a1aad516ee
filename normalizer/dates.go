package normalizer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog/analysis"
)

// Dates are read from metadata (ISO 8601, RFC 1123, with or without a
// zone) and from what a page shows, by one finder (findDates) that serves
// both publication dates (visibleDate) and event and funding dates:
// "26 novembre 2026", "26. November 2026", "26 Νοεμβρίου 2026", "26 ta'
// Novembru 2026", "26 de noviembre de 2026", "November 26, 2026",
// "2026. november 26." (Hungarian), "2026 m. lapkričio 26 d."
// (Lithuanian), "26.11.2026", "2026-11-26", with month names in 20 EU
// languages (monthNames); with a time ("10:00", "9 h 30", "17h", "10.00
// Uhr") and a zone ("CET", "(Europe/Paris)", "Brussels time") when given;
// and the ranges "10:00–16:00", "du 3 au 5 février 2027", "3–5 February
// 2027", "vom 3. bis 5. Februar 2027". A date with a zone keeps its
// instant; one without is read in the zone the caller gives (UTC for a
// publication date, the source country's for an event). A year before
// 1990 or after 2100, or a day the month lacks, is refused as a misreading.

const (
	minYear = 1990
	maxYear = 2100
	// maxDateInput bounds the text parseDate and visibleDate read.
	maxDateInput = 64
)

// parseDate reads the machine-readable date formats pages and feeds use in
// their metadata, then, failing those, a date as written in text. It
// returns the zero time for anything else.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxDateInput {
		return time.Time{}
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700",
		"2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700",
		"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05",
		"2006-01-02 15:04", "2006-01-02", "20060102", time.RFC1123Z, time.RFC1123,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return inRange(t)
		}
	}
	return visibleDate(s, "")
}

func inRange(t time.Time) time.Time {
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}
	}
	return t.UTC()
}

// monthNames maps folded month names (analysis.Fold: lower case, no
// diacritics), nominative and genitive, to month numbers, by language.
// Abbreviations are listed where sites use them.
var monthNames = map[string]map[string]int{
	"en": months("january february march april may june july august september october november december",
		"jan feb mar apr may jun jul aug sep oct nov dec", "sept"),
	"fr": months("janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
		"janv fevr mars avr mai juin juil aout sept oct nov dec"),
	"de": months("januar februar marz april mai juni juli august september oktober november dezember",
		"jan feb marz apr mai jun jul aug sep okt nov dez", "janner"),
	"it": months("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
		"gen feb mar apr mag giu lug ago set ott nov dic"),
	"es": months("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
		"ene feb mar abr may jun jul ago sep oct nov dic", "setiembre"),
	"pt": months("janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
		"jan fev mar abr mai jun jul ago set out nov dez"),
	"nl": months("januari februari maart april mei juni juli augustus september oktober november december",
		"jan feb mrt apr mei jun jul aug sep okt nov dec"),
	"pl": months("stycznia lutego marca kwietnia maja czerwca lipca sierpnia wrzesnia pazdziernika listopada grudnia",
		"styczen luty marzec kwiecien maj czerwiec lipiec sierpien wrzesien pazdziernik listopad grudzien"),
	"mt": months("jannar frar marzu april mejju gunju lulju awwissu settembru ottubru novembru dicembru"),
	"el": months("ιανουαριου φεβρουαριου μαρτιου απριλιου μαιου ιουνιου ιουλιου αυγουστου σεπτεμβριου οκτωβριου νοεμβριου δεκεμβριου",
		"ιανουαριοσ φεβρουαριοσ μαρτιοσ απριλιοσ μαιοσ ιουνιοσ ιουλιοσ αυγουστοσ σεπτεμβριοσ οκτωβριοσ νοεμβριοσ δεκεμβριοσ",
		"μαΐου"),
	"bg": months("януари февруари март април май юни юли август септември октомври ноември декември"),
	"ro": months("ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie"),
	"cs": months("ledna unora brezna dubna kvetna cervna cervence srpna zari rijna listopadu prosince"),
	"hr": months("sijecnja veljace ozujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
		"sijecanj veljaca ozujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac"),
	"sv": months("januari februari mars april maj juni juli augusti september oktober november december"),
	"da": months("januar februar marts april maj juni juli august september oktober november december"),
	"fi": months("tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesakuuta heinakuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta"),
	"sl": months("januarja februarja marca aprila maja junija julija avgusta septembra oktobra novembra decembra"),
	"lt": months("sausio vasario kovo balandzio geguzes birzelio liepos rugpjucio rugsejo spalio lapkricio gruodzio"),
	"hu": months("januar februar marcius aprilis majus junius julius augusztus szeptember oktober november december",
		"jan febr marc apr maj jun jul aug szept okt nov dec"),
}

// monthOrder is the order languages are tried in when the page's own
// language does not know a word: the more widely used first, so a word
// two languages share ("listopad": November in Polish, October in Czech
// and Croatian) gets the reading of the first.
var monthOrder = []string{"en", "fr", "de", "it", "es", "pt", "nl", "pl", "mt", "el", "bg", "ro", "sv", "da", "fi", "sl", "lt", "hu", "cs", "hr"}

func months(lists ...string) map[string]int {
	m := map[string]int{}
	for _, l := range lists {
		words := strings.Fields(l)
		if len(words) != 12 {
			for _, w := range words { // a lone variant: its month is found by position elsewhere
				m[analysis.Fold(w)] = variantMonth(analysis.Fold(w))
			}
			continue
		}
		for i, w := range words {
			m[w] = i + 1
		}
	}
	return m
}

// variantMonth gives the month of a lone spelling variant.
func variantMonth(w string) int {
	switch w {
	case "sept", "setiembre":
		return 9
	case "janner":
		return 1
	case "μαιου":
		return 5
	}
	return 0
}

// monthOf returns the month a folded word names, trying lang first.
func monthOf(word, lang string) int {
	word = strings.TrimSuffix(word, ".")
	if m := monthNames[lang][word]; m > 0 {
		return m
	}
	for _, l := range monthOrder {
		if m := monthNames[l][word]; m > 0 {
			return m
		}
	}
	return 0
}

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
	// A day, a month name and a year, the day first ("12 March 2027",
	// "15. Januar 2027", "15 ta' marzu 2027", "26 de noviembre de 2026"),
	// with an optional range start ("3 au 5 fevrier 2027", "3-5 february
	// 2027", "3. bis 5. februar", "3 May to 7 May 2027" in one month).
	reDayMonth = regexp.MustCompile(`(?:\b(\d{1,2})\.?\s*(?:(\p{L}{3,14})\.?\s+)?(?:-|–|au|bis|al|to|a|do|εωσ|sa|and|et|und|e|y|i|και|u)\s*)?\b(\d{1,2})(?:er|st|nd|rd|th|º)?\.?\s+(?:de\s+|of\s+|ta['’]\s*|ta\s+)?(\p{L}{3,14})\.?,?\s+(?:de\s+)?(\d{4})\b`)
	// "March 12, 2027", "November 26th 2026".
	reMonthDay = regexp.MustCompile(`(\p{L}{3,14})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b,?\s+(\d{4})\b`)
	// The year first: "2026. november 26." (Hungarian), "2026 m. lapkricio
	// 26 d." (Lithuanian).
	reYearMonthDay = regexp.MustCompile(`\b(\d{4})\.?\s+(?:m\.\s+)?(\p{L}{3,14})\.?\s+(\d{1,2})\b`)
	// Numeric dates, the day first as in Europe.
	reISO     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})`)
	reNumeric = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
	// A time, optionally a range, right after a date.
	reTime = regexp.MustCompile(`^[\s,|·•–-]*(?:(?:at|a|à|um|alle|ore|o|às|στισ|απο τισ|fil-|from|de|dalle|von|od)\s+)?(?:godz\.?\s*)?(\d{1,2})\s*(?::|h|\.)\s*(\d{2})?\s*(?:h|uhr)?(?:\s*(?:-|–|to|à|a|bis|alle|do|εωσ τισ|εωσ|until|jusqu'à)\s*(\d{1,2})\s*(?::|h|\.)\s*(\d{2})?\s*(?:h|uhr)?)?`)
	// A zone right after a date or its time.
	reZone = regexp.MustCompile(`^[\s,]*\(?\s*([a-z]+/[a-z_]+|cet|cest|eet|eest|wet|west|utc|gmt|mez|mesz|brussels time|heure de bruxelles|brusseler zeit|ora di bruxelles)\b`)
	// A number that goes on as a date ("14.03.2027"), not a time.
	reDateAfter = regexp.MustCompile(`^[./]\d`)
	// What ends a date after its last number: the T of 2027-03-12T10:00,
	// the dot of "2026. november 26.", the "d." of "2027 m. kovo 12 d.".
	reDateEnd = regexp.MustCompile(`^(?:t|\.|\s+d\.)`)
)

// datePatterns are the forms of a date, with the submatches of their
// day, month (a name when named) and year, and of the first day of a
// range (0 when the form has none).
var datePatterns = []struct {
	re                     *regexp.Regexp
	named                  bool
	from, day, month, year int
	fromMonth              int // the month named after the first day of a range, 0 when the form has none
}{
	{reDayMonth, true, 1, 3, 4, 5, 2},
	{reMonthDay, true, 0, 2, 1, 3, 0},
	{reYearMonthDay, true, 0, 3, 2, 1, 0},
	{reISO, false, 0, 3, 2, 1, 0},
	{reNumeric, false, 0, 1, 2, 3, 0},
}

// findDates returns the dates written in s in order, at most max, reading
// month names in the words of lang first (see monthOf).
func findDates(s, lang string, max int) []textDate {
	f := strings.ToLower(analysis.Fold(s))
	type hit struct {
		start int
		d     textDate
	}
	var hits []hit
	for _, p := range datePatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(f, max*2) {
			group := func(i int) string { return f[m[2*i]:m[2*i+1]] }
			var d textDate
			if p.named {
				mon := monthOf(group(p.month), lang)
				if mon == 0 {
					continue
				}
				d.month = time.Month(mon)
			} else {
				mon, _ := strconv.Atoi(group(p.month))
				d.month = time.Month(mon)
			}
			d.day, _ = strconv.Atoi(group(p.day))
			d.year, _ = strconv.Atoi(group(p.year))
			d.end = m[1] + len(reDateEnd.FindString(f[m[1]:]))
			start := m[0]
			if p.from > 0 && m[2*p.from] >= 0 {
				first, _ := strconv.Atoi(group(p.from))
				// "09:00 – 15 April" is a time, then a date, not a range of days.
				// "3 May to 7 May": a range only within one month.
				sameMonth := p.fromMonth == 0 || m[2*p.fromMonth] < 0 || monthOf(group(p.fromMonth), lang) == int(d.month)
				if first >= 1 && first < d.day && sameMonth && (m[2*p.from] == 0 || f[m[2*p.from]-1] != ':') {
					d.day, d.toDay = first, d.day
				} else {
					start = m[2*p.day]
				}
			}
			hits = append(hits, hit{start, d})
		}
	}
	// Earliest first; of matches starting together, the first pattern's.
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].start < hits[j].start })
	var out []textDate
	lastEnd := -1
	for _, h := range hits {
		d := h.d
		if h.start < lastEnd || !d.valid() {
			continue
		}
		lastEnd = d.end
		d.start = h.start
		d.hour, d.min, d.toHour, d.toMin = -1, 0, -1, 0
		rest := f[d.end:min(len(f), d.end+60)]
		if m := reTime.FindStringSubmatchIndex(rest); m != nil && !reDateAfter.MatchString(rest[m[1]:]) {
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

// valid reports whether d is a date of the calendar within the years the
// hub accepts: not "31 November", not a misread year.
func (d textDate) valid() bool {
	if d.year < minYear || d.year > maxYear || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 {
		return false
	}
	if time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC).Day() != d.day {
		return false
	}
	return d.toDay == 0 || time.Date(d.year, d.month, d.toDay, 0, 0, 0, 0, time.UTC).Day() == d.toDay
}

// visibleDate finds the first date written in s, in the words of lang if
// it is one of monthNames' languages, or of any of them. A time of day
// and a zone right after the date are kept; without a zone the date is
// read in UTC.
func visibleDate(s, lang string) time.Time {
	if len(s) > 4*maxDateInput {
		s = cutBytes(s, 4*maxDateInput)
	}
	ds := findDates(s, lang, 1)
	if len(ds) == 0 {
		return time.Time{}
	}
	t, _ := ds[0].at(time.UTC)
	return inRange(t)
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
