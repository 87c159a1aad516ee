package fixtureweb

import (
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
)

// OrganisationSeed is a directory entry for one publisher of the fixture
// web, with the addresses of the sources (see Sources) it publishes, which
// the seeder turns into source IDs.
type OrganisationSeed struct {
	Organisation catalog.Organisation
	SourceURLs   []string
}

// publisherTypes maps the fixture's publisher types to the hub's
// organisation types.
var publisherTypes = map[string]string{
	"eu-institution":          "eu-institution",
	"national-government":     "national-government",
	"local-authority-network": "regional-local-authority",
	"civil-society":           "civil-society",
	"research":                "academia",
}

// publisherCities are where the made-up publishers have their seat.
var publisherCities = map[string]string{
	"eio": "Brussels", "ministere-fr": "Paris", "bfti": "Berlin", "cities": "Brussels",
	"filoxenia": "Athens", "kenn": "Valletta", "irc": "Vienna",
}

// Organisations returns a directory entry per publisher of the fixture web
// served at baseURL, linked to its sources. The entries declare no theme:
// what they work on comes from the documents their sources publish, as
// the hub harvests them.
func Organisations(baseURL string) []OrganisationSeed {
	base := strings.TrimRight(baseURL, "/")
	srcs := Sources(base)
	var out []OrganisationSeed
	for _, p := range theSite().pubs {
		seed := OrganisationSeed{Organisation: catalog.Organisation{
			Name: p.Name, Type: publisherTypes[p.Type], Country: p.Country, City: publisherCities[p.Slug],
			Website: base + p.Home(), Languages: append([]string(nil), p.Languages...),
			Description: "A made-up organisation of the fixture web that publishes on the integration of migrants.",
		}}
		for _, s := range srcs {
			if s.Publisher == p.Name {
				seed.SourceURLs = append(seed.SourceURLs, s.URL)
			}
		}
		out = append(out, seed)
	}
	return out
}

// People returns made-up members of the hub who chose to be listed in the
// people directory: verified accounts without a password, which cannot
// sign in. Their addresses use the reserved example.org domain.
func People(verified time.Time) []catalog.User {
	person := func(email, name, org, typ, country string) catalog.User {
		return catalog.User{Email: email, Name: name, Organisation: org, OrganisationType: typ, Country: country,
			Listed: true, EmailVerifiedAt: verified}
	}
	return []catalog.User{
		person("ana.lopez@example.org", "Ana López", "Ayuntamiento de Valencia", "regional-local-authority", "ES"),
		person("jonas.weber@example.org", "Jonas Weber", "Bundesamt für Teilhabe und Integration", "national-government", "DE"),
		person("marie.dubois@example.org", "Marie Dubois", "Réseau Accueil Lyon", "civil-society", "FR"),
		person("eleni.papadaki@example.org", "Eleni Papadaki", "Δίκτυο Φιλοξενία – Filoxenia Network", "civil-society", "GR"),
		person("pieter.janssens@example.org", "Pieter Janssens", "Universiteit Gent", "academia", "BE"),
	}
}
