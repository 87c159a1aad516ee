package normalizer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainLine turns a short piece of possibly-HTML text (a title, an author
// name) into one line of plain text: tags dropped with the content of
// script and style, entities decoded (twice when a feed escaped them twice:
// "&amp;#8217;"), invisible characters removed, whitespace collapsed, and
// the result cut to max characters at a word.
func plainLine(s string, max int) string {
	s = cutBytes(s, MaxTitleInput)
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return clipWords(collapse(decodeAgain(b.String())), max)
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Textarea,
				atom.Iframe, atom.Noembed, atom.Noframes, atom.Xmp:
				// The tokenizer gives their raw content as one text token;
				// what is inside is never part of a title.
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.Br, atom.P, atom.Div, atom.Li:
				b.WriteByte(' ')
			}
		}
	}
}

// decodeAgain decodes what is left of entities after the tokenizer decoded
// them once, but only numeric references and &amp;: a title that reads
// "&#8217;" was escaped twice by its feed, while "&lt;" might be meant.
func decodeAgain(s string) string {
	if !strings.Contains(s, "&#") && !strings.Contains(s, "&amp;") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := strings.IndexByte(s, ';')
		if end > 0 && end <= 10 && (s[1] == '#' || s[:end+1] == "&amp;") {
			b.WriteString(html.UnescapeString(s[:end+1]))
			s = s[end+1:]
			continue
		}
		b.WriteByte('&')
		s = s[1:]
	}
}

// invisible reports characters that carry nothing in plain text: controls,
// zero-width spaces and joiners, soft hyphens, byte-order marks, and the
// bidirectional embeddings and overrides that can make a title display
// as something else ("\u202egnp.exe").
func invisible(r rune) bool {
	switch {
	case r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff',
		r == utf8.RuneError, r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return unicode.IsControl(r) && !unicode.IsSpace(r)
}

// collapse removes invisible characters and turns every run of whitespace
// into one space, trimming both ends.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case invisible(r):
		case unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clipWords cuts s to at most max characters, at the last space before the
// limit when there is one in its second half, and marks the cut with "…".
func clipWords(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	return strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"'
	}) + "…"
}
