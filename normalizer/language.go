package normalizer

import "github.com/ewsi/hub/normalizer/lang"

// Where a document's language came from (catalog.Document.LanguageFrom).
const (
	FromDetector = "detector"
	FromDeclared = "declared" // the item's declared language, or its page's <html lang>
	FromSource   = "source"   // the source's default language
)

const (
	// detectMinLetters is how many letters a text needs before a confident
	// detection outweighs what the feed or the source declares.
	detectMinLetters = 60
	// mixedMinLetters is how long a text must be before its paragraphs are
	// checked for other languages: each check costs about a millisecond.
	mixedMinLetters = 600
)

// language decides a document's language: a confident detection on 60
// letters or more wins; otherwise the item's declared language, then the
// page's, then the source's; a confident detection on a shorter text is
// the last resort. It returns "" when nothing is known.
func (n *Normalizer) language(title, text, declared, page, source string) (code, from string) {
	sample := cutBytes(title+"\n"+cutBytes(text, 16<<10), 16<<10)
	detected, confident := n.detector.Detect(sample)
	if confident && lang.Letters(sample) >= detectMinLetters {
		return detected, FromDetector
	}
	for _, hint := range []struct{ tag, from string }{
		{declared, FromDeclared}, {page, FromDeclared}, {source, FromSource},
	} {
		if c := lang.Normalize(hint.tag); c != "" {
			return c, hint.from
		}
	}
	if confident {
		return detected, FromDetector
	}
	return "", ""
}
