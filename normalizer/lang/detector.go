package lang

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// linguaLanguages are the languages lingua chooses between, with the code
// the catalog stores for each. Maltese is missing: lingua has no model for
// it (see maltese.go). Both written forms of Norwegian map to "no".
var linguaLanguages = map[lingua.Language]string{
	lingua.Bulgarian: "bg", lingua.Czech: "cs", lingua.Danish: "da", lingua.German: "de",
	lingua.Greek: "el", lingua.English: "en", lingua.Spanish: "es", lingua.Estonian: "et",
	lingua.Finnish: "fi", lingua.French: "fr", lingua.Irish: "ga", lingua.Croatian: "hr",
	lingua.Hungarian: "hu", lingua.Italian: "it", lingua.Lithuanian: "lt", lingua.Latvian: "lv",
	lingua.Dutch: "nl", lingua.Polish: "pl", lingua.Portuguese: "pt", lingua.Romanian: "ro",
	lingua.Slovak: "sk", lingua.Slovene: "sl", lingua.Swedish: "sv",
	lingua.Icelandic: "is", lingua.Bokmal: "no", lingua.Nynorsk: "no",
	lingua.Arabic: "ar", lingua.Turkish: "tr", lingua.Ukrainian: "uk", lingua.Russian: "ru",
	lingua.Albanian: "sq", lingua.Persian: "fa", lingua.Somali: "so",
}

// Supported lists the codes Detect can return, sorted.
func Supported() []string {
	seen := map[string]bool{"mt": true}
	for _, c := range linguaLanguages {
		seen[c] = true
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Limits that keep detection cheap whatever the input: only the start of a
// text is looked at, and a mixed document is judged on a sample.
const (
	// MaxDetect is how many characters of a text lingua reads. Its cost
	// jumps about fivefold past 300 characters (it computes confidences
	// with arbitrary-precision powers), while accuracy has long stopped
	// improving there.
	MaxDetect = 300
	// maxMaltese is how many characters the Maltese detector reads.
	maxMaltese = 2000
	// minConfidence is the share of lingua's probability the best language
	// must hold, and minMargin its lead over the second, for a confident
	// answer. Below that, close languages (Czech/Slovak, Croatian/Slovene,
	// Danish/Norwegian) are too close to call.
	minConfidence = 0.6
	minMargin     = 0.25
)

// Options configure a Detector.
type Options struct {
	// HighAccuracy loads lingua's 1- to 5-gram models instead of trigrams
	// only. It only changes results on texts under 120 characters (lingua
	// uses trigrams alone above that) and costs several times the memory.
	HighAccuracy bool
	// Preload loads every model when the Detector is built instead of on
	// first use, so the first harvested item is not slow.
	Preload bool
}

// Detector detects languages. It is safe for concurrent use. Lingua keeps
// its models in process-wide maps, so building a second Detector costs
// little once the first one has loaded them.
type Detector struct {
	lingua lingua.LanguageDetector
}

// New builds a Detector; with Options.Preload it loads every model, which
// takes seconds.
func New(opts Options) *Detector {
	langs := make([]lingua.Language, 0, len(linguaLanguages))
	for l := range linguaLanguages {
		langs = append(langs, l)
	}
	b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...)
	if !opts.HighAccuracy {
		b = b.WithLowAccuracyMode()
	}
	if opts.Preload {
		b = b.WithPreloadedLanguageModels()
	}
	return &Detector{lingua: b.Build()}
}

// Detect returns the language of text as a catalog code ("de", "mt", "no")
// and whether the detection is confident. A guess that is not confident
// may still be returned; "", false means text has no letters or no
// language fits. Lingua reads only the first MaxDetect characters.
func (d *Detector) Detect(text string) (code string, confident bool) {
	code, conf := d.detect(text)
	return code, conf >= 1
}

// detect returns the best code and a confidence where 1 or more means
// confident.
func (d *Detector) detect(text string) (string, float64) {
	text = clip(text, maxMaltese)
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return "", 0
	}
	if mt, sure := maltese(text); mt {
		if sure {
			return "mt", 1
		}
		return "mt", 0.5
	}
	values := d.lingua.ComputeLanguageConfidenceValues(clipWords(text, MaxDetect))
	// Sum the written forms of one code (Bokmål and Nynorsk) before judging.
	var best, second string
	sums := make(map[string]float64, 4)
	for _, v := range values {
		if v.Value() <= 0 {
			break
		}
		c, ok := linguaLanguages[v.Language()]
		if !ok {
			continue
		}
		sums[c] += v.Value()
	}
	for c, v := range sums {
		switch {
		case best == "" || v > sums[best] || (v == sums[best] && c < best):
			best, second = c, best
		case second == "" || v > sums[second] || (v == sums[second] && c < second):
			second = c
		}
	}
	if best == "" {
		return "", 0
	}
	top, margin := sums[best], sums[best]-sums[second]
	if top >= minConfidence && margin >= minMargin {
		return best, 1
	}
	return best, top
}

// Others returns the languages other than primary that a clear share of
// paragraphs is written in, most present first: what makes a document
// mixed. It samples at most maxSample paragraphs of at least minParagraph
// letters, spread over the document, and reads at most sampleLength
// characters of each, so its cost (about a millisecond a paragraph) does
// not grow with the document.
func (d *Detector) Others(paragraphs []string, primary string) []string {
	const (
		maxSample    = 4
		sampleLength = 160
		minParagraph = 80
		minShare     = 0.2
		minLetters   = 120
	)
	var long []string
	for _, p := range paragraphs {
		if letters(p, minParagraph) >= minParagraph {
			long = append(long, p)
		}
	}
	if len(long) < 2 {
		return nil
	}
	step := 1
	if len(long) > maxSample {
		step = (len(long) + maxSample - 1) / maxSample
	}
	count := map[string]int{}
	total := 0
	for i := 0; i < len(long); i += step {
		p := clipWords(long[i], sampleLength)
		n := letters(p, -1)
		total += n
		if c, conf := d.detect(p); conf >= 1 {
			count[c] += n
		}
	}
	var out []string
	for c, n := range count {
		if c != primary && n >= minLetters && float64(n) >= minShare*float64(total) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// letters counts the letters of s, stopping at limit when limit >= 0.
func letters(s string, limit int) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if n == limit {
				break
			}
		}
	}
	return n
}

// Letters counts the letters of s: the length that the normalizer compares
// with its threshold for trusting a detection.
func Letters(s string) int { return letters(s, -1) }

// clipWords cuts s to at most n characters, at the last space before the
// cut when there is one, so lingua never sees half a word.
func clipWords(s string, n int) string {
	c := clip(s, n)
	if len(c) == len(s) {
		return c
	}
	if i := strings.LastIndexFunc(c, unicode.IsSpace); i > len(c)/2 {
		return c[:i]
	}
	return c
}

// clip cuts s to at most n characters, on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
