package normalizer

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// Case studies: the hub's common template (catalog.CaseStudy) read from a
// page's main text. Practice databases publish the template as a
// definition list ("Region or city" then its value on the next line) and
// the narrative as sections under headings ("Aims", "Activities",
// "Outcomes", "Evaluation"); other publishers write the same facts as
// "Partners: …" lines. Labels and headings are known in the languages of
// csLabels and csHeadings; a document gets a CaseStudy when it is
// classified as a case study and at least one field is found.

// csField names a labelled fact of the template.
type csField int

const (
	csRegion csField = iota
	csTargets
	csPeriod
	csStarted
	csEnded
	csBudget
	csFunding
	csPartners
	csContact
	csEvaluated
	csInnovative
	csLinks
	csFields
)

// csLabels are the labels of the template's facts, by field.
var csLabels = [csFields][]string{
	csRegion: {"region or city", "region", "city", "location", "region ou ville", "région ou ville", "région", "ville",
		"region oder stadt", "stadt", "regione o città", "regione", "città", "region lub miasto", "miasto",
		"περιφέρεια", "πόλη", "reġjun", "belt", "región o ciudad", "ciudad"},
	csTargets: {"target groups", "target group", "target audience", "beneficiaries", "publics cibles", "public cible",
		"bénéficiaires", "zielgruppen", "zielgruppe", "destinatari", "beneficiari", "grupy docelowe", "grupa docelowa",
		"ομάδες-στόχοι", "ομάδα-στόχος", "gruppi fil-mira", "grupos destinatarios"},
	csPeriod: {"period", "duration", "dates", "période", "durée", "zeitraum", "laufzeit", "dauer", "periodo", "durata",
		"okres realizacji", "czas trwania", "διάρκεια", "perjodu", "tul ta' żmien", "duración"},
	csStarted: {"started", "start", "start date", "début", "date de début", "beginn", "start", "inizio", "data di inizio",
		"rozpoczęcie", "έναρξη", "bidu", "inicio"},
	csEnded: {"ended", "end", "end date", "fin", "date de fin", "ende", "fine", "data di fine", "zakończenie", "λήξη",
		"tmiem", "fin"},
	csBudget: {"budget", "total budget", "cost", "budget total", "coût", "gesamtbudget", "kosten", "costo", "dotazione finanziaria", "budżet",
		"koszt", "προϋπολογισμός", "baġit", "presupuesto"},
	csFunding: {"funded by", "funding", "financed by", "financement", "financé par", "finanzierung", "gefördert durch",
		"finanziamento", "finanziato da", "finansowanie", "χρηματοδότηση", "finanzjament", "financiación"},
	csPartners: {"partners", "partner", "partenaires", "partnerinnen und partner", "partnerzy", "εταίροι", "sħab",
		"socios"},
	csContact: {"contact", "contact person", "kontakt", "ansprechpartner", "contatto", "contatti", "επικοινωνία",
		"kuntatt", "contacto"},
	csEvaluated: {"evaluated", "évaluée", "évalué", "evaluiert", "valutata", "valutato", "poddany ewaluacji",
		"αξιολογήθηκε", "evalwat", "evaluada"},
	csInnovative: {"innovative", "innovante", "innovant", "innovativ", "innovativa", "innovativo", "innowacyjny",
		"καινοτόμο", "innovattiv", "innovadora"},
	csLinks: {"links", "website", "more information", "further information", "liens", "site web", "plus d'informations",
		"webseite", "weitere informationen", "sito web", "maggiori informazioni", "strona internetowa", "ιστότοπος",
		"sit elettroniku", "sitio web"},
}

// csSection names a narrative section of the template.
type csSection int

const (
	csAims csSection = iota
	csActivities
	csOutcomes
	csEvaluation
	csSections
)

// csHeadings are the headings of the narrative sections.
var csHeadings = [csSections][]string{
	csAims: {"aims", "aim", "objectives", "goals", "aims and objectives", "purpose", "objectifs", "objectif", "buts",
		"ziele", "ziel", "zielsetzung", "obiettivi", "obiettivo", "finalità", "cele", "cel", "στόχοι", "l-għanijiet",
		"għanijiet", "objetivos", "doelen"},
	csActivities: {"activities", "actions", "what was done", "activités", "actions menées", "maßnahmen", "aktivitäten",
		"angebote", "attività", "azioni", "działania", "δράσεις", "δραστηριότητες", "attivitajiet", "actividades",
		"activiteiten"},
	csOutcomes: {"outcomes", "results", "achievements", "impact", "résultats", "ergebnisse", "wirkung", "risultati",
		"rezultaty", "efekty", "αποτελέσματα", "riżultati", "resultados", "resultaten"},
	csEvaluation: {"evaluation", "assessment", "evaluation and lessons learned", "évaluation", "evaluierung",
		"valutazione", "ewaluacja", "ocena", "αξιολόγηση", "evalwazzjoni", "evaluación", "evaluatie"},
}

var (
	foldedCSLabels   = foldLists(csLabels[:])
	foldedCSHeadings = foldLists(csHeadings[:])
	yesWords         = map[string]bool{"yes": true, "oui": true, "ja": true, "si": true, "tak": true, "ναι": true,
		"iva": true, "true": true, "x": true}
	reWebAddress = regexp.MustCompile(`https?://[^\s"'<>;,]+`)
)

func foldLists(lists [][]string) [][]string {
	out := make([][]string, len(lists))
	for i, ls := range lists {
		for _, l := range ls {
			out[i] = append(out[i], strings.ToLower(analysis.Fold(l)))
		}
	}
	return out
}

// foldedLine folds a line for comparing it with labels: lower case, no
// diacritics, no trailing colon.
func foldedLine(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.ToLower(analysis.Fold(strings.TrimSpace(s))), ":"))
}

// textCaseStudy reads the template from a case study's plain text (as
// plainText writes it) in language lang; nil when no field is found. def
// is the zone dates are read in. It is a pure function of its arguments.
func textCaseStudy(text, lang string, def *time.Location) *catalog.CaseStudy {
	text = cutBytes(text, MaxText)
	facts := caseStudyFacts(text)
	secs := caseStudySections(text)
	var c catalog.CaseStudy
	c.Region = facts[csRegion]
	c.TargetGroups = splitList(facts[csTargets])
	c.Partners = splitList(facts[csPartners])
	c.FundingBy = facts[csFunding]
	c.Contact = facts[csContact]
	c.Started, c.Ended = caseStudyPeriod(facts, lang, def)
	if v := facts[csBudget]; v != "" {
		if b, ok := amountOf(v); ok {
			c.Budget, c.Currency = b, "EUR"
		}
	}
	c.Aims, c.Activities = secs[csAims], secs[csActivities]
	c.Outcomes, c.Evaluation = secs[csOutcomes], secs[csEvaluation]
	// Stated criteria win; without a statement, a section on the
	// evaluation's findings means the practice was evaluated.
	if v := facts[csEvaluated]; v != "" {
		c.Evaluated = yesWords[foldedLine(firstWord(v))]
	} else {
		c.Evaluated = c.Evaluation != ""
	}
	c.Innovative = yesWords[foldedLine(firstWord(facts[csInnovative]))]
	for _, u := range reWebAddress.FindAllString(facts[csLinks], catalog.MaxCaseStudyList) {
		c.Links = append(c.Links, strings.TrimRight(u, ".)"))
	}
	if c.Ended.Before(c.Started) {
		c.Ended = time.Time{}
	}
	if isEmptyCaseStudy(&c) {
		return nil
	}
	return &c
}

func isEmptyCaseStudy(c *catalog.CaseStudy) bool {
	return c.Region == "" && len(c.TargetGroups) == 0 && len(c.Partners) == 0 && c.FundingBy == "" &&
		c.Contact == "" && c.Started.IsZero() && c.Budget == 0 && c.Aims == "" && c.Activities == "" &&
		c.Outcomes == "" && c.Evaluation == "" && !c.Evaluated && !c.Innovative && len(c.Links) == 0
}

func firstWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == ';' || r == '(' })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// caseStudyFacts finds the labelled facts: first a definition list (a
// line that is a label, its value on the next line), then "Label: value"
// at the start of a line. The first value of each field wins.
func caseStudyFacts(text string) [csFields]string {
	var out [csFields]string
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		l := foldedLine(lines[i])
		if l == "" || len(l) > 60 {
			continue
		}
		if f, ok := csFieldOf(l); ok && out[f] == "" {
			if v := strings.TrimSpace(lines[i+1]); v != "" && !isCSLabel(v) {
				out[f] = csValue(v)
				i++
			}
		}
	}
	for _, line := range lines {
		k, v, ok := strings.Cut(line, ":")
		if !ok || len(k) > 60 {
			continue
		}
		if f, ok := csFieldOf(foldedLine(k)); ok && out[f] == "" {
			v = strings.TrimSuffix(strings.TrimSpace(v), ".")
			out[f] = csValue(v)
		}
	}
	return out
}

// csValue bounds a fact's value.
func csValue(v string) string {
	return truncateRunes(strings.TrimSpace(v), 2000)
}

func csFieldOf(folded string) (csField, bool) {
	for f := csField(0); f < csFields; f++ {
		for _, l := range foldedCSLabels[f] {
			if folded == l {
				return f, true
			}
		}
	}
	return 0, false
}

func isCSLabel(line string) bool {
	_, ok := csFieldOf(foldedLine(line))
	return ok
}

func csSectionOf(para string) (csSection, bool) {
	if strings.Contains(para, "\n") || len(para) > 80 {
		return 0, false
	}
	folded := foldedLine(para)
	for s := csSection(0); s < csSections; s++ {
		for _, h := range foldedCSHeadings[s] {
			if folded == h {
				return s, true
			}
		}
	}
	return 0, false
}

// caseStudySections collects the paragraphs under each known heading, up
// to the next heading or definition list.
func caseStudySections(text string) [csSections]string {
	var parts [csSections][]string
	cur := csSection(-1)
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if s, ok := csSectionOf(p); ok {
			cur = s
			if len(parts[s]) > 0 { // a second heading of a kind ends the first
				cur = -1
			}
			continue
		}
		first, _, _ := strings.Cut(p, "\n")
		if headingLike(p) || isCSLabel(first) {
			cur = -1
			continue
		}
		if cur >= 0 {
			parts[cur] = append(parts[cur], p)
		}
	}
	var out [csSections]string
	for s, ps := range parts {
		out[s] = truncateRunes(strings.Join(ps, "\n\n"), catalog.MaxCaseStudyField)
	}
	return out
}

// caseStudyPeriod reads the start and end from "Started"/"Ended" facts or
// a period ("1 March 2024 – 28 February 2027", "September 2023 – August
// 2026"); an end is only taken from a period that names two dates. They
// are calendar days, kept as midnight UTC so that no zone shifts them.
func caseStudyPeriod(facts [csFields]string, lang string, def *time.Location) (start, end time.Time) {
	if def == nil {
		def = time.UTC
	}
	first := func(s string) time.Time {
		ds := periodDates(s, lang, def)
		if len(ds) == 0 {
			return time.Time{}
		}
		return ds[0]
	}
	start, end = first(facts[csStarted]), first(facts[csEnded])
	if start.IsZero() {
		ds := periodDates(facts[csPeriod], lang, def)
		if len(ds) > 0 {
			start = ds[0]
		}
		if len(ds) > 1 && end.IsZero() {
			end = ds[1]
		}
	}
	return start, end
}

// reMonthYear is a month name and a year: "September 2023", "Januar 2024".
var reMonthYear = regexp.MustCompile(`(\p{L}{3,14})\.?\s+(\d{4})\b`)

// periodDates returns up to two dates in s: full dates when s has them,
// else months ("September 2023", read as its first day).
func periodDates(s, lang string, def *time.Location) []time.Time {
	if s == "" {
		return nil
	}
	var out []time.Time
	for _, d := range findDates(s, lang, 2) {
		if t, _ := d.at(def); !t.IsZero() {
			out = append(out, time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	if len(out) > 0 {
		return out
	}
	f := strings.ToLower(analysis.Fold(s))
	for _, m := range reMonthYear.FindAllStringSubmatch(f, 2) {
		mon := monthOf(m[1], lang)
		y := atoiSafe(m[2])
		if mon > 0 && y >= minYear && y <= maxYear {
			out = append(out, time.Date(y, time.Month(mon), 1, 0, 0, 0, 0, time.UTC))
		}
	}
	return out
}

func atoiSafe(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1e6 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// splitList splits a list written with semicolons (or, without any, with
// commas) into at most catalog.MaxCaseStudyList entries.
func splitList(v string) []string {
	if v == "" {
		return nil
	}
	sep := ";"
	if !strings.Contains(v, ";") {
		sep = ","
	}
	var out []string
	for _, s := range strings.Split(v, sep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
		if len(out) == catalog.MaxCaseStudyList {
			break
		}
	}
	return out
}

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
