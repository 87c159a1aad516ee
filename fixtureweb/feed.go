package fixtureweb

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"time"
)

// renderFeed writes feed f of publisher p in its format.
func (s *site) renderFeed(p *Publisher, f *Feed, base string) ([]byte, error) {
	items := s.feedItems(f)
	switch f.Format {
	case Atom:
		return s.atomFeed(p, f, items, base)
	case JSON:
		return s.jsonFeed(p, f, items, base)
	}
	return s.rssFeed(p, f, items, base)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// encoding/xml writes a name with a colon as it stands, which is how the
// content:, dc: and atom: elements below get their prefixes.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href     string `xml:"href,attr"`
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type cdata struct {
	Value string `xml:",cdata"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Creator     string   `xml:"dc:creator,omitempty"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
	Content     *cdata   `xml:"content:encoded,omitempty"`
}

func (s *site) rssFeed(p *Publisher, f *Feed, items []*Item, base string) ([]byte, error) {
	doc := rssDoc{
		Version: "2.0", NSContent: "http://purl.org/rss/1.0/modules/content/",
		NSDC: "http://purl.org/dc/elements/1.1/", NSAtom: "http://www.w3.org/2005/Atom",
		Channel: rssChannel{
			Title: f.Title, Link: base + p.Home(), Description: p.NameIn(f.Language),
			Language: f.Language, LastBuildDate: newest(items).Format(time.RFC1123Z),
			Generator: "EWSI fixture web",
			Self:      atomLink{Href: base + f.Path, Rel: "self", Type: f.Format.MediaType()},
		},
	}
	for _, it := range items {
		ri := rssItem{
			Title: it.Title, Link: base + it.Path,
			GUID:        rssGUID{IsPermaLink: "false", Value: it.ID},
			PubDate:     it.Published.Format(time.RFC1123Z),
			Categories:  append([]string{chromeFor(it.Language).Section(it.ContentType)}, it.Themes...),
			Description: it.Summary,
		}
		if f.Creator {
			ri.Creator = it.Authors[0]
		}
		if f.FullText {
			ri.Content = &cdata{feedContent(it, base)}
		}
		doc.Channel.Items = append(doc.Channel.Items, ri)
	}
	return marshalXML(doc)
}

type atomDoc struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type  string `xml:"type,attr,omitempty"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Lang       string         `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    *atomText      `xml:"content,omitempty"`
}

func (s *site) atomFeed(p *Publisher, f *Feed, items []*Item, base string) ([]byte, error) {
	doc := atomDoc{
		Lang: f.Language, ID: base + f.Path, Title: f.Title, Subtitle: p.NameIn(f.Language),
		Updated: newest(items).Format(time.RFC3339),
		Links: []atomLink{
			{Href: base + f.Path, Rel: "self", Type: f.Format.MediaType()},
			{Href: base + p.Home(), Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: p.NameIn(f.Language), URI: base + p.Home()},
	}
	for _, it := range items {
		e := atomEntry{
			ID: it.ID, Title: it.Title,
			Links:     []atomLink{{Href: base + it.Path, Rel: "alternate", Type: "text/html", HrefLang: it.Language}},
			Published: it.Published.Format(time.RFC3339), Updated: it.Updated.Format(time.RFC3339),
			Summary: atomText{Type: "text", Value: it.Summary},
		}
		if f.Language == "" { // multilingual feeds say each entry's language
			e.Lang = it.Language
		}
		for _, t := range it.Translations {
			tr := s.byPath[t]
			e.Links = append(e.Links, atomLink{Href: base + t, Rel: "alternate", Type: "text/html", HrefLang: tr.Language})
		}
		for _, a := range it.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		e.Categories = append(e.Categories, atomCategory{Term: it.ContentType, Label: chromeFor(it.Language).Section(it.ContentType)})
		for _, t := range it.Themes {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if f.FullText {
			e.Content = &atomText{Type: "html", Value: feedContent(it, base)}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc)
}

type jsonFeedDoc struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Authors     []jsonAuthor   `json:"authors"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonFeedItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Summary       string       `json:"summary"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Authors       []jsonAuthor `json:"authors"`
	Tags          []string     `json:"tags"`
	Language      string       `json:"language"`
}

func (s *site) jsonFeed(p *Publisher, f *Feed, items []*Item, base string) ([]byte, error) {
	doc := jsonFeedDoc{
		Version: "https://jsonfeed.org/version/1.1", Title: f.Title,
		HomePageURL: base + p.Home(), FeedURL: base + f.Path, Description: p.Name,
		Language: f.Language, Authors: []jsonAuthor{{Name: p.Name, URL: base + p.Home()}},
		Items: []jsonFeedItem{},
	}
	for _, it := range items {
		ji := jsonFeedItem{
			ID: it.ID, URL: base + it.Path, Title: it.Title, Summary: it.Summary,
			DatePublished: it.Published.Format(time.RFC3339), DateModified: it.Updated.Format(time.RFC3339),
			Tags:     append([]string{chromeFor(it.Language).Section(it.ContentType)}, it.Themes...),
			Language: it.Language,
		}
		if f.FullText {
			ji.ContentHTML = feedContent(it, base)
		} else {
			ji.ContentText = it.Summary
		}
		for _, a := range it.Authors {
			ji.Authors = append(ji.Authors, jsonAuthor{Name: a})
		}
		doc.Items = append(doc.Items, ji)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as most feeds do; the HTML is a JSON string either way
	enc.SetIndent("", "  ")
	err := enc.Encode(doc)
	return b.Bytes(), err
}
