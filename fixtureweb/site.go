package fixtureweb

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // event zones must resolve on machines without tzdata

	"github.com/ewsi/hub/catalog"
)

//go:embed content templates
var files embed.FS

// site is the loaded fixture web: publishers, items and templates.
type site struct {
	pubs   []*Publisher
	pubBy  map[string]*Publisher
	items  []*Item // by publisher, newest first
	byPath map[string]*Item
	tmpl   *template.Template
}

// theSite loads the embedded content once. The content is part of the
// binary and checked by the package's tests, so a failure is a programming
// error and panics.
var theSite = sync.OnceValue(func() *site {
	s, err := load()
	if err != nil {
		panic("fixtureweb: " + err.Error())
	}
	return s
})

func load() (*site, error) {
	s := &site{pubs: publishers(), pubBy: map[string]*Publisher{}, byPath: map[string]*Item{}}
	for _, p := range s.pubs {
		s.pubBy[p.Slug] = p
	}
	err := fs.WalkDir(files, "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(name, "content/")
		slug, _, _ := strings.Cut(rel, "/")
		p := s.pubBy[slug]
		if p == nil || !strings.HasSuffix(rel, ".txt") {
			return fmt.Errorf("%s: not under a publisher's folder or not a .txt file", name)
		}
		urlPath := "/" + strings.TrimSuffix(rel, ".txt")
		if p.trailingSlash {
			urlPath += "/"
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		it, err := parseItem(p, urlPath, data)
		if err != nil {
			return err
		}
		s.items = append(s.items, it)
		s.byPath[urlPath] = it
		return nil
	})
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for i, p := range s.pubs {
		order[p.Slug] = i
	}
	slices.SortStableFunc(s.items, func(a, b *Item) int {
		if c := order[a.Publisher] - order[b.Publisher]; c != 0 {
			return c
		}
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	if err := s.link(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// link assigns feeds and calendars, resolves translation groups and checks
// every item against the vocabularies and its publisher.
func (s *site) link() error {
	groups := map[string][]*Item{}
	for _, it := range s.items {
		p := s.pubBy[it.Publisher]
		if err := s.check(p, it); err != nil {
			return fmt.Errorf("%s: %w", it.Path, err)
		}
		for i := range p.Feeds {
			if p.Feeds[i].accepts(it) {
				it.Feed = p.Feeds[i].Path
				break
			}
		}
		if it.Feed == "" {
			return fmt.Errorf("%s: no feed of %s takes it", it.Path, p.Slug)
		}
		if it.Event != nil && p.Calendar != "" {
			it.Calendar = p.Calendar
		}
		if it.group != "" {
			groups[it.group] = append(groups[it.group], it)
		}
	}
	for g, members := range groups {
		if len(members) < 2 {
			return fmt.Errorf("translation group %q has one member", g)
		}
		for _, it := range members {
			for _, o := range members {
				if o == it {
					continue
				}
				if o.Language == it.Language {
					return fmt.Errorf("translation group %q has two %s items", g, o.Language)
				}
				it.Translations = append(it.Translations, o.Path)
			}
		}
	}
	return nil
}

func (s *site) check(p *Publisher, it *Item) error {
	switch {
	case !contains(p.Languages, it.Language):
		return fmt.Errorf("language %q is not one %s publishes in", it.Language, p.Slug)
	case !catalog.IsContentType(it.ContentType):
		return fmt.Errorf("unknown content type %q", it.ContentType)
	case len(it.Themes) == 0 || len(it.Countries) == 0 || len(it.Authors) == 0:
		return fmt.Errorf("themes, countries and author are required")
	case it.Summary == "":
		return fmt.Errorf("the body has no lead paragraph")
	case it.Published.IsZero() || it.Updated.Before(it.Published):
		return fmt.Errorf("published is missing or after updated")
	case it.DuplicateOf != "" && s.byPath[it.DuplicateOf] == nil:
		return fmt.Errorf("duplicate-of %q is no item", it.DuplicateOf)
	case it.Canonical != it.Path && s.byPath[it.Canonical] == nil:
		return fmt.Errorf("canonical %q is no item", it.Canonical)
	}
	for _, c := range it.Countries {
		if !catalog.IsCountry(c) {
			return fmt.Errorf("unknown country %q", c)
		}
	}
	if e := it.Event; e != nil && (e.Start.IsZero() || !e.End.After(e.Start)) {
		return fmt.Errorf("event needs event-start before event-end")
	}
	if f := it.Funding; f != nil && (f.Deadline.IsZero() || f.Budget <= 0) {
		return fmt.Errorf("funding call needs a deadline and a budget")
	}
	if cs := it.CaseStudy; cs != nil && (len(cs.Partners) == 0 || cs.Budget <= 0) {
		return fmt.Errorf("case study needs partners and a budget")
	}
	return nil
}

func (s *site) itemsOf(slug string) []*Item {
	var out []*Item
	for _, it := range s.items {
		if it.Publisher == slug {
			out = append(out, it)
		}
	}
	return out
}

func (s *site) feedItems(f *Feed) []*Item {
	var out []*Item
	for _, it := range s.items {
		if it.Feed == f.Path {
			out = append(out, it)
		}
	}
	return out
}

// newest returns the latest Updated of items, or a fixed date for none.
func newest(items []*Item) time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, it := range items {
		if it.Updated.After(t) {
			t = it.Updated
		}
	}
	return t
}

// slugOf returns the last segment of an item's path, for ids.
func slugOf(p string) string { return path.Base(strings.TrimSuffix(p, "/")) }
