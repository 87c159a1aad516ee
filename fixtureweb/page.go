package fixtureweb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"
)

// pageData is what every page template receives.
type pageData struct {
	Base, URL string
	Pub       *Publisher
	PubName   string // in the page's language
	C         *chrome
	Lang      string
	Title     string
	// For article pages.
	Item       *Item
	Section    string // section anchor, see sectionOf
	Body       template.HTML
	Lead, Rest template.HTML // the body split after its lead paragraph
	Canonical  string
	Alternates []link // translations, including this page
	XDefault   string // the English translation, else this page
	Related    []link
	Facts      []fact
	Calendar   string // absolute URL of the calendar listing this event
	JSONLD     template.JS
	Comments   []comment
	// For homepages and the index.
	Groups []group
	Feeds  []link // Type holds the feed's media type
	Pubs   []*Publisher
}

type link struct {
	Title, URL, Lang, Type string
	Date                   time.Time
}

type fact struct {
	Label, Value string
	Time         time.Time // set when Value is a date: rendered as <time>
	DateOnly     bool      // Time is a day, not an instant
}

type group struct {
	Anchor, Title string
	Links         []link
}

func (s *site) basePage(p *Publisher, lang, base string) *pageData {
	d := &pageData{Base: base, Pub: p, PubName: p.NameIn(lang), C: chromeFor(lang), Lang: lang}
	for _, f := range p.Feeds {
		d.Feeds = append(d.Feeds, link{Title: f.Title, URL: base + f.Path, Type: f.Format.MediaType(), Lang: f.Language})
	}
	return d
}

func (s *site) execute(name string, d *pageData) ([]byte, error) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, d); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// renderPage renders an item's article page in its publisher's layout.
func (s *site) renderPage(it *Item, base string) ([]byte, error) {
	p := s.pubBy[it.Publisher]
	d := s.basePage(p, it.Language, base)
	d.Item, d.Title, d.URL = it, it.Title, base+it.Path
	d.Section = sectionOf(it.ContentType)
	d.Body = template.HTML(renderMarkup(it.body, base))
	lead, rest := splitLead(it.body)
	d.Lead, d.Rest = template.HTML(renderMarkup(lead, base)), template.HTML(renderMarkup(rest, base))
	d.Canonical = base + it.Canonical
	if len(it.Translations) > 0 {
		d.Alternates = append(d.Alternates, link{Title: it.Title, URL: d.URL, Lang: it.Language})
		d.XDefault = d.URL
		for _, t := range it.Translations {
			tr := s.byPath[t]
			d.Alternates = append(d.Alternates, link{Title: tr.Title, URL: base + t, Lang: tr.Language})
			if tr.Language == "en" {
				d.XDefault = base + t
			}
		}
	}
	d.Related = s.related(it, base)
	d.Facts = facts(it, d.C)
	if it.Calendar != "" {
		d.Calendar = base + it.Calendar
	}
	d.Comments = it.comments
	if p.jsonLD {
		d.JSONLD = jsonLD(p, it, base)
	}
	return s.execute(p.layout, d)
}

// related picks up to three other items of the publisher sharing a theme,
// same-language ones first.
func (s *site) related(it *Item, base string) []link {
	var same, other []link
	for _, o := range s.itemsOf(it.Publisher) {
		if o == it || contains(it.Translations, o.Path) || !sharesTheme(it, o) {
			continue
		}
		l := link{Title: o.Title, URL: base + o.Path, Lang: o.Language, Date: o.Published}
		if o.Language == it.Language {
			same = append(same, l)
		} else {
			other = append(other, l)
		}
	}
	out := append(same, other...)
	return out[:min(3, len(out))]
}

func sharesTheme(a, b *Item) bool {
	for _, t := range a.Themes {
		if contains(b.Themes, t) {
			return true
		}
	}
	return false
}

// facts lists an item's practical details in the page's language.
func facts(it *Item, c *chrome) []fact {
	var out []fact
	if e := it.Event; e != nil {
		var when string
		switch {
		case e.AllDay && !e.End.After(e.Start):
			when = c.DateOf(e.Start)
		case e.AllDay:
			when = c.DateOf(e.Start) + " – " + c.DateOf(e.End)
		case e.End.YearDay() == e.Start.YearDay():
			when = c.DateTimeOf(e.Start) + " – " + e.End.Format("15:04") + " (" + e.Start.Location().String() + ")"
		default:
			when = c.DateTimeOf(e.Start) + " – " + c.DateTimeOf(e.End) + " (" + e.Start.Location().String() + ")"
		}
		out = append(out, fact{Label: c.Date, Value: when, Time: e.Start, DateOnly: e.AllDay},
			fact{Label: c.Venue, Value: e.Location})
		if !e.RegistrationDeadline.IsZero() {
			out = append(out, fact{Label: c.Registration, Value: c.DateTimeOf(e.RegistrationDeadline), Time: e.RegistrationDeadline})
		}
	}
	if f := it.Funding; f != nil {
		out = append(out, fact{Label: c.Programme, Value: f.Programme}, fact{Label: c.CallID, Value: f.CallID},
			fact{Label: c.Deadline, Value: c.DateTimeOf(f.Deadline), Time: f.Deadline},
			fact{Label: c.Budget, Value: euros(f.Budget, c.Lang)})
	}
	if cs := it.CaseStudy; cs != nil && cs.Template {
		out = append(out, templateFacts(it, c)...)
	} else if cs != nil {
		out = append(out, fact{Label: c.Partners, Value: strings.Join(cs.Partners, "; ")},
			fact{Label: c.Duration, Value: cs.Duration}, fact{Label: c.Budget, Value: euros(cs.Budget, c.Lang)},
			fact{Label: c.ContactLabel, Value: cs.Contact})
	}
	return out
}

// euros writes an amount the way the language writes money.
func euros(n int64, lang string) string {
	digits := strconv.FormatInt(n, 10)
	group := func(sep string) string {
		var b strings.Builder
		for i, r := range digits {
			if i > 0 && (len(digits)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	switch lang {
	case "en":
		return "EUR " + group(",")
	case "mt":
		return "€" + group(",")
	case "fr", "pl":
		return group("\u00a0") + "\u00a0€"
	}
	return group(".") + " €"
}

// jsonLD describes the item in schema.org terms.
func jsonLD(p *Publisher, it *Item, base string) template.JS {
	org := map[string]any{"@type": "Organization", "name": p.Name, "url": base + p.Home()}
	m := map[string]any{
		"@context": "https://schema.org", "inLanguage": it.Language, "url": base + it.Path,
		"name": it.Title, "description": it.Summary,
	}
	switch {
	case it.Event != nil:
		e := it.Event
		m["@type"] = "Event"
		if e.AllDay {
			m["startDate"] = e.Start.Format("2006-01-02")
			m["endDate"] = e.End.Format("2006-01-02")
		} else {
			m["startDate"] = e.Start.Format(time.RFC3339)
			m["endDate"] = e.End.Format(time.RFC3339)
		}
		m["organizer"] = org
		if e.Online {
			m["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
			m["location"] = map[string]any{"@type": "VirtualLocation", "url": base + it.Path}
		} else {
			m["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
			m["location"] = map[string]any{"@type": "Place", "name": e.Location}
		}
	default:
		m["@type"] = "NewsArticle"
		if p.layout == "research" {
			m["@type"] = "ScholarlyArticle"
		}
		m["headline"] = it.Title
		m["datePublished"] = it.Published.Format(time.RFC3339)
		m["dateModified"] = it.Updated.Format(time.RFC3339)
		m["publisher"] = org
		var authors []any
		for _, a := range it.Authors {
			authors = append(authors, map[string]any{"@type": "Person", "name": a})
		}
		m["author"] = authors
		m["mainEntityOfPage"] = base + it.Canonical
	}
	b, _ := json.MarshalIndent(m, "    ", "  ") // maps of strings cannot fail
	return template.JS(b)
}

// renderHome renders a publisher's homepage: every item by section.
func (s *site) renderHome(p *Publisher, base string) ([]byte, error) {
	d := s.basePage(p, p.Languages[0], base)
	d.Title, d.URL, d.Canonical = d.C.Home, base+p.Home(), base+p.Home()
	items := s.itemsOf(p.Slug)
	for _, sec := range sections {
		g := group{Anchor: sec, Title: d.C.SectionName(sec)}
		for _, it := range items {
			if sectionOf(it.ContentType) == sec {
				g.Links = append(g.Links, link{Title: it.Title, URL: base + it.Path, Lang: it.Language, Date: it.Published})
			}
		}
		if len(g.Links) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	return s.execute("home", d)
}

// renderLegal renders a publisher's legal notice.
func (s *site) renderLegal(p *Publisher, base string) ([]byte, error) {
	d := s.basePage(p, p.Languages[0], base)
	d.Title, d.URL, d.Canonical = d.C.Legal, base+p.Home()+"legal", base+p.Home()+"legal"
	return s.execute("legal", d)
}

// renderIndex renders the root page listing the publishers.
func (s *site) renderIndex(base string) ([]byte, error) {
	d := &pageData{Base: base, URL: base + "/", C: chromeFor("en"), Lang: "en", Title: "EWSI fixture web", Pubs: s.pubs}
	return s.execute("index", d)
}

func parseTemplates() (*template.Template, error) {
	funcs := template.FuncMap{
		"iso":      func(t time.Time) string { return t.Format(time.RFC3339) },
		"langName": func(lang string) string { return chromeFor(lang).LangName },
		"join":     strings.Join,
		"glance":   func(lang string) string { return templateWordsFor(lang).AtAGlance },
	}
	return template.New("").Funcs(funcs).ParseFS(files, "templates/*.html")
}
