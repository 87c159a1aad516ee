package fixtureweb

import (
	"strings"

	"github.com/ewsi/hub/catalog"
)

// Sources returns what a source owner would register from the fixture web
// served at baseURL ("http://127.0.0.1:PORT", a trailing slash is
// ignored): every feed, each publisher's calendar and the sitemap index.
// Language is empty for multilingual sources.
//
// The sources overlap as on the real web: the sitemap index reaches every
// page the feeds link to, and calendar events also appear in feeds.
// Harvesting the feeds alone yields each item exactly once.
func Sources(baseURL string) []catalog.Source {
	base := strings.TrimRight(baseURL, "/")
	s := theSite()
	var out []catalog.Source
	for _, p := range s.pubs {
		for _, f := range p.Feeds {
			out = append(out, catalog.Source{
				Kind: catalog.KindFeed, URL: base + f.Path, Name: f.Title,
				Publisher: p.Name, Language: f.Language, Country: p.Country,
			})
		}
		if p.Calendar != "" {
			out = append(out, catalog.Source{
				Kind: catalog.KindCalendar, URL: base + p.Calendar, Name: p.CalendarName,
				Publisher: p.Name, Country: p.Country,
			})
		}
	}
	out = append(out, catalog.Source{
		Kind: catalog.KindSitemap, URL: base + "/sitemap.xml", Name: "Fixture web – sitemap index",
		Publisher: "EWSI fixture web",
	})
	return out
}
