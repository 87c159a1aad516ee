package relevance

// The documents of the fixture web, by the path of their URL. Each was
// read against every query; mtFestival, enWeek and itGardens are relevant
// to none (they touch the set's topics only in passing).
const (
	// German.
	deFunding      = "/bfti/DE/Aktuelles/2026/foerderaufruf-migrantenorganisationen-2027.html"
	deDiversity    = "/bfti/DE/Aktuelles/2026/kampagne-vielfalt-im-amt.html"
	deHealth       = "/bfti/DE/Praxis/gesundheitslotsen-leipzig.html"
	deRecognition  = "/bfti/DE/Recht/verordnung-beschleunigung-anerkennung.html"
	deCourseStats  = "/bfti/DE/Statistik/integrationskurse-bilanz-2025.html"
	deCourseDay    = "/bfti/DE/Veranstaltungen/fachtag-integrationskurse-nuernberg-2026.html"
	deReview       = "/eio/de/aktuelles/halbzeitbilanz-aktionsplan-integration"
	deDigital      = "/eio/de/publikationen/politikpapier-digitale-werkzeuge"
	deRecogWorksh  = "/eio/de/veranstaltungen/workshop-anerkennung-qualifikationen-wien"
	deKindergarten = "/irc/de/publikationen/bericht-sprachfoerderung-kindergarten"
	deNaturalAT    = "/irc/de/publikationen/einbuergerungen-oesterreich-2025"
	deWomenWork    = "/irc/de/publikationen/policy-brief-arbeitsmarktintegration-gefluechteter-frauen"
	deLangAtWork   = "/eio/de/veranstaltungen/online-seminar-sprachfoerderung-beruf"
	deNurseGuides  = "/practices/de/gute-praxis/wien-anerkennungslotsen-pflege"
	deDigitalBoard = "/practices/de/gute-praxis/zuerich-migrationsbeirat-digital"

	// English.
	enConference   = "/cities/en/events/annual-conference-bologna-2027"
	enReviewCopy   = "/cities/en/news/eio-action-plan-review-republished"
	enHousingFirst = "/cities/en/news/housing-first-ten-cities-report"
	enAntiRacism   = "/cities/en/news/joint-statement-local-anti-racism-plans"
	enMentoring    = "/cities/en/practices/tampere-job-mentoring"
	enForum        = "/eio/en/events/european-integration-forum-2027"
	enIndicators   = "/eio/en/events/webinar-integration-indicators"
	enCall         = "/eio/en/funding/call-local-integration-partnerships"
	enOneStop      = "/eio/en/good-practices/one-stop-migrant-centres-portugal"
	enDirective    = "/eio/en/legislation/directive-equal-treatment-vocational-training"
	enReview       = "/eio/en/news/action-plan-midterm-review"
	enInterpreters = "/filoxenia/en/community-interpreters-health-centres/"
	enSchool       = "/filoxenia/en/policy-brief-school-enrolment-islands/"
	enGrants       = "/filoxenia/en/small-grants-refugee-led-initiatives-2026/"
	enSeminar      = "/irc/events/research-seminar-counting-new-citizens"
	enEmployRates  = "/irc/publications/employment-rates-third-country-nationals-2025"
	enMentorEval   = "/irc/publications/evaluation-tampere-job-mentoring"
	enNaturalTrend = "/irc/publications/naturalisation-trends-2015-2025"
	enVoting       = "/irc/publications/working-paper-local-voting-rights"
	enMaltese      = "/kenn/en/news/maltese-classes-for-parents"
	enJobReadiness = "/kenn/en/news/project-hidma-job-readiness"
	enYoungMentors = "/kenn/en/news/volunteer-mentors-young-newcomers"
	enWeek         = "/eio/en/events/european-week-of-integration-2027"
	enFamilyMentor = "/practices/en/good-practices/barcelona-neighbourhood-family-mentors"
	enSponsorship  = "/practices/en/good-practices/cork-community-sponsorship"
	enWomenBiz     = "/practices/en/good-practices/malmo-women-entrepreneurs"

	// French.
	frReview        = "/eio/fr/actualites/revision-plan-action-integration"
	frHousing       = "/eio/fr/evenements/seminaire-logement-integration-lyon"
	frWomen         = "/eio/fr/financements/appel-autonomie-femmes-migrantes"
	frParticipation = "/eio/fr/publications/rapport-participation-politique-locale"
	frJobsCall      = "/ministere-fr/actualites/appel-a-projets-parcours-emploi-2027.html"
	frWelcomeGuide  = "/ministere-fr/actualites/guide-accueil-primo-arrivants-collectivites.html"
	frReviewCopy    = "/ministere-fr/actualites/plan-action-europeen-revision-mi-parcours.html"
	frCitizenForum  = "/ministere-fr/agenda/forum-national-citoyennete-marseille.html"
	frKeyFigures    = "/ministere-fr/chiffres/chiffres-cles-integration-2025.html"
	frDecree        = "/ministere-fr/textes/decret-contrat-integration-citoyenne.html"
	frJobMentoring  = "/eio/fr/evenements/webinaire-parrainage-emploi-refugies"
	frLangAtWork    = "/practices/fr/bonnes-pratiques/liege-parrainage-linguistique-entreprise"
	frHealthMediate = "/practices/fr/bonnes-pratiques/luxembourg-mediatrices-sante"

	// Italian.
	itLanguage = "/cities/it/buone-pratiche/bologna-italiano-nei-quartieri"
	itHousing  = "/cities/it/eventi/laboratorio-torino-accoglienza-abitare"
	itFunding  = "/cities/it/notizie/bando-microprogetti-quartiere-2027"
	itOneStop  = "/cities/it/notizie/milano-sportello-unico-cittadini-stranieri"
	itCouncil  = "/cities/it/notizie/palermo-consulta-delle-culture"
	itGardens  = "/practices/it/buone-pratiche/napoli-orti-interculturali"

	// Polish.
	plFigures  = "/cities/pl/aktualnosci/cudzoziemcy-w-miastach-dane-2025"
	plCouncil  = "/cities/pl/aktualnosci/lublin-projekt-rada-migrantow"
	plSchool   = "/cities/pl/aktualnosci/wroclaw-asystenci-miedzykulturowi"
	plOneStop  = "/cities/pl/dobre-praktyki/gdansk-punkt-wsparcia-cudzoziemcow"
	plStrategy = "/cities/pl/wydarzenia/warsztaty-lokalne-strategie-integracji-gdansk"

	// Greek.
	elEmployment   = "/filoxenia/el/ekthesi-apasxolisi-prosfygon-2026/"
	elVolunteers   = "/filoxenia/el/ethelontes-mathimata-ellinikon/"
	elSchool       = "/filoxenia/el/imera-enimerosis-ekpaideusi-paidion-prosfygon/"
	elInterpreters = "/filoxenia/el/koinotikoi-diermineis-kentra-ygeias/"
	elLaw          = "/filoxenia/el/neos-nomos-entaxis-dikaiouxoi-diethnous-prostasias/"

	// Maltese.
	mtPermits  = "/kenn/mt/ahbarijiet/avviz-legali-permessi-tax-xoghol"
	mtFestival = "/kenn/mt/ahbarijiet/festival-tal-kulturi-2026"
	mtClasses  = "/kenn/mt/ahbarijiet/klassijiet-tal-malti-ghall-genituri"
	mtFund     = "/kenn/mt/ahbarijiet/sejha-fond-inkluzjoni-lokali-2027"
	mtRental   = "/kenn/mt/ahbarijiet/studju-diskriminazzjoni-kiri"
)

// Copies maps the documents the fixture web republishes to the originals
// they copy (their "duplicate-of").
var Copies = map[string]string{
	enReviewCopy: enReview,
	frReviewCopy: frReview,
}

// Topics judged once and asked in several languages: which documents are
// about what, whatever their language.
var (
	naturalisation = map[string]int{enNaturalTrend: 2, enSeminar: 2, deNaturalAT: 2,
		enVoting: 1, frKeyFigures: 1}
	labourMarket = map[string]int{deWomenWork: 2, enJobReadiness: 2, enMentoring: 2,
		frJobsCall: 2, elEmployment: 2, frWomen: 2, enMentorEval: 1, enEmployRates: 1,
		enWomenBiz: 2, frJobMentoring: 2, deNurseGuides: 1, frLangAtWork: 1, deLangAtWork: 1}
	recognition = map[string]int{deRecognition: 2, deRecogWorksh: 2, enJobReadiness: 1,
		frJobsCall: 1, elEmployment: 1, deNurseGuides: 2}
	housing = map[string]int{enHousingFirst: 2, frHousing: 2, itHousing: 2, mtRental: 2,
		enReview: 1, frReview: 1, deReview: 1, elLaw: 1, enSponsorship: 1}
	languageCourses = map[string]int{deCourseStats: 2, deCourseDay: 2, enMaltese: 2,
		mtClasses: 2, itLanguage: 2, elVolunteers: 2, frDecree: 1, deKindergarten: 1,
		frLangAtWork: 2, deLangAtWork: 2}
	schooling = map[string]int{enSchool: 2, elSchool: 2, plSchool: 2, deKindergarten: 1,
		enYoungMentors: 1, enFamilyMentor: 1}
	health = map[string]int{deHealth: 2, enInterpreters: 2, elInterpreters: 2,
		frHealthMediate: 2}
	participation = map[string]int{frParticipation: 2, enVoting: 2, itCouncil: 2,
		plCouncil: 2, frCitizenForum: 1, enForum: 1, enConference: 1, deDigitalBoard: 2}
	discrimination = map[string]int{enAntiRacism: 2, mtRental: 2, deDiversity: 1,
		enDirective: 1}
	oneStop    = map[string]int{enOneStop: 2, itOneStop: 2, plOneStop: 2}
	indicators = map[string]int{enIndicators: 2, enEmployRates: 1, frKeyFigures: 1,
		deCourseStats: 1, enNaturalTrend: 1, plFigures: 1, plStrategy: 1}
	funding = map[string]int{enCall: 2, frWomen: 2, frJobsCall: 2, deFunding: 2,
		itFunding: 2, mtFund: 2, enGrants: 2}
	mentoring = map[string]int{enMentoring: 2, enMentorEval: 2, enYoungMentors: 1,
		frJobMentoring: 2, enFamilyMentor: 1, frLangAtWork: 1}
	vocational = map[string]int{enDirective: 2, deWomenWork: 1, enJobReadiness: 1,
		deRecogWorksh: 1, frJobsCall: 1, frWomen: 1, deNurseGuides: 1, enWomenBiz: 1,
		frLangAtWork: 1, deLangAtWork: 1}
	volunteering = map[string]int{enYoungMentors: 2, elVolunteers: 2, enGrants: 1,
		deFunding: 1, deHealth: 1, frCitizenForum: 1, enFamilyMentor: 2, enSponsorship: 2,
		frJobMentoring: 1}
	review         = map[string]int{enReview: 2, frReview: 2, deReview: 2}
	employmentRate = map[string]int{enEmployRates: 2, elEmployment: 1, frKeyFigures: 1}
	digital        = map[string]int{deDigital: 2, deCourseDay: 1, deDigitalBoard: 1}
	permits        = map[string]int{mtPermits: 2, elLaw: 1, enOneStop: 1, itOneStop: 1,
		deRecognition: 1}
	statistics = map[string]int{enEmployRates: 2, enNaturalTrend: 2, deNaturalAT: 2,
		deCourseStats: 2, frKeyFigures: 2, plFigures: 2}
	refugeeWomen  = map[string]int{frWomen: 2, deWomenWork: 2, enWomenBiz: 2}
	publicService = map[string]int{deDiversity: 2}
	welcome       = map[string]int{frWelcomeGuide: 2, frDecree: 1, frJobsCall: 1, enOneStop: 1,
		enFamilyMentor: 2, enSponsorship: 2, frLangAtWork: 1}
	integrationContract = map[string]int{frDecree: 2, frKeyFigures: 1, frWelcomeGuide: 1}
	integrationCourses  = map[string]int{deCourseStats: 2, deCourseDay: 2}
	equalTreatment      = map[string]int{enDirective: 2, enAntiRacism: 1}
)

// Queries is the judged set: the same needs asked in English, French and
// German, in the words each language would use.
var Queries = []Query{
	{"en", "naturalisation", naturalisation},
	{"en", "labour market integration", labourMarket},
	{"en", "recognition of qualifications", recognition},
	{"en", "housing", housing},
	{"en", "language courses", languageCourses},
	{"en", "school education of refugee children", schooling},
	{"en", "health", health},
	{"en", "political participation", participation},
	{"en", "discrimination", discrimination},
	{"en", "one-stop shop for migrants", oneStop},
	{"en", "integration indicators", indicators},
	{"en", "call for proposals", funding},
	{"en", "job mentoring", mentoring},
	{"en", "vocational training", vocational},
	{"en", "volunteering", volunteering},
	{"en", "mid-term review of the action plan", review},
	{"en", "employment rate", employmentRate},
	{"en", "digital tools", digital},
	{"en", "work permits", permits},

	{"fr", "naturalisation", naturalisation},
	{"fr", "intégration professionnelle", labourMarket},
	{"fr", "reconnaissance des diplômes", recognition},
	{"fr", "logement", housing},
	{"fr", "cours de langue", languageCourses},
	{"fr", "scolarisation des enfants réfugiés", schooling},
	{"fr", "santé", health},
	{"fr", "participation politique", participation},
	{"fr", "discrimination", discrimination},
	{"fr", "guichet unique", oneStop},
	{"fr", "indicateurs d'intégration", indicators},
	{"fr", "appel à projets", funding},
	{"fr", "formation professionnelle", vocational},
	{"fr", "bénévolat", volunteering},
	{"fr", "révision à mi-parcours du plan d'action", review},
	{"fr", "emploi des femmes migrantes", refugeeWomen},
	{"fr", "statistiques", statistics},
	{"fr", "accueil des primo-arrivants", welcome},
	{"fr", "contrat d'intégration", integrationContract},

	{"de", "Einbürgerung", naturalisation},
	{"de", "berufliche Integration", labourMarket},
	{"de", "Anerkennung ausländischer Abschlüsse", recognition},
	{"de", "Wohnen", housing},
	{"de", "Sprachkurse", languageCourses},
	{"de", "Schulbildung geflüchteter Kinder", schooling},
	{"de", "Gesundheit", health},
	{"de", "politische Teilhabe", participation},
	{"de", "Diskriminierung", discrimination},
	{"de", "Integrationskurse", integrationCourses},
	{"de", "Förderaufruf", funding},
	{"de", "Ehrenamt", volunteering},
	{"de", "Mentoring", mentoring},
	{"de", "Berufsausbildung", vocational},
	{"de", "Statistik", statistics},
	{"de", "Gleichbehandlung", equalTreatment},
	{"de", "Arbeitserlaubnis", permits},
	{"de", "Vielfalt im öffentlichen Dienst", publicService},
	{"de", "digitale Werkzeuge", digital},
}
