package normalizer

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// toUTF8 decodes a fetched page to UTF-8. Text that is already valid UTF-8
// is kept as it is whatever the page declares: real Latin-1 or
// Windows-1252 text is almost never valid UTF-8 by accident, while
// mislabelled UTF-8 pages and feed content that gofeed already decoded are
// common. Otherwise the encoding comes from a byte-order mark, the
// Content-Type charset, a <meta charset> in the first KiB, or defaults to
// Windows-1252, as browsers do.
func toUTF8(s, contentType string) string {
	if utf8.ValidString(s) {
		return s
	}
	enc, name, _ := charset.DetermineEncoding([]byte(cutBytes(s, 1024)), contentType)
	if name == "utf-8" {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	out, err := enc.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.ToValidUTF8(out, "\uFFFD")
}
