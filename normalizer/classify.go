package normalizer

import (
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/ewsi/hub/catalog/concepts"
)

// Classification: themes, sub-themes, a content type and countries, each
// with a confidence, from the evidence listed in evidence.go and weighed
// as follows. Every piece of evidence adds points to a label:
//
//	concept in the title            3 × concept weight
//	concept in the text             1 × concept weight, scaled down for long texts (textScale)
//	feed category naming a label    3; a concept in a category 2 × weight
//	URL path words                  2 × concept weight (types only: /events/, /appel-a-projets/)
//	schema.org @type                see schemaTypes
//	source default theme / type     2
//	structured facts found          event dates +3 event; funding deadline or call id +3 funding
//
// Points become a confidence by 1 − exp(−points / scale), scale per kind
// (themeScale, typeScale), so confidence grows with evidence and never
// reaches 1; editors and rules give 1. A sub-theme is assigned at
// catalog.ConfidenceAssigned and at least relFloor of the best
// sub-theme's points, at most maxSubThemes; a theme when one of its
// sub-themes is, or on its own points. The content type is the type with
// most points; the others with points follow it in Labels as
// alternatives. Source rules (Input.Rules) override all of this.
const (
	titleWeight    = 3.0
	categoryWeight = 3.0
	pathWeight     = 2.5
	sourceWeight   = 2.0
	factWeight     = 3.0

	themeScale   = 1.8
	typeScale    = 2.5
	countryScale = 1.2
	relFloor     = 0.2
	maxSubThemes = 5

	// typeTextWords is how far into the text type evidence is read: what
	// a document is says itself early ("The conference will take place"),
	// and a long report mentions events and projects throughout.
	typeTextWords = 250
	// textScaleWords is the length past which text points are scaled down
	// by sqrt(textScaleWords / words), so a passing mention in a long
	// report does not tag it.
	textScaleWords = 300
	// classifyTextBytes bounds the text read for classification.
	classifyTextBytes = 64 << 10
)

// evidence collects points per label while classifying one document.
type evidence struct {
	points map[string]float64 // "kind:slug" -> points
	best   map[string]string  // "kind:slug" -> strongest source
	top    map[string]float64 // points of that source
}

func newEvidence() *evidence {
	return &evidence{points: map[string]float64{}, best: map[string]string{}, top: map[string]float64{}}
}

func (e *evidence) add(kind catalog.LabelKind, slug string, points float64, from string) {
	if slug == "" || points <= 0 {
		return
	}
	k := string(kind) + ":" + slug
	e.points[k] += points
	if points > e.top[k] {
		e.top[k] = points
		e.best[k] = from
	}
}

func (e *evidence) get(kind catalog.LabelKind, slug string) (float64, string) {
	k := string(kind) + ":" + slug
	return e.points[k], e.best[k]
}

// addConcepts adds the points of concept hits, each theme hit also to
// the sub-theme's theme.
func (e *evidence) addConcepts(hits []concepts.Hit, factor float64, from string, themes, types bool) {
	for _, h := range hits {
		c := concepts.ByID(h.ConceptID)
		if c == nil {
			continue
		}
		p := h.Weight * factor
		if themes && c.Theme != "" {
			if parent, ok := catalog.ThemeOf(c.Theme); ok {
				if parent == c.Theme {
					e.add(catalog.LabelTheme, parent, p, from)
				} else {
					e.add(catalog.LabelSubTheme, c.Theme, p, from)
				}
			}
		}
		if types && c.Type != "" {
			e.add(catalog.LabelType, c.Type, p, from)
		}
	}
}

func confidence(points, scale float64) float64 {
	return math.Round((1-math.Exp(-points/scale))*1000) / 1000
}

// classify sets d's Themes, ContentType, Countries and Labels from its
// title, text, language and URL and the hints of in.
func (n *Normalizer) classify(d *catalog.Document, in Input, schemaType string) {
	lang := d.Language
	e := newEvidence()

	title := analysis.Tokens(d.Title)
	e.addConcepts(concepts.MatchTokens(title, lang), titleWeight, "title", true, true)

	words := analysis.Tokens(cutBytes(d.Text, classifyTextBytes))
	scale := 1.0
	if len(words) > textScaleWords {
		scale = math.Sqrt(float64(textScaleWords) / float64(len(words)))
	}
	e.addConcepts(concepts.MatchTokens(words, lang), scale, "text", true, false)
	head := words
	if len(head) > typeTextWords {
		head = head[:typeTextWords]
	}
	e.addConcepts(concepts.MatchTokens(head, lang), 1, "text", false, true)

	for _, c := range categories(in.Categories) {
		n.addCategory(e, c, lang)
	}
	if u, err := url.Parse(d.URL); err == nil {
		// Path words are in whatever language the site's URLs use.
		e.addConcepts(concepts.MatchTokens(analysis.Tokens(strings.ReplaceAll(u.Path, "-", " ")), ""), pathWeight, "url", false, true)
	}
	addSchemaType(e, firstNonEmpty(in.SchemaType, schemaType))
	for _, s := range in.SourceThemes {
		if parent, ok := catalog.ThemeOf(s); ok {
			if parent == s {
				e.add(catalog.LabelTheme, s, sourceWeight, "source")
			} else {
				e.add(catalog.LabelSubTheme, s, sourceWeight, "source")
			}
		}
	}
	if catalog.IsContentType(in.SourceContentType) {
		e.add(catalog.LabelType, in.SourceContentType, sourceWeight, "source")
	}
	if d.Event != nil && !d.Event.Start.IsZero() {
		e.add(catalog.LabelType, "event", factWeight, "structured")
	}
	if f := d.Funding; f != nil && (!f.Deadline.IsZero() || f.CallID != "") {
		e.add(catalog.LabelType, "funding", factWeight, "structured")
	}
	if l := d.Legislation; l != nil && (l.CELEX != "" || l.ELI != "") {
		e.add(catalog.LabelType, "legislation", factWeight/2, "structured")
	}

	var labels []catalog.Label
	labels = append(labels, themeLabels(e)...)
	labels = append(labels, typeLabels(e)...)
	labels = append(labels, countryLabels(in.SourceCountry, lang, d.Title, d.Text)...)
	labels = applyRules(labels, in.Rules, d)
	setLabels(d, labels)
}

// setLabels copies labels to d.Labels and the assigned ones to Themes,
// ContentType and Countries, themes in the order of catalog.Themes each
// followed by its sub-themes, as the portal lists them.
func setLabels(d *catalog.Document, labels []catalog.Label) {
	d.Labels = labels
	d.Themes, d.ContentType, d.Countries = nil, "", nil
	assigned := map[string]bool{}
	for _, l := range labels {
		if l.Confidence < catalog.ConfidenceAssigned {
			continue
		}
		switch l.Kind {
		case catalog.LabelTheme, catalog.LabelSubTheme:
			assigned[l.Slug] = true
		case catalog.LabelType:
			if d.ContentType == "" {
				d.ContentType = l.Slug
			}
		case catalog.LabelCountry:
			d.Countries = append(d.Countries, l.Slug)
		}
	}
	for _, t := range catalog.Themes {
		if !assigned[t.Slug] {
			continue
		}
		d.Themes = append(d.Themes, t.Slug)
		for _, s := range t.Sub {
			if assigned[s.Slug] {
				d.Themes = append(d.Themes, s.Slug)
			}
		}
	}
}

// themeLabels chooses sub-themes and themes from e.
func themeLabels(e *evidence) []catalog.Label {
	type cand struct {
		slug, from string
		points     float64
	}
	var subs []cand
	for _, t := range catalog.Themes {
		for _, s := range t.Sub {
			if p, from := e.get(catalog.LabelSubTheme, s.Slug); p > 0 {
				subs = append(subs, cand{s.Slug, from, p})
			}
		}
	}
	sort.SliceStable(subs, func(i, j int) bool { return subs[i].points > subs[j].points })
	var out []catalog.Label
	themePoints := map[string]float64{}
	themeFrom := map[string]string{}
	for i, s := range subs {
		c := confidence(s.points, themeScale)
		if c < catalog.ConfidenceAssigned || i >= maxSubThemes || s.points < relFloor*subs[0].points {
			continue
		}
		out = append(out, catalog.Label{Kind: catalog.LabelSubTheme, Slug: s.slug, Confidence: c, From: s.from})
		parent, _ := catalog.ThemeOf(s.slug)
		if s.points > themePoints[parent] {
			themePoints[parent], themeFrom[parent] = s.points, s.from
		}
	}
	for _, t := range catalog.Themes {
		own, from := e.get(catalog.LabelTheme, t.Slug)
		p := themePoints[t.Slug] + own
		if themeFrom[t.Slug] != "" {
			from = themeFrom[t.Slug]
		}
		if c := confidence(p, themeScale); c >= catalog.ConfidenceAssigned {
			out = append(out, catalog.Label{Kind: catalog.LabelTheme, Slug: t.Slug, Confidence: c, From: from})
		}
	}
	return out
}

// typeLabels ranks the content types with points: the first is the
// document's type, the others alternatives. A type's confidence is its
// share of all type points times how strong its own evidence is, so two
// close candidates both get a middling confidence.
func typeLabels(e *evidence) []catalog.Label {
	var total float64
	type cand struct {
		slug, from string
		points     float64
		rank       int
	}
	var cs []cand
	for i, slug := range typePriority {
		if p, from := e.get(catalog.LabelType, slug); p > 0 {
			cs = append(cs, cand{slug, from, p, i})
			total += p
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].points != cs[j].points {
			return cs[i].points > cs[j].points
		}
		return cs[i].rank < cs[j].rank
	})
	var out []catalog.Label
	for i, c := range cs {
		conf := math.Round(confidence(c.points, typeScale)*(0.5+0.5*c.points/total)*1000) / 1000
		if i == 0 {
			// The best type is assigned whenever it has evidence: a
			// document has one type, and a guess with its confidence
			// beats none for the facets.
			conf = max(conf, catalog.ConfidenceAssigned)
		} else {
			conf = min(conf, catalog.ConfidenceAssigned-0.001)
		}
		if i > 0 && c.points < 0.25*cs[0].points {
			break
		}
		out = append(out, catalog.Label{Kind: catalog.LabelType, Slug: c.slug, Confidence: conf, From: c.from})
		if len(out) == 4 {
			break
		}
	}
	return out
}

// typePriority breaks ties between content types: the more specific first.
var typePriority = []string{"tender", "funding", "event", "legislation", "evaluation",
	"case-study", "policy-paper", "statistics", "policy-measure", "report", "research",
	"project", "news", "organisation"}

// addCategory adds a feed category's evidence: a category naming a theme,
// sub-theme or type (by slug, or by label in English, French or German)
// counts fully, one merely mentioning a concept less.
func (n *Normalizer) addCategory(e *evidence, c, lang string) {
	key := analysis.IndexText(c)
	if slug, ok := n.labelNames[key]; ok {
		kind, s, _ := strings.Cut(slug, ":")
		e.add(catalog.LabelKind(kind), s, categoryWeight, "category")
		if kind == string(catalog.LabelSubTheme) {
			parent, _ := catalog.ThemeOf(s)
			e.add(catalog.LabelTheme, parent, 0, "category")
		}
		return
	}
	e.addConcepts(concepts.MatchTokens(analysis.Tokens(c), lang), categoryWeight*2/3, "category", true, true)
}

// labelIndex maps the folded slugs and interface-language names of themes,
// sub-themes and types to "kind:slug".
func labelIndex() map[string]string {
	m := map[string]string{}
	put := func(kind catalog.LabelKind, slug string, label func(string, string) (string, bool)) {
		m[analysis.IndexText(slug)] = string(kind) + ":" + slug
		for _, l := range catalog.InterfaceLanguages {
			if name, ok := label(slug, l); ok {
				m[analysis.IndexText(name)] = string(kind) + ":" + slug
			}
		}
	}
	for _, t := range catalog.Themes {
		put(catalog.LabelTheme, t.Slug, concepts.ThemeLabel)
		for _, s := range t.Sub {
			put(catalog.LabelSubTheme, s.Slug, concepts.ThemeLabel)
		}
	}
	for _, t := range catalog.ContentTypes {
		put(catalog.LabelType, t.Slug, concepts.TypeLabel)
	}
	// Plural and short forms feeds use for their sections.
	for name, slug := range map[string]string{"events": "event", "agenda": "event", "evenements": "event",
		"veranstaltungen": "event", "termine": "event", "calls": "funding", "funding": "funding",
		"financements": "funding", "foerderung": "funding", "forderung": "funding", "laws": "legislation",
		"publications": "report", "reports": "report", "rapports": "report", "berichte": "report",
		"good practices": "case-study", "practices": "case-study", "bonnes pratiques": "case-study",
		"gute praxis": "case-study", "actualites": "news", "aktuelles": "news", "press": "news",
		"tenders": "tender", "studies": "research", "statistik": "statistics", "data": "statistics",
		"projects": "project", "projets": "project", "projekte": "project"} {
		m[analysis.IndexText(name)] = string(catalog.LabelType) + ":" + slug
	}
	return m
}

// categories cleans the feed's categories, at most MaxCategories.
func categories(in []string) []string {
	var out []string
	for _, c := range in {
		if c = plainLine(c, maxAuthor); c != "" {
			out = append(out, c)
		}
		if len(out) == MaxCategories {
			break
		}
	}
	return out
}
