package normalizer

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainText returns the plain text of an HTML fragment: paragraphs
// separated by a blank line, list items, table rows and <br> on lines of
// their own, table cells separated by a space, entities decoded, whitespace
// collapsed (except the line breaks of <pre>). It stops at MaxText bytes.
// It also returns the paragraphs, which language detection samples.
func plainText(fragment string) (string, []string) {
	var t textBuilder
	z := html.NewTokenizer(strings.NewReader(fragment))
	skip, pre := 0, 0
	for t.size < MaxText {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if pre > 0 {
				for i, line := range strings.Split(string(z.Text()), "\n") {
					if i > 0 {
						t.line()
					}
					t.write(line)
				}
				continue
			}
			t.write(string(z.Text()))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			start := tt != html.EndTagToken
			switch a {
			case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Textarea,
				atom.Iframe, atom.Noembed, atom.Noframes, atom.Xmp, atom.Title:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Pre:
				if tt == html.StartTagToken {
					pre++
				} else if tt == html.EndTagToken && pre > 0 {
					pre--
				}
				t.para()
			case atom.Br:
				t.line()
			case atom.Li, atom.Tr, atom.Dt, atom.Dd, atom.Figcaption, atom.Caption:
				t.line()
			case atom.Td, atom.Th:
				if start && t.cur.Len() > 0 {
					t.space = true
				}
			case atom.Img:
				// An image carries no text; its alt text is not prose.
			default:
				if blockElement(a) {
					t.para()
				}
			}
		}
	}
	t.para()
	return cutBytes(strings.Join(t.paras, "\n\n"), MaxText), t.paras
}

// blockElement reports elements that start a new paragraph in plain text.
func blockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside, atom.Header,
		atom.Footer, atom.Nav, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Dl, atom.Blockquote, atom.Table, atom.Figure, atom.Hr,
		atom.Address, atom.Details, atom.Summary, atom.Form, atom.Fieldset, atom.Body:
		return true
	}
	return false
}

// textBuilder accumulates words into lines and lines into paragraphs.
type textBuilder struct {
	paras []string
	lines []string
	cur   strings.Builder
	space bool // a space is due before the next word
	size  int
}

func (t *textBuilder) write(s string) {
	for _, r := range s {
		switch {
		case invisible(r):
		case unicode.IsSpace(r):
			t.space = t.cur.Len() > 0
		default:
			if t.space && t.cur.Len() > 0 {
				t.cur.WriteByte(' ')
				t.size++
				t.space = false
			}
			n, _ := t.cur.WriteRune(r)
			t.size += n
		}
	}
}

func (t *textBuilder) line() {
	if t.cur.Len() > 0 {
		t.lines = append(t.lines, t.cur.String())
		t.size++
		t.cur.Reset()
	}
	t.space = false
}

func (t *textBuilder) para() {
	t.line()
	if len(t.lines) > 0 {
		t.paras = append(t.paras, strings.Join(t.lines, "\n"))
		t.size++
		t.lines = t.lines[:0]
	}
}

// summarize makes a summary of at most max characters from plain text:
// its paragraphs run together, cut at a word.
func summarize(text string, max int) string {
	if len(text) > 8*max {
		text = cutBytes(text, 8*max)
	}
	return clipWords(collapse(text), max)
}

// firstLine returns the first non-empty line of text, cut to max
// characters: the title of last resort.
func firstLine(text string, max int) string {
	for _, l := range strings.Split(cutBytes(text, 8*max), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return clipWords(l, max)
		}
	}
	return ""
}
