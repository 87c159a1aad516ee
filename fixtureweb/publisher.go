package fixtureweb

// Publisher is one made-up organisation of the fixture web. Everything it
// publishes is served under "/" + Slug + "/".
type Publisher struct {
	Slug string
	// Name is the organisation's name as a user would see it; Names holds
	// its name in other languages it publishes in.
	Name  string
	Names map[string]string
	// Type is the organisation type: eu-institution, national-government,
	// local-authority-network, civil-society or research.
	Type    string
	Country string // ISO 3166-1 alpha-2 or "EU"
	// Languages it publishes in; the first is the language of its homepage.
	Languages []string
	TimeZone  string // IANA zone of its dates and events
	Feeds     []Feed
	// Calendar is the path of its iCalendar file of events, "" when none.
	Calendar     string
	CalendarName string

	layout        string // page template: institution, ministry, blog, research, practice
	jsonLD        bool   // pages carry a JSON-LD block
	trailingSlash bool   // item paths end in "/" (WordPress style)
}

// Home returns the path of the publisher's homepage.
func (p *Publisher) Home() string { return "/" + p.Slug + "/" }

// NameIn returns the publisher's name in lang, or Name.
func (p *Publisher) NameIn(lang string) string {
	if n, ok := p.Names[lang]; ok {
		return n
	}
	return p.Name
}

// FeedFormat is the syntax of a feed.
type FeedFormat string

// Feed formats of the fixture web.
const (
	RSS  FeedFormat = "rss"  // RSS 2.0
	Atom FeedFormat = "atom" // Atom 1.0
	JSON FeedFormat = "json" // JSON Feed 1.1
)

// MediaType returns the Content-Type a feed of format f is served with.
func (f FeedFormat) MediaType() string {
	switch f {
	case Atom:
		return "application/atom+xml"
	case JSON:
		return "application/feed+json"
	}
	return "application/rss+xml"
}

// Feed is one feed of a publisher. Every item appears in exactly one feed:
// the first of its publisher's feeds whose filters it passes.
type Feed struct {
	Path   string
	Format FeedFormat
	Title  string
	// Language is the language of every item, "" for a multilingual feed;
	// it also filters the publisher's items.
	Language string
	// Types and ExcludeTypes filter items by content type; empty means all.
	Types, ExcludeTypes []string
	// FullText feeds carry the whole article (content:encoded, Atom
	// content, content_html); the others only the lead paragraph.
	FullText bool
	// Creator RSS feeds name each item's author with dc:creator.
	Creator bool
}

func (f *Feed) accepts(it *Item) bool {
	if f.Language != "" && f.Language != it.Language {
		return false
	}
	if len(f.Types) > 0 && !contains(f.Types, it.ContentType) {
		return false
	}
	return !contains(f.ExcludeTypes, it.ContentType)
}

// publishers is the cast of the fixture web, in the order pages list them.
func publishers() []*Publisher {
	return []*Publisher{
		{
			Slug: "eio", Name: "European Integration Office",
			Names: map[string]string{"fr": "Bureau européen de l'intégration", "de": "Europäisches Integrationsbüro"},
			Type:  "eu-institution", Country: "EU", Languages: []string{"en", "fr", "de"},
			TimeZone: "Europe/Brussels", layout: "institution", jsonLD: true,
			Feeds: []Feed{
				{Path: "/eio/en/rss.xml", Format: RSS, Title: "European Integration Office – News (English)", Language: "en", FullText: true, Creator: true},
				{Path: "/eio/fr/rss.xml", Format: RSS, Title: "Bureau européen de l'intégration – Actualités", Language: "fr", FullText: true, Creator: true},
				{Path: "/eio/de/atom.xml", Format: Atom, Title: "Europäisches Integrationsbüro – Aktuelles", Language: "de", FullText: true},
			},
			Calendar: "/eio/events.ics", CalendarName: "European Integration Office – Events",
		},
		{
			Slug: "ministere-fr", Name: "Ministère de l'Intégration et de la Citoyenneté",
			Type: "national-government", Country: "FR", Languages: []string{"fr"},
			TimeZone: "Europe/Paris", layout: "ministry",
			Feeds: []Feed{
				{Path: "/ministere-fr/rss", Format: RSS, Title: "Ministère de l'Intégration et de la Citoyenneté – Actualités", Language: "fr"},
			},
		},
		{
			Slug: "bfti", Name: "Bundesamt für Teilhabe und Integration",
			Type: "national-government", Country: "DE", Languages: []string{"de"},
			TimeZone: "Europe/Berlin", layout: "ministry",
			Feeds: []Feed{
				{Path: "/bfti/feeds/aktuelles.atom", Format: Atom, Title: "BFTI – Aktuelle Meldungen", Language: "de"},
			},
		},
		{
			Slug: "cities", Name: "Cities for Inclusion Network",
			Names: map[string]string{"it": "Rete delle Città per l'Inclusione", "pl": "Sieć Miast na rzecz Włączenia"},
			Type:  "local-authority-network", Country: "EU", Languages: []string{"en", "it", "pl"},
			TimeZone: "Europe/Brussels", layout: "blog", jsonLD: true,
			Feeds: []Feed{
				{Path: "/cities/feed.json", Format: JSON, Title: "Cities for Inclusion Network", FullText: true},
			},
			Calendar: "/cities/events.ics", CalendarName: "Cities for Inclusion Network – Events",
		},
		{
			Slug: "filoxenia", Name: "Δίκτυο Φιλοξενία – Filoxenia Network",
			Names: map[string]string{"el": "Δίκτυο Φιλοξενία", "en": "Filoxenia Network"},
			Type:  "civil-society", Country: "GR", Languages: []string{"el", "en"},
			TimeZone: "Europe/Athens", layout: "blog", trailingSlash: true,
			Feeds: []Feed{
				{Path: "/filoxenia/el/feed/", Format: RSS, Title: "Δίκτυο Φιλοξενία", Language: "el", FullText: true, Creator: true},
				{Path: "/filoxenia/en/feed/", Format: RSS, Title: "Filoxenia Network", Language: "en", FullText: true, Creator: true},
			},
		},
		{
			Slug: "kenn", Name: "Kenn – Għaqda għall-Integrazzjoni",
			Names: map[string]string{"en": "Kenn Integration Association"},
			Type:  "civil-society", Country: "MT", Languages: []string{"mt", "en"},
			TimeZone: "Europe/Malta", layout: "blog",
			Feeds: []Feed{
				{Path: "/kenn/atom.xml", Format: Atom, Title: "Kenn – Aħbarijiet / News", FullText: true},
			},
		},
		{
			Slug: "irc", Name: "Institute for Research on Migration and Cohesion",
			Names: map[string]string{"de": "Institut für Migrations- und Kohäsionsforschung"},
			Type:  "research", Country: "AT", Languages: []string{"en", "de"},
			TimeZone: "Europe/Vienna", layout: "research", jsonLD: true,
			Feeds: []Feed{
				{Path: "/irc/publications.json", Format: JSON, Title: "IRC – Publications and events", ExcludeTypes: []string{"statistics"}, FullText: true},
				{Path: "/irc/statistics.rss", Format: RSS, Title: "IRC – Data and statistics", Types: []string{"statistics"}},
			},
		},
		{
			Slug: "practices", Name: "European Practice Exchange",
			Names: map[string]string{"fr": "Échange européen de pratiques", "de": "Europäische Praxisbörse",
				"it": "Scambio europeo di pratiche"},
			Type: "civil-society", Country: "EU", Languages: []string{"en", "fr", "de", "it"},
			TimeZone: "Europe/Brussels", layout: "practice",
			Feeds: []Feed{
				{Path: "/practices/records.atom", Format: Atom, Title: "European Practice Exchange – new records", FullText: true},
			},
		},
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
