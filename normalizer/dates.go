package normalizer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog/analysis"
)

// Dates are read from metadata (ISO 8601, RFC 1123, with or without a
// zone) and from what a page shows ("26 novembre 2026", "26. November
// 2026", "26 Νοεμβρίου 2026", "26 ta' Novembru 2026", "November 26, 2026",
// "2026. november 26.", "26.11.2026"), with month names in 20 EU
// languages (monthNames). A date with a zone keeps its instant; one without is taken
// as midnight (or the given wall time) in UTC. A year before 1990 or after
// 2100 is refused as a misreading.

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

var (
	// 26 novembre 2026, 26. November 2026, 26 de noviembre de 2026,
	// 26 ta' Novembru 2026, 26 ноември 2026 г.
	dayMonthYear = regexp.MustCompile(`(?i)\b([0-3]?[0-9])\.?\s+(?:de\s+|ta['’]\s*|of\s+)?(\pL{3,12})\.?,?\s+(?:de\s+)?((?:19|20|21)[0-9]{2})\b`)
	// 2026. november 26. (Hungarian), 2026 m. lapkričio 26 d. (Lithuanian)
	yearMonthDay = regexp.MustCompile(`(?i)\b((?:19|20|21)[0-9]{2})\.?\s+(?:m\.\s+)?(\pL{3,12})\.?\s+([0-3]?[0-9])\b\.?`)
	// November 26, 2026
	monthDayYear = regexp.MustCompile(`(?i)\b(\pL{3,12})\.?\s+([0-3]?[0-9])(?:st|nd|rd|th)?,?\s+((?:19|20|21)[0-9]{2})\b`)
	// 26.11.2026, 26/11/2026 (day first, as in Europe), 2026-11-26
	numericDate = regexp.MustCompile(`\b([0-3]?[0-9])[./]([01]?[0-9])[./]((?:19|20|21)[0-9]{2})\b`)
	isoDate     = regexp.MustCompile(`\b((?:19|20|21)[0-9]{2})-([01][0-9])-([0-3][0-9])\b`)
	// 14:30 or 14h30 after the date
	wallTime = regexp.MustCompile(`^\D{0,12}?\b([0-2]?[0-9])[:h.]([0-5][0-9])\b`)
)

// visibleDate finds the first date written in s, in the words of lang if
// it is one of monthNames' languages, or of any of them. A time of day
// right after the date is kept; the zone is UTC since text rarely says.
func visibleDate(s, lang string) time.Time {
	if len(s) > 4*maxDateInput {
		s = cutBytes(s, 4*maxDateInput)
	}
	type hit struct {
		at, end         int
		year, month, dd int
	}
	var best *hit
	try := func(h hit) {
		if h.month < 1 || h.month > 12 || h.dd < 1 || h.dd > 31 {
			return
		}
		if best == nil || h.at < best.at {
			best = &h
		}
	}
	if m := dayMonthYear.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		try(hit{m[0], m[1], y, monthOf(analysis.Fold(s[m[4]:m[5]]), lang), d})
	}
	if m := monthDayYear.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		try(hit{m[0], m[1], y, monthOf(analysis.Fold(s[m[2]:m[3]]), lang), d})
	}
	if m := yearMonthDay.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		try(hit{m[0], m[1], y, monthOf(analysis.Fold(s[m[4]:m[5]]), lang), d})
	}
	if m := numericDate.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		try(hit{m[0], m[1], y, mo, d})
	}
	if m := isoDate.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		try(hit{m[0], m[1], y, mo, d})
	}
	if best == nil {
		return time.Time{}
	}
	hour, minute := 0, 0
	if m := wallTime.FindStringSubmatch(s[best.end:]); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		if h < 24 {
			hour, minute = h, mi
		}
	}
	t := time.Date(best.year, time.Month(best.month), best.dd, hour, minute, 0, 0, time.UTC)
	if t.Day() != best.dd { // 31 November rolled over
		return time.Time{}
	}
	return inRange(t)
}
