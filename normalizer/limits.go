package normalizer

import (
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

// Bounds on what Normalize reads and writes. Inputs past a bound are cut
// before parsing, at a character boundary; nothing is rejected for size.
const (
	// MaxHTML is the most bytes of Input.HTML parsed: a page larger than
	// 4 MiB is cut there (its tail is usually scripts and footers anyway).
	MaxHTML = 4 << 20
	// MaxSummaryInput is the most bytes of Input.Summary parsed.
	MaxSummaryInput = 1 << 20
	// MaxTitleInput is the most bytes of Input.Title (or an author name)
	// parsed.
	MaxTitleInput = 64 << 10

	// MaxTitle is the most characters of a normalised title; longer ones
	// are cut at a word and end in "…".
	MaxTitle = 500
	// MaxSummary is the most characters of a summary taken from the feed;
	// SummaryLength is the length of one made from the text.
	MaxSummary    = 600
	SummaryLength = 300
	// MaxAuthors and MaxCategories bound the lists read from the Input.
	MaxAuthors    = 20
	MaxCategories = 50
	maxAuthor     = 200

	// MaxText and MaxBodyHTML bound the Document's Text and HTML, as the
	// catalog accepts them.
	MaxText     = catalog.MaxText
	MaxBodyHTML = 2 * catalog.MaxText
)

// cutBytes cuts s to at most n bytes without splitting a character.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
