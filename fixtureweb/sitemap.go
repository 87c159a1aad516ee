package fixtureweb

import (
	"encoding/xml"
	"strings"
	"time"
)

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	NSXHTML string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string     `xml:"loc"`
	LastMod    string     `xml:"lastmod"`
	ChangeFreq string     `xml:"changefreq,omitempty"`
	Priority   string     `xml:"priority,omitempty"`
	Alternates []atomLink `xml:"xhtml:link"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// renderSitemap lists a publisher's homepage and item pages; translated
// pages name their alternates with xhtml:link, as search engines expect.
func (s *site) renderSitemap(p *Publisher, base string) ([]byte, error) {
	items := s.itemsOf(p.Slug)
	set := urlSet{URLs: []sitemapURL{{
		Loc: base + p.Home(), LastMod: newest(items).Format(time.RFC3339), ChangeFreq: "daily", Priority: "1.0",
	}}}
	for _, it := range items {
		u := sitemapURL{Loc: base + it.Path, LastMod: it.Updated.Format("2006-01-02")}
		if len(it.Translations) > 0 {
			set.NSXHTML = "http://www.w3.org/1999/xhtml"
			u.Alternates = append(u.Alternates, atomLink{Rel: "alternate", HrefLang: it.Language, Href: base + it.Path})
			for _, t := range it.Translations {
				u.Alternates = append(u.Alternates, atomLink{Rel: "alternate", HrefLang: s.byPath[t].Language, Href: base + t})
			}
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// renderSitemapIndex points at every publisher's sitemap.
func (s *site) renderSitemapIndex(base string) ([]byte, error) {
	var idx sitemapIndex
	for _, p := range s.pubs {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{
			Loc: base + p.Home() + "sitemap.xml", LastMod: newest(s.itemsOf(p.Slug)).Format(time.RFC3339),
		})
	}
	return marshalXML(idx)
}

// renderRobots allows everything but a private area and names the sitemap
// index.
func (s *site) renderRobots(base string) []byte {
	var b strings.Builder
	b.WriteString("# Fixture web of the EWSI Hub: made-up publishers for tests.\n")
	b.WriteString("User-agent: *\nDisallow: /private/\nDisallow: /*/search\nAllow: /\n\n")
	b.WriteString("Sitemap: " + base + "/sitemap.xml\n")
	return []byte(b.String())
}
