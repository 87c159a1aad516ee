package fixtureweb

import (
	"html"
	"strings"
)

// templateWords are the labels of the practice database's template, the
// hub's common template for case studies, in the languages it publishes in.
type templateWords struct {
	Region, Country, TargetGroups, Period, Budget, Funding string
	Partners, Contact, Evaluated, Innovative, Yes, No      string
	Running, AtAGlance                                     string
}

var templateLabels = map[string]templateWords{
	"en": {Region: "Region or city", Country: "Country", TargetGroups: "Target groups", Period: "Period",
		Budget: "Budget", Funding: "Funded by", Partners: "Partners", Contact: "Contact",
		Evaluated: "Evaluated", Innovative: "Innovative", Yes: "Yes", No: "No", Running: "ongoing",
		AtAGlance: "The practice at a glance"},
	"fr": {Region: "Région ou ville", Country: "Pays", TargetGroups: "Publics cibles", Period: "Période",
		Budget: "Budget", Funding: "Financement", Partners: "Partenaires", Contact: "Contact",
		Evaluated: "Évaluée", Innovative: "Innovante", Yes: "Oui", No: "Non", Running: "en cours",
		AtAGlance: "La pratique en bref"},
	"de": {Region: "Region oder Stadt", Country: "Land", TargetGroups: "Zielgruppen", Period: "Zeitraum",
		Budget: "Budget", Funding: "Finanzierung", Partners: "Partner", Contact: "Kontakt",
		Evaluated: "Evaluiert", Innovative: "Innovativ", Yes: "Ja", No: "Nein", Running: "laufend",
		AtAGlance: "Die Praxis auf einen Blick"},
	"it": {Region: "Regione o città", Country: "Paese", TargetGroups: "Destinatari", Period: "Periodo",
		Budget: "Budget", Funding: "Finanziamento", Partners: "Partner", Contact: "Contatto",
		Evaluated: "Valutata", Innovative: "Innovativa", Yes: "Sì", No: "No", Running: "in corso",
		AtAGlance: "La pratica in sintesi"},
}

func templateWordsFor(lang string) templateWords {
	if w, ok := templateLabels[lang]; ok {
		return w
	}
	return templateLabels["en"]
}

// templateFacts lists a case study published on the whole template, in
// the template's order.
func templateFacts(it *Item, c *chrome) []fact {
	cs, w := it.CaseStudy, templateWordsFor(it.Language)
	yesNo := func(b bool) string {
		if b {
			return w.Yes
		}
		return w.No
	}
	period := c.DateOf(cs.Started) + " – "
	if cs.Ended.IsZero() {
		period += w.Running
	} else {
		period += c.DateOf(cs.Ended)
	}
	return []fact{
		{Label: w.Region, Value: cs.Region},
		{Label: w.Country, Value: strings.Join(it.Countries, ", ")},
		{Label: w.TargetGroups, Value: strings.Join(cs.TargetGroups, "; ")},
		{Label: w.Period, Value: period, Time: cs.Started},
		{Label: w.Budget, Value: euros(cs.Budget, c.Lang)},
		{Label: w.Funding, Value: cs.FundingBy},
		{Label: w.Partners, Value: strings.Join(cs.Partners, "; ")},
		{Label: w.Contact, Value: cs.Contact},
		{Label: w.Evaluated, Value: yesNo(cs.Evaluated)},
		{Label: w.Innovative, Value: yesNo(cs.Innovative)},
	}
}

// feedContent is an item's full text as its feed carries it: the body
// and, for a case study on the whole template, the template's
// definition list after it, as a practice database exports its records.
func feedContent(it *Item, base string) string {
	body := renderMarkup(it.body, base)
	if it.CaseStudy == nil || !it.CaseStudy.Template {
		return body
	}
	var b strings.Builder
	b.WriteString(body)
	b.WriteString("\n<dl class=\"practice-template\">\n")
	for _, f := range templateFacts(it, chromeFor(it.Language)) {
		b.WriteString("<dt>" + html.EscapeString(f.Label) + "</dt><dd>" + html.EscapeString(f.Value) + "</dd>\n")
	}
	b.WriteString("</dl>\n")
	return b.String()
}
