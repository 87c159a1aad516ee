package normalizer

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// keyword is one compiled entry of a vocabulary: folded words, the last
// one a prefix when it ended in "*".
type keyword struct {
	label  string
	words  []string
	prefix bool
}

// matcher finds the keywords of one vocabulary in folded words. Phrases
// are indexed by their first word, single-word prefixes and suffixes by
// themselves, so counting is linear in the number of words whatever the
// vocabulary size.
type matcher struct {
	exact     map[string][]*keyword
	prefixes  map[string][]*keyword
	suffixes  map[string][]*keyword
	minPrefix int
	minSuffix int
}

func newMatcher(vocab map[string][]string) *matcher {
	m := &matcher{exact: map[string][]*keyword{}, prefixes: map[string][]*keyword{},
		suffixes: map[string][]*keyword{}, minPrefix: 1 << 30, minSuffix: 1 << 30}
	labels := make([]string, 0, len(vocab))
	for l := range vocab {
		labels = append(labels, l)
	}
	sort.Strings(labels) // for a stable order of matches
	for _, label := range labels {
		for _, kw := range vocab[label] {
			prefix := strings.HasSuffix(kw, "*")
			suffix := strings.HasPrefix(kw, "*")
			words := analysis.Tokens(strings.Trim(kw, "*"))
			if len(words) == 0 {
				continue
			}
			k := &keyword{label: label, words: words, prefix: prefix}
			switch {
			case suffix && len(words) == 1:
				m.suffixes[words[0]] = append(m.suffixes[words[0]], k)
				m.minSuffix = min(m.minSuffix, len(words[0]))
			case prefix && len(words) == 1:
				m.prefixes[words[0]] = append(m.prefixes[words[0]], k)
				m.minPrefix = min(m.minPrefix, len(words[0]))
			default:
				m.exact[words[0]] = append(m.exact[words[0]], k)
			}
		}
	}
	return m
}

// count adds weight to each label for every occurrence of its keywords in
// words. A word counts once per label, however many of the label's
// keywords it matches.
func (m *matcher) count(words []string, into map[string]int, weight int) {
	var hit []string // labels already counted for the current word
	mark := func(label string) {
		for _, l := range hit {
			if l == label {
				return
			}
		}
		hit = append(hit, label)
		into[label] += weight
	}
	for i, w := range words {
		hit = hit[:0]
		for _, k := range m.exact[w] {
			if k.matchesAt(words, i) {
				mark(k.label)
			}
		}
		for n := m.minPrefix; n <= len(w); n++ {
			if n < len(w) && !utf8.RuneStart(w[n]) {
				continue
			}
			for _, k := range m.prefixes[w[:n]] {
				mark(k.label)
			}
		}
		for n := m.minSuffix; n <= len(w); n++ {
			if !utf8.RuneStart(w[len(w)-n]) {
				continue
			}
			for _, k := range m.suffixes[w[len(w)-n:]] {
				mark(k.label)
			}
		}
	}
}

func (k *keyword) matchesAt(words []string, i int) bool {
	if i+len(k.words) > len(words) {
		return false
	}
	last := len(k.words) - 1
	for j, kw := range k.words {
		w := words[i+j]
		if j == last && k.prefix {
			if !strings.HasPrefix(w, kw) {
				return false
			}
		} else if w != kw {
			return false
		}
	}
	return true
}

// classifier assigns themes and a content type from the keyword
// vocabularies of vocabulary.go.
type classifier struct {
	themes *matcher
	types  *matcher
	// names maps folded slugs and English names of themes and types to
	// slugs, so a feed category "Employment" or "news" maps directly.
	themeNames, typeNames map[string]string
}

func newClassifier() *classifier {
	c := &classifier{
		themes:     newMatcher(themeKeywords),
		types:      newMatcher(typeKeywords),
		themeNames: map[string]string{},
		typeNames:  map[string]string{},
	}
	for _, t := range catalog.Themes {
		c.themeNames[analysis.IndexText(t.Slug)] = t.Slug
		c.themeNames[analysis.IndexText(t.Name)] = t.Slug
		for _, s := range t.Sub {
			c.themeNames[analysis.IndexText(s.Slug)] = s.Slug
			c.themeNames[analysis.IndexText(s.Name)] = s.Slug
		}
	}
	for _, t := range catalog.ContentTypes {
		c.typeNames[analysis.IndexText(t.Slug)] = t.Slug
		c.typeNames[analysis.IndexText(t.Name)] = t.Slug
	}
	return c
}

// Words of the text read for classification: enough for the subject of a
// long document, bounded for a huge one.
const (
	classifyTextBytes = 32 << 10
	typeTextWords     = 150
	maxThemes         = 5
)

// classifyThemes returns theme slugs: every sub-theme whose keywords score
// enough, at most maxThemes, each preceded by its theme, in the order of
// catalog.Themes. A title or category hit weighs 3, a hit in the text 1;
// the bar is 3, raised by one for every 400 words of text, so a passing
// mention in a long report does not tag it.
func (c *classifier) classifyThemes(title string, categories []string, text []string) []string {
	score := map[string]int{}
	c.themes.count(analysis.Tokens(title), score, 3)
	for _, cat := range categories {
		if slug, ok := c.themeNames[analysis.IndexText(cat)]; ok {
			score[slug] += 3
		}
		c.themes.count(analysis.Tokens(cat), score, 3)
	}
	c.themes.count(text, score, 1)
	bar := 3 + len(text)/400

	var subs []string
	parents := map[string]bool{}
	for _, t := range catalog.Themes {
		if score[t.Slug] >= bar {
			parents[t.Slug] = true
		}
		for _, s := range t.Sub {
			if score[s.Slug] >= bar {
				subs = append(subs, s.Slug)
			}
		}
	}
	sort.SliceStable(subs, func(i, j int) bool { return score[subs[i]] > score[subs[j]] })
	if len(subs) > maxThemes {
		subs = subs[:maxThemes]
	}
	chosen := map[string]bool{}
	for _, s := range subs {
		chosen[s] = true
		p, _ := catalog.ThemeOf(s)
		parents[p] = true
	}
	var out []string
	for _, t := range catalog.Themes {
		if !parents[t.Slug] {
			continue
		}
		out = append(out, t.Slug)
		for _, s := range t.Sub {
			if chosen[s.Slug] {
				out = append(out, s.Slug)
			}
		}
	}
	return out
}

// classifyType returns the content type whose keywords score most, or ""
// when none reaches 3: title, categories and words of the URL path
// ("/events/", "/actualites/") weigh 3, the first words of the text 1. Ties go
// to the more specific type (typePriority).
func (c *classifier) classifyType(title string, categories []string, path string, text []string) string {
	score := map[string]int{}
	c.types.count(analysis.Tokens(title), score, 3)
	for _, cat := range categories {
		if slug, ok := c.typeNames[analysis.IndexText(cat)]; ok {
			score[slug] += 3
		}
		c.types.count(analysis.Tokens(cat), score, 3)
	}
	c.types.count(analysis.Tokens(path), score, 3)
	if len(text) > typeTextWords {
		text = text[:typeTextWords]
	}
	c.types.count(text, score, 1)
	best := ""
	for _, t := range typePriority {
		if score[t] >= 3 && (best == "" || score[t] > score[best]) {
			best = t
		}
	}
	return best
}
