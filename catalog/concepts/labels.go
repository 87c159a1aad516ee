package concepts

// Labels of the catalog's own vocabularies (catalog.Themes,
// catalog.ContentTypes, catalog.Countries) in the interface languages, for
// the portal. English names are those of the catalog.

var themeLabels = map[string][3]string{ // en, fr, de
	"active-citizenship":         {"Active citizenship", "Citoyenneté active", "Aktive Bürgerschaft"},
	"residence-work-permits":     {"Residence and work permits", "Titres de séjour et permis de travail", "Aufenthalts- und Arbeitserlaubnisse"},
	"civic-citizenship":          {"Civic citizenship", "Citoyenneté civique", "Bürgerschaftliche Teilhabe"},
	"naturalisation":             {"Naturalisation", "Naturalisation", "Einbürgerung"},
	"political-participation":    {"Political participation", "Participation politique", "Politische Partizipation"},
	"volunteering":               {"Volunteering and third sector", "Bénévolat et tiers secteur", "Ehrenamt und Dritter Sektor"},
	"consultation-dialogue":      {"Consultation, mediation and dialogue platforms", "Consultation, médiation et plateformes de dialogue", "Konsultation, Mediation und Dialogplattformen"},
	"civic-education":            {"Civic education", "Éducation civique", "Politische Bildung"},
	"economic-participation":     {"Economic participation", "Participation économique", "Wirtschaftliche Teilhabe"},
	"employment":                 {"Employment", "Emploi", "Beschäftigung"},
	"recognition-qualifications": {"Recognition of qualifications and skills assessment", "Reconnaissance des qualifications et bilan de compétences", "Anerkennung von Qualifikationen und Kompetenzfeststellung"},
	"vocational-training":        {"Vocational training and career development", "Formation professionnelle et évolution de carrière", "Berufliche Bildung und Laufbahnentwicklung"},
	"workforce-diversity":        {"Workforce diversity and capacity-building", "Diversité du personnel et renforcement des capacités", "Vielfalt in der Belegschaft und Kapazitätsaufbau"},
	"entrepreneurship":           {"Self-employment and entrepreneurship", "Travail indépendant et entrepreneuriat", "Selbstständigkeit und Unternehmertum"},
	"supplier-diversity":         {"Supplier diversity", "Diversité des fournisseurs", "Lieferantenvielfalt"},
	"social-cohesion":            {"Social cohesion", "Cohésion sociale", "Sozialer Zusammenhalt"},
	"housing":                    {"Housing and urban development", "Logement et développement urbain", "Wohnen und Stadtentwicklung"},
	"social-inclusion":           {"Social inclusion", "Inclusion sociale", "Soziale Inklusion"},
	"social-protection":          {"Social protection", "Protection sociale", "Sozialer Schutz"},
	"health":                     {"Health", "Santé", "Gesundheit"},
	"other-services":             {"Other services", "Autres services", "Weitere Dienste"},
	"education-culture":          {"Education and culture", "Éducation et culture", "Bildung und Kultur"},
	"school-education":           {"School education", "Enseignement scolaire", "Schulische Bildung"},
	"out-of-school-education":    {"Out-of-school education (lifelong and distance learning)", "Éducation extrascolaire (formation tout au long de la vie et à distance)", "Außerschulische Bildung (lebenslanges Lernen und Fernunterricht)"},
	"language-competencies":      {"Language competencies", "Compétences linguistiques", "Sprachkompetenzen"},
	"e-learning":                 {"E-learning", "Apprentissage en ligne", "E-Learning"},
	"intercultural-dialogue":     {"Intercultural and interreligious dialogue", "Dialogue interculturel et interreligieux", "Interkultureller und interreligiöser Dialog"},
	"cultural-activities":        {"Cultural activities and diversity", "Activités culturelles et diversité", "Kulturelle Aktivitäten und Vielfalt"},
	"anti-discrimination":        {"Anti-discrimination and equality", "Lutte contre les discriminations et égalité", "Antidiskriminierung und Gleichstellung"},
	"discrimination-work":        {"At work", "Au travail", "Am Arbeitsplatz"},
	"discrimination-services":    {"In service provision", "Dans l'accès aux services", "Bei Dienstleistungen"},
	"access-justice":             {"Access to justice", "Accès à la justice", "Zugang zum Recht"},
	"equal-opportunities":        {"Equal opportunities", "Égalité des chances", "Chancengleichheit"},
	"positive-action":            {"Positive action", "Action positive", "Positive Maßnahmen"},
	"tools-techniques":           {"Tools and techniques", "Outils et techniques", "Werkzeuge und Methoden"},
	"benchmarking":               {"Benchmarking", "Étalonnage", "Benchmarking"},
	"indicators":                 {"Indicators", "Indicateurs", "Indikatoren"},
	"evaluation":                 {"Evaluations and impact assessments", "Évaluations et études d'impact", "Evaluationen und Folgenabschätzungen"},
	"mainstreaming":              {"Mainstreaming", "Approche intégrée", "Mainstreaming"},
	"infrastructure":             {"Infrastructure", "Infrastructures", "Infrastruktur"},
	"media":                      {"Media", "Médias", "Medien"},
	"awareness-raising":          {"Awareness-raising", "Sensibilisation", "Sensibilisierung"},
}

var typeLabels = map[string][3]string{
	"research":       {"Academic paper or research", "Article académique ou recherche", "Wissenschaftliche Arbeit oder Forschung"},
	"case-study":     {"Best practice (case study)", "Bonne pratique (étude de cas)", "Gute Praxis (Fallstudie)"},
	"event":          {"Event", "Événement", "Veranstaltung"},
	"funding":        {"Funding information", "Financements", "Förderinformationen"},
	"evaluation":     {"Impact assessment and evaluation", "Évaluation et étude d'impact", "Evaluation und Folgenabschätzung"},
	"legislation":    {"Legislation", "Législation", "Rechtsvorschriften"},
	"organisation":   {"Organisation website", "Site d'organisation", "Website einer Organisation"},
	"news":           {"News", "Actualités", "Nachrichten"},
	"policy-measure": {"Policy measure", "Mesure politique", "Politische Maßnahme"},
	"policy-paper":   {"Policy paper", "Document d'orientation", "Positionspapier"},
	"project":        {"Project or programme description", "Description de projet ou de programme", "Projekt- oder Programmbeschreibung"},
	"report":         {"Report", "Rapport", "Bericht"},
	"statistics":     {"Statistics", "Statistiques", "Statistiken"},
	"tender":         {"Tender information", "Appels d'offres", "Ausschreibungen"},
}

var countryLabels = map[string][3]string{
	"EU": {"European Union", "Union européenne", "Europäische Union"},
	"AT": {"Austria", "Autriche", "Österreich"}, "BE": {"Belgium", "Belgique", "Belgien"},
	"BG": {"Bulgaria", "Bulgarie", "Bulgarien"}, "HR": {"Croatia", "Croatie", "Kroatien"},
	"CY": {"Cyprus", "Chypre", "Zypern"}, "CZ": {"Czechia", "Tchéquie", "Tschechien"},
	"DK": {"Denmark", "Danemark", "Dänemark"}, "EE": {"Estonia", "Estonie", "Estland"},
	"FI": {"Finland", "Finlande", "Finnland"}, "FR": {"France", "France", "Frankreich"},
	"DE": {"Germany", "Allemagne", "Deutschland"}, "GR": {"Greece", "Grèce", "Griechenland"},
	"HU": {"Hungary", "Hongrie", "Ungarn"}, "IE": {"Ireland", "Irlande", "Irland"},
	"IT": {"Italy", "Italie", "Italien"}, "LV": {"Latvia", "Lettonie", "Lettland"},
	"LT": {"Lithuania", "Lituanie", "Litauen"}, "LU": {"Luxembourg", "Luxembourg", "Luxemburg"},
	"MT": {"Malta", "Malte", "Malta"}, "NL": {"Netherlands", "Pays-Bas", "Niederlande"},
	"PL": {"Poland", "Pologne", "Polen"}, "PT": {"Portugal", "Portugal", "Portugal"},
	"RO": {"Romania", "Roumanie", "Rumänien"}, "SK": {"Slovakia", "Slovaquie", "Slowakei"},
	"SI": {"Slovenia", "Slovénie", "Slowenien"}, "ES": {"Spain", "Espagne", "Spanien"},
	"SE": {"Sweden", "Suède", "Schweden"}, "IS": {"Iceland", "Islande", "Island"},
	"NO": {"Norway", "Norvège", "Norwegen"}, "CH": {"Switzerland", "Suisse", "Schweiz"},
}

func pick(m map[string][3]string, key, lang string) (string, bool) {
	l, ok := m[key]
	if !ok {
		return "", false
	}
	switch lang {
	case "fr":
		return l[1], true
	case "de":
		return l[2], true
	}
	return l[0], true
}

// ThemeLabel returns the name of a theme or sub-theme slug in lang ("en",
// "fr" or "de"; any other language gets English), and false for an
// unknown slug.
func ThemeLabel(slug, lang string) (string, bool) { return pick(themeLabels, slug, lang) }

// TypeLabel returns the name of a content type slug in lang, as
// ThemeLabel does.
func TypeLabel(slug, lang string) (string, bool) { return pick(typeLabels, slug, lang) }

// CountryLabel returns the name of a country code (catalog.Countries) in
// lang, as ThemeLabel does.
func CountryLabel(code, lang string) (string, bool) { return pick(countryLabels, code, lang) }
