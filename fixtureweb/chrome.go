package fixtureweb

import (
	"fmt"
	"time"
)

// chrome holds the words around an article (menus, banners, labels) in one
// language, so every page's furniture matches its <html lang>.
type chrome struct {
	Lang, LangName, Locale                                string
	Home, News, Events, Funding, Publications, Practices  string
	Legislation, About, Contact, Search, Menu, YouAreHere string
	CookieText, CookieAccept, CookieRefuse                string
	Share, Print, Email, Related, OtherLanguages          string
	Published, Updated, Author                            string
	Comments, LeaveComment, CommentName, CommentText      string
	CommentSubmit, Legal, Privacy, Accessibility          string
	Fictional, Date, Venue, Registration                  string
	Programme, CallID, Deadline, Budget                   string
	Partners, Duration, ContactLabel, AddToCalendar       string
	Subscribe                                             string
	Months                                                [12]string
}

var chromes = map[string]*chrome{
	"en": {
		Lang: "en", LangName: "English", Locale: "en_GB",
		Home: "Home", News: "News", Events: "Events", Funding: "Funding",
		Publications: "Publications", Practices: "Good practices", Legislation: "Legislation",
		About: "About us", Contact: "Contact", Search: "Search", Menu: "Main menu", YouAreHere: "You are here:",
		CookieText:   "We use cookies to measure visits and improve this site. You can accept or refuse non-essential cookies.",
		CookieAccept: "Accept all", CookieRefuse: "Only essential cookies",
		Share: "Share this page", Print: "Print", Email: "Send by email", Related: "Related links",
		OtherLanguages: "This page in other languages", Published: "Published", Updated: "Last updated",
		Author: "Author", Comments: "Comments", LeaveComment: "Leave a comment", CommentName: "Name",
		CommentText: "Comment", CommentSubmit: "Post comment", Legal: "Legal notice", Privacy: "Privacy policy",
		Accessibility: "Accessibility",
		Fictional:     "This website is fictional: it was invented to test the EWSI Hub software, and every organisation, person and figure on it is made up.",
		Date:          "Date", Venue: "Venue", Registration: "Registration deadline", Programme: "Programme",
		CallID: "Call identifier", Deadline: "Deadline for applications", Budget: "Budget", Partners: "Partners",
		Duration: "Duration", ContactLabel: "Contact", AddToCalendar: "Add to calendar", Subscribe: "Subscribe",
		Months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December"},
	},
	"fr": {
		Lang: "fr", LangName: "Français", Locale: "fr_FR",
		Home: "Accueil", News: "Actualités", Events: "Événements", Funding: "Financements",
		Publications: "Publications", Practices: "Bonnes pratiques", Legislation: "Législation",
		About: "Qui sommes-nous", Contact: "Contact", Search: "Rechercher", Menu: "Menu principal", YouAreHere: "Vous êtes ici :",
		CookieText:   "Nous utilisons des cookies pour mesurer l'audience et améliorer ce site. Vous pouvez accepter ou refuser les cookies non essentiels.",
		CookieAccept: "Tout accepter", CookieRefuse: "Cookies essentiels uniquement",
		Share: "Partager cette page", Print: "Imprimer", Email: "Envoyer par courriel", Related: "Liens utiles",
		OtherLanguages: "Cette page dans d'autres langues", Published: "Publié le", Updated: "Mis à jour le",
		Author: "Auteur", Comments: "Commentaires", LeaveComment: "Laisser un commentaire", CommentName: "Nom",
		CommentText: "Commentaire", CommentSubmit: "Publier le commentaire", Legal: "Mentions légales",
		Privacy: "Données personnelles", Accessibility: "Accessibilité",
		Fictional: "Ce site est fictif : il a été inventé pour tester le logiciel EWSI Hub, et toutes les organisations, personnes et données qui y figurent sont imaginaires.",
		Date:      "Date", Venue: "Lieu", Registration: "Date limite d'inscription", Programme: "Programme",
		CallID: "Référence de l'appel", Deadline: "Date limite de dépôt", Budget: "Budget", Partners: "Partenaires",
		Duration: "Durée", ContactLabel: "Contact", AddToCalendar: "Ajouter à l'agenda", Subscribe: "S'abonner",
		Months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
			"septembre", "octobre", "novembre", "décembre"},
	},
	"de": {
		Lang: "de", LangName: "Deutsch", Locale: "de_DE",
		Home: "Startseite", News: "Aktuelles", Events: "Veranstaltungen", Funding: "Förderung",
		Publications: "Publikationen", Practices: "Praxisbeispiele", Legislation: "Recht",
		About: "Über uns", Contact: "Kontakt", Search: "Suche", Menu: "Hauptmenü", YouAreHere: "Sie sind hier:",
		CookieText:   "Wir verwenden Cookies, um die Nutzung dieser Website zu messen und sie zu verbessern. Sie können nicht notwendige Cookies zulassen oder ablehnen.",
		CookieAccept: "Alle akzeptieren", CookieRefuse: "Nur notwendige Cookies",
		Share: "Seite teilen", Print: "Drucken", Email: "Per E-Mail versenden", Related: "Weiterführende Links",
		OtherLanguages: "Diese Seite in anderen Sprachen", Published: "Veröffentlicht am", Updated: "Zuletzt aktualisiert",
		Author: "Autor", Comments: "Kommentare", LeaveComment: "Kommentar schreiben", CommentName: "Name",
		CommentText: "Kommentar", CommentSubmit: "Kommentar absenden", Legal: "Impressum", Privacy: "Datenschutz",
		Accessibility: "Barrierefreiheit",
		Fictional:     "Diese Website ist fiktiv: Sie wurde erfunden, um die Software EWSI Hub zu testen. Alle Organisationen, Personen und Zahlen sind ausgedacht.",
		Date:          "Datum", Venue: "Ort", Registration: "Anmeldeschluss", Programme: "Programm",
		CallID: "Kennung des Aufrufs", Deadline: "Einreichungsfrist", Budget: "Budget", Partners: "Partner",
		Duration: "Laufzeit", ContactLabel: "Kontakt", AddToCalendar: "Zum Kalender hinzufügen", Subscribe: "Abonnieren",
		Months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
			"September", "Oktober", "November", "Dezember"},
	},
	"it": {
		Lang: "it", LangName: "Italiano", Locale: "it_IT",
		Home: "Home", News: "Notizie", Events: "Eventi", Funding: "Finanziamenti",
		Publications: "Pubblicazioni", Practices: "Buone pratiche", Legislation: "Normativa",
		About: "Chi siamo", Contact: "Contatti", Search: "Cerca", Menu: "Menu principale", YouAreHere: "Ti trovi in:",
		CookieText:   "Usiamo i cookie per misurare le visite e migliorare questo sito. Puoi accettare o rifiutare i cookie non essenziali.",
		CookieAccept: "Accetta tutti", CookieRefuse: "Solo cookie essenziali",
		Share: "Condividi questa pagina", Print: "Stampa", Email: "Invia per email", Related: "Link correlati",
		OtherLanguages: "Questa pagina in altre lingue", Published: "Pubblicato il", Updated: "Ultimo aggiornamento",
		Author: "Autore", Comments: "Commenti", LeaveComment: "Lascia un commento", CommentName: "Nome",
		CommentText: "Commento", CommentSubmit: "Invia commento", Legal: "Note legali", Privacy: "Informativa sulla privacy",
		Accessibility: "Accessibilità",
		Fictional:     "Questo sito è fittizio: è stato inventato per mettere alla prova il software EWSI Hub, e tutte le organizzazioni, le persone e i dati che vi compaiono sono immaginari.",
		Date:          "Data", Venue: "Luogo", Registration: "Scadenza iscrizioni", Programme: "Programma",
		CallID: "Codice del bando", Deadline: "Scadenza per le domande", Budget: "Dotazione finanziaria", Partners: "Partner",
		Duration: "Durata", ContactLabel: "Contatti", AddToCalendar: "Aggiungi al calendario", Subscribe: "Iscriviti",
		Months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
			"settembre", "ottobre", "novembre", "dicembre"},
	},
	"pl": {
		Lang: "pl", LangName: "Polski", Locale: "pl_PL",
		Home: "Strona główna", News: "Aktualności", Events: "Wydarzenia", Funding: "Finansowanie",
		Publications: "Publikacje", Practices: "Dobre praktyki", Legislation: "Prawo",
		About: "O nas", Contact: "Kontakt", Search: "Szukaj", Menu: "Menu główne", YouAreHere: "Jesteś tutaj:",
		CookieText:   "Używamy plików cookie, aby mierzyć ruch i ulepszać tę stronę. Możesz zaakceptować lub odrzucić pliki cookie, które nie są niezbędne.",
		CookieAccept: "Akceptuj wszystkie", CookieRefuse: "Tylko niezbędne",
		Share: "Udostępnij stronę", Print: "Drukuj", Email: "Wyślij e-mailem", Related: "Powiązane linki",
		OtherLanguages: "Ta strona w innych językach", Published: "Opublikowano", Updated: "Ostatnia aktualizacja",
		Author: "Autor", Comments: "Komentarze", LeaveComment: "Dodaj komentarz", CommentName: "Imię",
		CommentText: "Komentarz", CommentSubmit: "Opublikuj komentarz", Legal: "Nota prawna",
		Privacy: "Polityka prywatności", Accessibility: "Dostępność",
		Fictional: "Ta strona jest fikcyjna: powstała na potrzeby testowania oprogramowania EWSI Hub, a wszystkie organizacje, osoby i dane są zmyślone.",
		Date:      "Data", Venue: "Miejsce", Registration: "Termin rejestracji", Programme: "Program",
		CallID: "Numer naboru", Deadline: "Termin składania wniosków", Budget: "Budżet", Partners: "Partnerzy",
		Duration: "Czas trwania", ContactLabel: "Kontakt", AddToCalendar: "Dodaj do kalendarza", Subscribe: "Subskrybuj",
		Months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
			"września", "października", "listopada", "grudnia"},
	},
	"el": {
		Lang: "el", LangName: "Ελληνικά", Locale: "el_GR",
		Home: "Αρχική", News: "Νέα", Events: "Εκδηλώσεις", Funding: "Χρηματοδοτήσεις",
		Publications: "Εκδόσεις", Practices: "Καλές πρακτικές", Legislation: "Νομοθεσία",
		About: "Ποιοι είμαστε", Contact: "Επικοινωνία", Search: "Αναζήτηση", Menu: "Κύριο μενού", YouAreHere: "Βρίσκεστε εδώ:",
		CookieText:   "Χρησιμοποιούμε cookies για να μετράμε τις επισκέψεις και να βελτιώνουμε τον ιστότοπο. Μπορείτε να αποδεχτείτε ή να απορρίψετε τα μη απαραίτητα cookies.",
		CookieAccept: "Αποδοχή όλων", CookieRefuse: "Μόνο τα απαραίτητα",
		Share: "Κοινοποίηση", Print: "Εκτύπωση", Email: "Αποστολή με email", Related: "Σχετικοί σύνδεσμοι",
		OtherLanguages: "Η σελίδα σε άλλες γλώσσες", Published: "Δημοσιεύθηκε", Updated: "Τελευταία ενημέρωση",
		Author: "Συντάκτης", Comments: "Σχόλια", LeaveComment: "Αφήστε ένα σχόλιο", CommentName: "Όνομα",
		CommentText: "Σχόλιο", CommentSubmit: "Δημοσίευση σχολίου", Legal: "Νομική σημείωση",
		Privacy: "Πολιτική απορρήτου", Accessibility: "Προσβασιμότητα",
		Fictional: "Ο ιστότοπος αυτός είναι φανταστικός: δημιουργήθηκε για τον έλεγχο του λογισμικού EWSI Hub, και όλοι οι οργανισμοί, τα πρόσωπα και τα στοιχεία του είναι επινοημένα.",
		Date:      "Ημερομηνία", Venue: "Τόπος", Registration: "Προθεσμία εγγραφής", Programme: "Πρόγραμμα",
		CallID: "Κωδικός πρόσκλησης", Deadline: "Προθεσμία υποβολής", Budget: "Προϋπολογισμός", Partners: "Εταίροι",
		Duration: "Διάρκεια", ContactLabel: "Επικοινωνία", AddToCalendar: "Προσθήκη στο ημερολόγιο", Subscribe: "Εγγραφή",
		Months: [12]string{"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου",
			"Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"},
	},
	"mt": {
		Lang: "mt", LangName: "Malti", Locale: "mt_MT",
		Home: "Paġna ewlenija", News: "Aħbarijiet", Events: "Avvenimenti", Funding: "Fondi",
		Publications: "Pubblikazzjonijiet", Practices: "Prattiki tajba", Legislation: "Leġiżlazzjoni",
		About: "Dwarna", Contact: "Ikkuntattjana", Search: "Fittex", Menu: "Menu ewlieni", YouAreHere: "Tinsab hawn:",
		CookieText:   "Nużaw il-cookies biex inkejlu ż-żjarat u ntejbu dan is-sit. Tista' taċċetta jew tirrifjuta l-cookies li mhumiex essenzjali.",
		CookieAccept: "Aċċetta kollox", CookieRefuse: "Cookies essenzjali biss",
		Share: "Aqsam din il-paġna", Print: "Stampa", Email: "Ibgħat bl-email", Related: "Links relatati",
		OtherLanguages: "Din il-paġna b'lingwi oħra", Published: "Ippubblikat", Updated: "Aġġornat l-aħħar",
		Author: "Awtur", Comments: "Kummenti", LeaveComment: "Ħalli kumment", CommentName: "Isem",
		CommentText: "Kumment", CommentSubmit: "Ibgħat il-kumment", Legal: "Avviż legali",
		Privacy: "Politika tal-privatezza", Accessibility: "Aċċessibbiltà",
		Fictional: "Dan is-sit huwa fittizju: inħoloq biex jittestja s-softwer EWSI Hub, u l-organizzazzjonijiet, il-persuni u ċ-ċifri kollha li fih huma inventati.",
		Date:      "Data", Venue: "Post", Registration: "Skadenza għar-reġistrazzjoni", Programme: "Programm",
		CallID: "Numru tas-sejħa", Deadline: "Skadenza għall-applikazzjonijiet", Budget: "Baġit", Partners: "Sħab",
		Duration: "Tul ta' żmien", ContactLabel: "Kuntatt", AddToCalendar: "Żid mal-kalendarju", Subscribe: "Abbona",
		Months: [12]string{"Jannar", "Frar", "Marzu", "April", "Mejju", "Ġunju", "Lulju", "Awwissu",
			"Settembru", "Ottubru", "Novembru", "Diċembru"},
	},
}

// chromeFor returns the furniture words in lang, English when unknown.
func chromeFor(lang string) *chrome {
	if c, ok := chromes[lang]; ok {
		return c
	}
	return chromes["en"]
}

// DateOf writes t as a date the way the language writes it.
func (c *chrome) DateOf(t time.Time) string {
	m := c.Months[t.Month()-1]
	switch c.Lang {
	case "de":
		return fmt.Sprintf("%d. %s %d", t.Day(), m, t.Year())
	case "mt":
		return fmt.Sprintf("%d ta' %s %d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), m, t.Year())
}

// DateTimeOf writes t as a date and a 24-hour time.
func (c *chrome) DateTimeOf(t time.Time) string {
	return c.DateOf(t) + ", " + t.Format("15:04")
}

// sectionOf returns the part of a site (and homepage anchor) an item of
// content type ct sits in.
func sectionOf(ct string) string {
	switch ct {
	case "event":
		return "events"
	case "funding", "tender":
		return "funding"
	case "case-study", "project":
		return "practices"
	case "legislation":
		return "legislation"
	case "news", "policy-measure", "organisation":
		return "news"
	}
	return "publications"
}

// sections lists the sections in the order homepages show them.
var sections = []string{"news", "events", "funding", "practices", "legislation", "publications"}

// SectionName names a section (see sectionOf) in the chrome's language.
func (c *chrome) SectionName(sec string) string {
	switch sec {
	case "events":
		return c.Events
	case "funding":
		return c.Funding
	case "practices":
		return c.Practices
	case "legislation":
		return c.Legislation
	case "news":
		return c.News
	}
	return c.Publications
}

// Section names the section of content type ct.
func (c *chrome) Section(ct string) string { return c.SectionName(sectionOf(ct)) }
