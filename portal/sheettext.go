package portal

import (
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// A section of a country sheet is plain text: paragraphs separated by
// blank lines, line breaks kept, web and mail addresses written out. It is
// shown through these types, never as HTML, so nothing an editor types can
// become markup; html/template escapes the text and checks the links.

// textSegment is a run of text, a link when URL is set.
type textSegment struct {
	Text string
	URL  string
}

// textParagraph is one paragraph: its lines, each a run of segments.
type textParagraph struct {
	Lines [][]textSegment
}

// addressPattern finds web addresses and mail addresses in running text.
var addressPattern = regexp.MustCompile(`https?://[^\s<>"]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)

// blankLine separates paragraphs.
var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// parseSheetText splits text into paragraphs, lines and links.
func parseSheetText(text string) []textParagraph {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []textParagraph
	for _, block := range blankLine.Split(text, -1) {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		var p textParagraph
		for _, line := range strings.Split(block, "\n") {
			p.Lines = append(p.Lines, linkSegments(strings.TrimSpace(line)))
		}
		out = append(out, p)
	}
	return out
}

// linkSegments cuts a line into text and links. Punctuation that ends a
// sentence after an address is left out of the link.
func linkSegments(line string) []textSegment {
	var out []textSegment
	rest := 0
	for _, m := range addressPattern.FindAllStringIndex(line, -1) {
		addr := strings.TrimRight(line[m[0]:m[1]], ".,;:!?)]'")
		end := m[0] + len(addr)
		href := linkTarget(addr)
		if href == "" {
			continue
		}
		if m[0] > rest {
			out = append(out, textSegment{Text: line[rest:m[0]]})
		}
		out = append(out, textSegment{Text: addr, URL: href})
		rest = end
	}
	if rest < len(line) {
		out = append(out, textSegment{Text: line[rest:]})
	}
	return out
}

// linkTarget is the href of an address found in text, "" when it is not
// one the portal links to (only http, https and mailto).
func linkTarget(addr string) string {
	if strings.HasPrefix(addr, "http://") || strings.HasPrefix(addr, "https://") {
		u, err := url.Parse(addr)
		if err != nil || u.Host == "" || u.User != nil {
			return ""
		}
		return u.String()
	}
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr {
		return ""
	}
	return "mailto:" + addr
}
