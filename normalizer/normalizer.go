package normalizer

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/microcosm-cc/bluemonday"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/normalizer/lang"
)

// Input is one harvested item before normalisation.
type Input struct {
	SourceID       int64
	Key            string // feed GUID or URL; identity within the source
	URL            string // item link (absolute)
	BaseURL        string // for resolving relative links; defaults to URL
	Title          string // may contain HTML entities / tags
	Summary        string // feed description; may be HTML
	HTML           string // body HTML (content:encoded, or a whole page)
	ContentType    string // HTTP Content-Type of HTML if it came from a fetch, may be empty
	Language       string // declared language of the item (feed/xml:lang), may be empty
	SourceLanguage string // the source's default language, may be empty
	SourceCountry  string
	Published      time.Time
	Updated        time.Time
	Authors        []string
	Categories     []string

	// Classification hints (see classify.go). SchemaType is the item's
	// schema.org @type when the harvester knows it ("Event", "Grant");
	// Normalize also reads the page's own JSON-LD. SourceThemes and
	// SourceContentType are the source's defaults, theme or sub-theme
	// slugs and a content type slug. Rules are the source's rules made
	// from editors' corrections (catalog.SourceRule), applied last.
	SchemaType        string
	SourceThemes      []string
	SourceContentType string
	Rules             []catalog.SourceRule
	// Event is what the harvester's iCalendar parser read about the item,
	// nil for anything else; it takes precedence over the page.
	Event *catalog.Event
}

// Options configure a Normalizer. The zero value is what the harvester
// should use.
type Options struct {
	// HighAccuracyLanguage makes the detector load lingua's 1- to 5-gram
	// models instead of trigrams only: about 1.3 GB resident instead of
	// 90 MB, for better guesses on texts under 120 characters only.
	HighAccuracyLanguage bool
	// LazyLanguageModels loads language models on first use instead of in
	// New; tests and one-off commands start faster, the first item is slow.
	LazyLanguageModels bool
}

// Normalizer turns harvested items into catalog documents. Build one with
// New and share it: it is safe for concurrent use.
type Normalizer struct {
	detector *lang.Detector
	policy   *bluemonday.Policy
	// labelNames maps folded names of themes and types to "kind:slug",
	// for feed categories.
	labelNames map[string]string
}

// New builds a Normalizer. Unless opts.LazyLanguageModels is set it loads
// the language models, which takes about half a second; build one per
// process. The error is for options it cannot honour; there are none yet.
func New(opts Options) (*Normalizer, error) {
	return &Normalizer{
		detector: lang.New(lang.Options{
			HighAccuracy: opts.HighAccuracyLanguage,
			Preload:      !opts.LazyLanguageModels,
		}),
		policy:     newPolicy(),
		labelNames: labelIndex(),
	}, nil
}

// DetectLanguage returns the language of text as the catalog stores it
// (ISO 639-1: "de", "mt", "no" for both written forms of Norwegian) and
// whether the detector is confident. A guess that is not confident may
// still be returned; "", false means text has no letters. Only the first
// lang.MaxDetect characters are read by lingua (more by the Maltese
// detector), so the cost is bounded: see BenchmarkDetectLanguage.
func (n *Normalizer) DetectLanguage(text string) (lang string, confident bool) {
	return n.detector.Detect(text)
}

// Normalize turns one harvested item into a document ready to store. It
// never fetches anything and does not set ID or Harvested.
//
// The error wraps catalog.ErrInvalid, with a reason a source owner can
// read, when the item has neither key nor URL, when its URL is not an
// http(s) address, or when it has neither title nor text. Oversized input
// is cut, not refused (see MaxHTML).
func (n *Normalizer) Normalize(in Input) (*catalog.Document, error) {
	key, link, base, err := identity(in)
	if err != nil {
		return nil, err
	}

	src := toUTF8(cutBytes(in.HTML, MaxHTML), in.ContentType)
	summarySrc := cutBytes(strings.ToValidUTF8(in.Summary, "\uFFFD"), MaxSummaryInput)
	fromSummary := strings.TrimSpace(src) == ""
	if fromSummary {
		src = summarySrc
	}
	b := extract(src, base)
	bodyHTML := n.sanitize(b.html)
	text, paras := plainText(bodyHTML)

	pageTitle := plainLine(b.meta.title, MaxTitle)
	if b.meta.titleFromHead && len(paras) > 0 && headingLike(paras[0]) {
		pageTitle = collapse(paras[0])
	}
	title := firstNonEmpty(plainLine(in.Title, MaxTitle), pageTitle, firstLine(text, 150))
	if title == "" {
		return nil, fmt.Errorf("%w: the item %q has no title and no text", catalog.ErrInvalid, cutBytes(key, 200))
	}
	var feedSummary string
	if !fromSummary {
		s, _ := plainText(summarySrc)
		feedSummary = summarize(s, MaxSummary)
	}
	summary := firstNonEmpty(feedSummary, plainLine(b.meta.description, MaxSummary),
		summarize(strings.Join(withoutTitle(paras, title), "\n"), SummaryLength))

	d := &catalog.Document{
		SourceID:     in.SourceID,
		Key:          key,
		URL:          link,
		CanonicalURL: CanonicalURL(firstNonEmpty(b.meta.canonical, link)),
		Title:        title,
		Summary:      summary,
		Text:         text,
		HTML:         bodyHTML,
		Authors:      authors(in.Authors, b.meta.authors),
		Published:    firstTime(in.Published, in.Updated, b.meta.published),
		Updated:      firstTime(in.Updated, b.meta.modified),
		Publisher:    plainLine(b.meta.publisher, maxAuthor),
		Licence:      plainLine(b.meta.licence, maxAuthor),
		Translations: b.meta.translations,
	}
	d.Language, d.LanguageFrom = n.language(title, text, in.Language, b.meta.lang, in.SourceLanguage)
	if d.Language != "" && lang.Letters(text) >= mixedMinLetters {
		d.Languages = n.detector.Others(paras, d.Language)
	}
	var ld ldGraph // a feed's summary is no page: its JSON-LD is not the item's
	if !fromSummary {
		ld = b.ld
		d.TranslationKey = translationKey(src, link, base)
	}
	structuredFacts(d, in, ld, true)
	n.classify(d, in, schemaTypeOf(ld))
	structuredFacts(d, in, ld, false)
	d.ContentHash = d.Hash()
	return d, nil
}

// identity checks and completes what identifies an item: its key, its
// link made absolute, and the base its relative links resolve against.
func identity(in Input) (key, link string, base *url.URL, err error) {
	key = strings.TrimSpace(in.Key)
	link = strings.TrimSpace(in.URL)
	if key == "" && link == "" {
		return "", "", nil, fmt.Errorf("%w: the item has neither an identifier nor a link", catalog.ErrInvalid)
	}
	base = webURL(in.BaseURL)
	if link != "" && webURL(link) == nil {
		// A relative link is resolved; an absolute one is kept as given,
		// since Key defaults to it and must not change between harvests.
		abs, ok := resolve(base, link)
		if !ok || webURL(abs) == nil {
			return "", "", nil, fmt.Errorf("%w: the item's link %q is not a web address", catalog.ErrInvalid, cutBytes(link, 200))
		}
		link = abs
	}
	if base == nil {
		base = webURL(link)
	}
	if key == "" {
		key = link
	}
	return key, link, base, nil
}

// sanitize runs the policy over content, the last step before it leaves
// the package. Extraction has already bounded the content; should escaping
// still push it past MaxBodyHTML, its text in paragraphs replaces it.
func (n *Normalizer) sanitize(content string) string {
	out := strings.TrimSpace(n.policy.Sanitize(content))
	if len(out) <= MaxBodyHTML {
		return out
	}
	text, _ := plainText(out)
	for limit := MaxBodyHTML / 2; ; limit /= 2 {
		text = cutBytes(text, limit)
		out = strings.TrimSpace(n.policy.Sanitize(paragraphsHTML(strings.Split(text, "\n\n"))))
		if len(out) <= MaxBodyHTML {
			return out
		}
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// withoutTitle drops a first paragraph that repeats the title, as the
// heading of a page does, so a summary made from the text starts with
// what is new.
func withoutTitle(paras []string, title string) []string {
	if len(paras) > 1 && strings.EqualFold(collapse(paras[0]), title) {
		return paras[1:]
	}
	return paras
}

// headingLike reports a paragraph that reads as a heading rather than
// prose: one line of 10 to 200 bytes not ending in a full stop.
func headingLike(p string) bool {
	p = strings.TrimSpace(p)
	if len(p) < 10 || len(p) > 200 || strings.Contains(p, "\n") {
		return false
	}
	switch p[len(p)-1] {
	case '.', ':', ';', ',':
		return false
	}
	return true
}

// authors cleans the feed's author names, or falls back to the page's.
func authors(names []string, page []string) []string {
	if len(names) == 0 {
		names = page
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range names {
		a = plainLine(a, maxAuthor)
		if a == "" || seen[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		out = append(out, a)
		if len(out) == MaxAuthors {
			break
		}
	}
	return out
}

// firstTime returns the first non-zero time, in UTC.
func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.UTC()
		}
	}
	return time.Time{}
}
