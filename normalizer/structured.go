package normalizer

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// Structured fields: what makes a document an event, a funding call or a
// legal act. Each comes, by precedence, from a hint of the harvester
// (Input.Event, from the iCalendar parser), the page's JSON-LD (schema.org
// Event, Grant or MonetaryGrant, Legislation), then the text: labelled
// facts ("Date: …", "Lieu", "Einreichungsfrist: …", one per line or as
// "label: value" in a sentence, in the languages of factLabels) and, for
// the date of an event and the deadline of a call, prose ("du 3 au 5
// février 2027", "bis zum 15. Januar 2027"). Facts from JSON-LD or a hint
// always make the document an event or a call; facts found in text only
// when classification says it is one. Legislation identifiers (CELEX
// numbers, ELI URIs, "Regulation (EU) 2024/1347") are kept on any
// document that cites them as its subject (legislation documents) or
// states them in JSON-LD.

// factKind names a labelled fact.
type factKind int

const (
	factDate factKind = iota
	factVenue
	factRegistration
	factOrganiser
	factProgramme
	factCallID
	factDeadline
	factBudget
	factOpens
	factKinds
)

// factLabels are the labels of facts, folded, by kind. Longer labels are
// tried first, so "date limite d'inscription" is not read as "date".
var factLabels = [factKinds][]string{
	factDate: {"date", "dates", "when", "date and time", "datum", "termin", "wann", "datum und uhrzeit", "data",
		"fecha", "quand", "date et heure", "ημερομηνια", "ημερομηνια και ωρα", "data u hin", "il-data", "kiedy"},
	factVenue: {"venue", "location", "place", "where", "address", "lieu", "adresse", "ort", "veranstaltungsort",
		"luogo", "sede", "lugar", "miejsce", "τοπος", "χωρος", "post", "il-post", "local"},
	factRegistration: {"registration deadline", "register by", "registration", "date limite d'inscription",
		"inscription", "inscriptions", "anmeldeschluss", "anmeldung bis", "anmeldung", "iscrizioni entro",
		"scadenza iscrizioni", "iscrizioni", "plazo de inscripcion", "inscripcion", "zapisy do", "rejestracja do",
		"termin rejestracji", "rejestracja", "προθεσμια εγγραφης", "εγγραφες εως", "δηλωσεις συμμετοχης εως",
		"registrazzjoni sa", "data tal-gheluq ghar-registrazzjoni", "skadenza ghar-registrazzjoni"},
	factOrganiser: {"organiser", "organizer", "organised by", "organized by", "organisateur", "organise par",
		"veranstalter", "organizzatore", "organizzato da", "organizador", "organizator", "διοργανωτης", "organizzatur"},
	factProgramme: {"programme", "program", "programm", "forderprogramm", "programma", "programa", "προγραμμα",
		"fund", "fonds", "fondo", "fundusz", "ταμειο", "fond", "funding programme"},
	factCallID: {"call identifier", "call id", "call reference", "reference", "reference de l'appel",
		"identifiant de l'appel", "kennung", "aufrufkennung", "aktenzeichen", "codice", "codice bando", "riferimento",
		"referencia", "identyfikator", "numer naboru", "κωδικος", "κωδικος προσκλησης", "referenza", "identifikatur",
		"numru ta' referenza", "numru tas-sejha"},
	factDeadline: {"deadline", "submission deadline", "closing date", "date limite", "date limite de depot",
		"date limite de candidature", "einreichungsfrist", "antragsfrist", "bewerbungsfrist", "frist", "scadenza",
		"termine", "plazo", "fecha limite", "termin skladania wnioskow", "termin", "προθεσμια", "προθεσμια υποβολης",
		"skadenza", "data tal-gheluq", "skadenza ghall-applikazzjonijiet", "scadenza per la presentazione",
		"termin skladania ofert", "date limite de remise des offres"},
	factBudget: {"budget", "total budget", "enveloppe", "budget total", "dotation", "fordervolumen", "fordersumme",
		"gesamtbudget", "dotazione", "stanziamento", "importo", "presupuesto", "dotacion", "budzet", "kwota",
		"προυπολογισμος", "bagit", "bagit totali"},
	factOpens: {"opening date", "opens", "call opens", "ouverture", "date d'ouverture", "beginn", "apertura",
		"otwarcie naboru", "ftuh"},
}

// foldedLabels are factLabels folded as text is (Greek final sigma).
var foldedLabels = func() (out [factKinds][]string) {
	for k, ls := range factLabels {
		for _, l := range ls {
			out[k] = append(out[k], strings.ToLower(analysis.Fold(l)))
		}
	}
	return out
}()

// labelledFacts finds labelled facts in text: a line that is a label and
// the next line its value (a definition list), or "label: value" anywhere
// in a line. The first value of each kind wins.
func labelledFacts(text string) [factKinds]string {
	var out [factKinds]string
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" || len(line) > 2000 {
			continue
		}
		folded := strings.ToLower(analysis.Fold(line))
		for k := factKind(0); k < factKinds; k++ {
			if out[k] != "" {
				continue
			}
			for _, l := range foldedLabels[k] {
				if folded == l || folded == l+":" {
					if i+1 < len(lines) {
						if v := strings.TrimSpace(lines[i+1]); v != "" && len(v) < 300 {
							out[k] = v
						}
					}
					break
				}
				if v, ok := afterLabel(line, folded, l); ok {
					out[k] = v
					break
				}
			}
		}
	}
	// A longer label of another kind may contain a shorter one ("date
	// limite d'inscription" holds "date limite" and "date"): the longer,
	// more specific reading wins.
	if out[factRegistration] != "" && out[factDeadline] == out[factRegistration] {
		out[factDeadline] = ""
	}
	if out[factRegistration] != "" && out[factDate] == out[factRegistration] {
		out[factDate] = ""
	}
	return out
}

// afterLabel returns the value after "label:" in line, at the start of the
// line or after a word boundary, up to the end of the sentence.
func afterLabel(line, folded, label string) (string, bool) {
	for from := 0; from < len(folded); {
		i := strings.Index(folded[from:], label)
		if i < 0 {
			return "", false
		}
		i += from
		from = i + len(label)
		if i > 0 && isWordByte(folded[i-1]) {
			continue
		}
		rest := strings.TrimLeft(folded[from:], " \u00a0")
		if !strings.HasPrefix(rest, ":") {
			continue
		}
		// The colon is the n-th of the folded line; folding keeps colons,
		// so the value starts after the n-th colon of the original.
		n := strings.Count(folded[:len(folded)-len(rest)+1], ":")
		orig := line
		for ; n > 0; n-- {
			j := strings.IndexByte(orig, ':')
			if j < 0 {
				return "", false
			}
			orig = orig[j+1:]
		}
		v := strings.TrimSpace(orig)
		if j := strings.Index(v, ". "); j > 0 {
			v = v[:j]
		}
		v = strings.TrimSuffix(v, ".")
		if v == "" || len(v) > 300 {
			return "", false
		}
		return v, true
	}
	return "", false
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 0x80
}

// publishedWords mark a date that is the item's own publication date.
var publishedWords = []string{"publi", "posted", "veroffentlicht", "pubblicat", "opublikowano", "δημοσιευ",
	"ippubblikat", "updated", "mis a jour", "aktualisiert", "aggiornat"}

// proseEventDate returns the first date in the first part of text that is
// not the publication date of the item.
func proseEventDate(text string, published time.Time) (textDate, bool) {
	for _, line := range strings.Split(cutBytes(text, 4000), "\n") {
		folded := strings.ToLower(analysis.Fold(line))
		skip := false
		for _, w := range publishedWords {
			if strings.Contains(folded, w) {
				skip = true
				break
			}
		}
		if skip {
			continue
		}
		for _, d := range findDates(line, "", 3) {
			if !published.IsZero() && d.year == published.Year() && d.month == published.Month() && d.day == published.Day() {
				continue
			}
			return d, true
		}
	}
	return textDate{}, false
}

// deadlineWords introduce a deadline in prose.
var reDeadlinePhrase = regexp.MustCompile(`(?:deadline|closing date|apply by|no later than|date limite|au plus tard le|jusqu'au|einreichungsfrist|antragsfrist|bis zum|bis spatestens|scadenza|entro il|entro|plazo|hasta el|termin|do dnia|προθεσμια|εωσ|skadenza|sal-|sa)\b`)

// reClock is a time of day on its own.
var reClock = regexp.MustCompile(`\b([01]?\d|2[0-3])[:h.]([0-5]\d)\b`)

// proseDeadline returns the first date following a deadline phrase.
func proseDeadline(text string) (textDate, bool) {
	f := strings.ToLower(analysis.Fold(cutBytes(text, 16<<10)))
	for _, m := range reDeadlinePhrase.FindAllStringIndex(f, 20) {
		window := f[m[0]:min(len(f), m[1]+80)]
		if ds := findDates(window, "", 1); len(ds) > 0 {
			d := ds[0]
			// "entro le ore 12:00 del 15 gennaio", "by 17:00 on 3 May": the
			// time may come first.
			if d.hour < 0 {
				if tm := reClock.FindStringSubmatch(window[:d.start]); tm != nil {
					d.hour, _ = strconv.Atoi(tm[1])
					d.min, _ = strconv.Atoi(tm[2])
				}
			}
			return d, true
		}
	}
	return textDate{}, false
}

var (
	// Call identifiers: upper-case parts joined by hyphens, one a year.
	reCallID = regexp.MustCompile(`\b[A-Z][A-Z0-9]{1,11}(?:-[A-Z0-9]{1,12}){1,6}\b`)
	reYear   = regexp.MustCompile(`(?:^|-)20\d\d(?:-|$)`)
	// Amounts of money with their currency before or after.
	reAmount = regexp.MustCompile(`(?i)(eur|€)?\s?(\d{1,3}(?:[ .,\x{00a0}\x{202f}]\d{3})+|\d+(?:[.,]\d+)?)\s?(millions?|mio\.?|mln|millionen|milioni|milione|millones|millón|milhões|milionów|miliony|εκατομμύρια|εκατ\.?|miljun)?\s?(?:d['’]\s?|di\s|de\s)?(eur\b|€|euros?\b|euro\b|ευρώ|ewro)?`)
	// A budget in prose: a budget word, then an amount.
	reBudgetPhrase = regexp.MustCompile(`(?i)(?:budget|enveloppe|dotée?|doté|fördervolumen|fördersumme|dotazione|stanziamento|presupuesto|dotación|budżet|kwot|προϋπολογισμ|baġit|total of|endowed)`)
)

// callIDOf returns the first call identifier in s.
func callIDOf(s string) string {
	for _, m := range reCallID.FindAllString(cutBytes(s, 32<<10), 20) {
		if reYear.MatchString(m) && strings.Count(m, "-") >= 1 {
			return m
		}
	}
	return ""
}

// amountOf reads the first amount with a currency in s, in euros.
func amountOf(s string) (float64, bool) {
	for _, m := range reAmount.FindAllStringSubmatch(s, 10) {
		if m[1] == "" && m[4] == "" {
			continue
		}
		num := m[2]
		var v float64
		if m[3] != "" {
			v, _ = strconv.ParseFloat(strings.ReplaceAll(num, ",", "."), 64)
			v *= 1e6
		} else {
			clean := strings.NewReplacer(" ", "", ".", "", ",", "", "\u00a0", "", "\u202f", "").Replace(num)
			// "2,5" or "12.50": a decimal part, not a thousands group.
			if i := strings.LastIndexAny(num, ".,"); i >= 0 && len(num)-i-1 != 3 {
				clean = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(num[:i])
				clean = strings.NewReplacer(".", "", ",", "").Replace(clean)
			}
			v, _ = strconv.ParseFloat(clean, 64)
		}
		if v > 0 {
			return v, true
		}
	}
	return 0, false
}

// proseBudget returns the first amount after a budget word.
func proseBudget(text string) (float64, bool) {
	t := cutBytes(text, 16<<10)
	for _, m := range reBudgetPhrase.FindAllStringIndex(t, 10) {
		if v, ok := amountOf(t[m[1]:min(len(t), m[1]+80)]); ok {
			return v, true
		}
	}
	return 0, false
}

// onlineOnly reports whether a venue is online only: it says online and
// gives no street address.
func onlineOnly(venue string) bool {
	f := strings.ToLower(analysis.Fold(venue))
	online := false
	for _, w := range []string{"online", "en ligne", "zoom", "teams", "virtual", "webinar", "video", "διαδικτυακ", "in linea"} {
		if strings.Contains(f, w) {
			online = true
		}
	}
	return online && !strings.ContainsAny(f, "0123456789")
}

// knownProgrammes are funding programmes named in prose when no label
// gives one.
var knownProgrammes = []string{"Asylum, Migration and Integration Fund", "AMIF", "FAMI", "European Social Fund Plus",
	"ESF+", "FSE+", "Erasmus+", "CERV"}

// sourceZone is the zone of the source's country, or nil.
func sourceZone(country string) *time.Location {
	return loadZone(countryZones[strings.ToUpper(strings.TrimSpace(country))])
}

// textEvent reads an event from the labelled facts and prose of text.
func textEvent(text string, published time.Time, def *time.Location) *catalog.Event {
	f := labelledFacts(text)
	var e catalog.Event
	var d textDate
	ok := false
	var until *textDate
	if f[factDate] != "" {
		if ds := findDates(f[factDate], "", 2); len(ds) > 0 {
			d, ok = ds[0], true
			// "10 March 2027, 09:00 – 11 March 2027, 16:30": two dates.
			if len(ds) == 2 && d.toHour < 0 && d.toDay == 0 {
				until = &ds[1]
			}
		}
	}
	if !ok {
		d, ok = proseEventDate(text, published)
	}
	if !ok {
		return nil
	}
	var timed bool
	e.Start, timed = d.at(def)
	e.AllDay = !timed
	e.End = d.until(def)
	e.TimeZone = d.zoneName(def)
	if until != nil {
		if until.zone == "" {
			until.zone = d.zone
		}
		e.End, _ = until.at(def)
		if e.TimeZone == "" {
			e.TimeZone = until.zoneName(def)
		}
	}
	if v := f[factVenue]; v != "" {
		e.Location = v
		e.Online = onlineOnly(v)
	}
	if v := f[factRegistration]; v != "" {
		if ds := findDates(v, "", 1); len(ds) > 0 {
			e.RegistrationDeadline, _ = ds[0].at(def)
			if ds[0].hour < 0 {
				e.RegistrationDeadline = e.RegistrationDeadline.Add(24*time.Hour - time.Minute)
			}
		}
	}
	e.Organiser = f[factOrganiser]
	return &e
}

// textFunding reads a funding call from the labelled facts and prose.
func textFunding(text string, def *time.Location) *catalog.Funding {
	facts := labelledFacts(text)
	var fu catalog.Funding
	fu.Programme = facts[factProgramme]
	if fu.Programme == "" {
		for _, p := range knownProgrammes {
			if strings.Contains(text, p) {
				fu.Programme = p
				break
			}
		}
	}
	fu.CallID = callIDOf(facts[factCallID])
	if fu.CallID == "" {
		fu.CallID = callIDOf(text)
	}
	var d textDate
	ok := false
	if v := facts[factDeadline]; v != "" {
		if ds := findDates(v, "", 1); len(ds) > 0 {
			d, ok = ds[0], true
		}
	}
	if !ok {
		d, ok = proseDeadline(text)
	}
	if ok {
		fu.Deadline, _ = d.at(def)
		if d.hour < 0 {
			// A deadline day without a time ends with the day.
			fu.Deadline = fu.Deadline.Add(24*time.Hour - time.Minute)
		}
		fu.TimeZone = d.zoneName(def)
	}
	if v := facts[factOpens]; v != "" {
		if ds := findDates(v, "", 1); len(ds) > 0 {
			fu.Opens, _ = ds[0].at(def)
		}
	}
	if v := facts[factBudget]; v != "" {
		fu.Budget, _ = amountOf(v)
	}
	if fu.Budget == 0 {
		fu.Budget, _ = proseBudget(text)
	}
	if fu.Budget > 0 {
		fu.Currency = "EUR"
	}
	if fu.CallID == "" && fu.Deadline.IsZero() {
		return nil
	}
	return &fu
}

var (
	reCELEX = regexp.MustCompile(`\b([0-9CE])(19|20)(\d{2})([A-Z]{1,2})(\d{4})\b`)
	// "Regulation (EU) 2024/1347", "Directive 2011/98/EU", in several languages.
	reEUAct = regexp.MustCompile(`(?i)\b(regulation|directive|decision|règlement|directive|décision|verordnung|richtlinie|beschluss|regolamento|direttiva|decisione|reglamento|directiva|rozporządzenie|dyrektywa|κανονισμός|οδηγία|regolament|direttiva)\s*\((?:EU|UE|EE|ΕΕ|EG|CE)\)\s*(?:no\.?\s*|n[°º]\s*|nr\.?\s*)?(\d{4})/(\d{1,4})`)
	reELI   = regexp.MustCompile(`https?://[^\s"'<>]*/eli/[^\s"'<>]+`)
	// Entry into force.
	reInForce = regexp.MustCompile(`(?:enters? into force|entry into force|entre(?:ra)? en vigueur|entree en vigueur|in kraft|inkrafttreten|entra in vigore|entrata in vigore|entra en vigor|entrada en vigor|wchodzi w zycie|θεση σε ισχυ|τιθεται σε ισχυ|jidhol fis-sehh)`)
)

// textLegislation reads the identifiers and dates of a legal act.
func textLegislation(title, text string, def *time.Location) *catalog.Legislation {
	var l catalog.Legislation
	src := title + "\n" + cutBytes(text, 32<<10)
	if m := reCELEX.FindStringSubmatch(src); m != nil {
		l.CELEX = m[0]
	} else if m := reEUAct.FindStringSubmatch(src); m != nil {
		kind := "R"
		switch w := strings.ToLower(m[1]); {
		case strings.HasPrefix(w, "direct") || strings.HasPrefix(w, "richt") || strings.HasPrefix(w, "dyrekt") || strings.HasPrefix(w, "οδηγ"):
			kind = "L"
		case strings.HasPrefix(w, "deci") || strings.HasPrefix(w, "déci") || strings.HasPrefix(w, "besch"):
			kind = "D"
		}
		n, _ := strconv.Atoi(m[3])
		l.CELEX = "3" + m[2] + kind + leftPad(strconv.Itoa(n), 4)
	}
	if m := reELI.FindString(src); m != "" {
		l.ELI = strings.TrimRight(m, ".,;)")
	}
	f := strings.ToLower(analysis.Fold(src))
	if m := reInForce.FindStringIndex(f); m != nil {
		// The date is usually within a few words either side.
		window := f[max(0, m[0]-60):min(len(f), m[1]+60)]
		if ds := findDates(window, "", 1); len(ds) > 0 {
			l.InForce, _ = ds[0].at(def)
		}
	}
	if l.CELEX == "" && l.ELI == "" && l.InForce.IsZero() {
		return nil
	}
	return &l
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}
