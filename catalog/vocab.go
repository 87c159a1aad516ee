package catalog

import "slices"

// Term is one entry of a controlled vocabulary: a stable slug stored in the
// catalog and the English name shown when no translation exists.
type Term struct {
	Slug string
	Name string
}

// Theme is one of the six themes with its sub-themes.
type Theme struct {
	Term
	Sub []Term
}

// Themes are the six themes of the hub and their sub-themes.
var Themes = []Theme{
	{Term{"active-citizenship", "Active citizenship"}, []Term{
		{"residence-work-permits", "Residence and work permits"},
		{"civic-citizenship", "Civic citizenship"},
		{"naturalisation", "Naturalisation"},
		{"political-participation", "Political participation"},
		{"volunteering", "Volunteering and third sector"},
		{"consultation-dialogue", "Consultation, mediation and dialogue platforms"},
		{"civic-education", "Civic education"},
	}},
	{Term{"economic-participation", "Economic participation"}, []Term{
		{"employment", "Employment"},
		{"recognition-qualifications", "Recognition of qualifications and skills assessment"},
		{"vocational-training", "Vocational training and career development"},
		{"workforce-diversity", "Workforce diversity and capacity-building"},
		{"entrepreneurship", "Self-employment and entrepreneurship"},
		{"supplier-diversity", "Supplier diversity"},
	}},
	{Term{"social-cohesion", "Social cohesion"}, []Term{
		{"housing", "Housing and urban development"},
		{"social-inclusion", "Social inclusion"},
		{"social-protection", "Social protection"},
		{"health", "Health"},
		{"other-services", "Other services"},
	}},
	{Term{"education-culture", "Education and culture"}, []Term{
		{"school-education", "School education"},
		{"out-of-school-education", "Out-of-school education (lifelong and distance learning)"},
		{"language-competencies", "Language competencies"},
		{"e-learning", "E-learning"},
		{"intercultural-dialogue", "Intercultural and interreligious dialogue"},
		{"cultural-activities", "Cultural activities and diversity"},
	}},
	{Term{"anti-discrimination", "Anti-discrimination and equality"}, []Term{
		{"discrimination-work", "At work"},
		{"discrimination-services", "In service provision"},
		{"access-justice", "Access to justice"},
		{"equal-opportunities", "Equal opportunities"},
		{"positive-action", "Positive action"},
	}},
	{Term{"tools-techniques", "Tools and techniques"}, []Term{
		{"benchmarking", "Benchmarking"},
		{"indicators", "Indicators"},
		{"evaluation", "Evaluations and impact assessments"},
		{"mainstreaming", "Mainstreaming"},
		{"infrastructure", "Infrastructure"},
		{"media", "Media"},
		{"awareness-raising", "Awareness-raising"},
	}},
}

// ContentTypes are the fourteen content types.
var ContentTypes = []Term{
	{"research", "Academic paper or research"},
	{"case-study", "Best practice (case study)"},
	{"event", "Event"},
	{"funding", "Funding information"},
	{"evaluation", "Impact assessment and evaluation"},
	{"legislation", "Legislation"},
	{"organisation", "Organisation website"},
	{"news", "News"},
	{"policy-measure", "Policy measure"},
	{"policy-paper", "Policy paper"},
	{"project", "Project or programme description"},
	{"report", "Report"},
	{"statistics", "Statistics"},
	{"tender", "Tender information"},
}

// Countries covered: the EU, its 27 Member States, Iceland, Norway and
// Switzerland, keyed by ISO 3166-1 alpha-2 ("EL" is not used: Greece is GR).
var Countries = []Term{
	{"EU", "European Union"},
	{"AT", "Austria"}, {"BE", "Belgium"}, {"BG", "Bulgaria"}, {"HR", "Croatia"},
	{"CY", "Cyprus"}, {"CZ", "Czechia"}, {"DK", "Denmark"}, {"EE", "Estonia"},
	{"FI", "Finland"}, {"FR", "France"}, {"DE", "Germany"}, {"GR", "Greece"},
	{"HU", "Hungary"}, {"IE", "Ireland"}, {"IT", "Italy"}, {"LV", "Latvia"},
	{"LT", "Lithuania"}, {"LU", "Luxembourg"}, {"MT", "Malta"}, {"NL", "Netherlands"},
	{"PL", "Poland"}, {"PT", "Portugal"}, {"RO", "Romania"}, {"SK", "Slovakia"},
	{"SI", "Slovenia"}, {"ES", "Spain"}, {"SE", "Sweden"},
	{"IS", "Iceland"}, {"NO", "Norway"}, {"CH", "Switzerland"},
}

// EULanguages are the 24 official languages of the EU (ISO 639-1).
var EULanguages = []string{"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga",
	"hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}

// InterfaceLanguages are the languages of the portal's own text.
var InterfaceLanguages = []string{"en", "fr", "de"}

// ThemeOf returns the theme slug a theme or sub-theme slug belongs to, and
// whether the slug is known.
func ThemeOf(slug string) (string, bool) {
	for _, t := range Themes {
		if t.Slug == slug {
			return t.Slug, true
		}
		for _, s := range t.Sub {
			if s.Slug == slug {
				return t.Slug, true
			}
		}
	}
	return "", false
}

// IsContentType reports whether slug names a content type.
func IsContentType(slug string) bool { return findTerm(ContentTypes, slug) }

// IsCountry reports whether code names a covered country (or "EU").
func IsCountry(code string) bool { return findTerm(Countries, code) }

func findTerm(terms []Term, slug string) bool {
	for _, t := range terms {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// IsSubtheme reports whether slug names a sub-theme.
func IsSubtheme(slug string) bool {
	for _, t := range Themes {
		if findTerm(t.Sub, slug) {
			return true
		}
	}
	return false
}

// ThemeFacets splits a document's theme slugs into the themes they belong
// to (a sub-theme counts for its theme) and the sub-themes, each without
// duplicates, in the order of slugs; unknown slugs are left out.
func ThemeFacets(slugs []string) (themes, subthemes []string) {
	for _, s := range slugs {
		t, ok := ThemeOf(s)
		if !ok {
			continue
		}
		if !slices.Contains(themes, t) {
			themes = append(themes, t)
		}
		if t != s && !slices.Contains(subthemes, s) {
			subthemes = append(subthemes, s)
		}
	}
	return themes, subthemes
}
