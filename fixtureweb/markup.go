package fixtureweb

import (
	"html"
	"regexp"
	"strings"
)

// The body markup is a tiny Markdown: blocks are separated by blank lines;
// "## " and "### " start headings; a block of "- " lines is a list, of
// "1. " lines a numbered list, of "> " lines a quotation; a block of
// "|" lines is a table whose first row is the header, optionally preceded
// by a line "Table: caption"; any other block is a paragraph. Inline,
// **bold** and [text](url) work; a url starting with "/" is a path on the
// fixture web and is made absolute with the base URL.

var (
	linkRE   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	boldRE   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	olItemRE = regexp.MustCompile(`^\d+\. `)
	ruleRE   = regexp.MustCompile(`^[\s|:-]+$`)
)

func blocks(src string) [][]string {
	var out [][]string
	for _, b := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(b, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, lines)
		}
	}
	return out
}

func allPrefixed(lines []string, match func(string) bool) bool {
	for _, l := range lines {
		if !match(l) {
			return false
		}
	}
	return true
}

func isUL(l string) bool    { return strings.HasPrefix(l, "- ") }
func isOL(l string) bool    { return olItemRE.MatchString(l) }
func isQuote(l string) bool { return strings.HasPrefix(l, "> ") }
func isRow(l string) bool   { return strings.HasPrefix(l, "|") }

func tableRows(lines []string) (caption string, rows [][]string) {
	if strings.HasPrefix(lines[0], "Table: ") {
		caption, lines = strings.TrimPrefix(lines[0], "Table: "), lines[1:]
	}
	for _, l := range lines {
		if ruleRE.MatchString(l) {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	return caption, rows
}

func isTable(lines []string) bool {
	if strings.HasPrefix(lines[0], "Table: ") {
		lines = lines[1:]
	}
	return len(lines) > 0 && allPrefixed(lines, isRow)
}

// renderMarkup turns body markup into HTML with absolute links under base.
func renderMarkup(src, base string) string {
	var b strings.Builder
	inline := func(s string) string {
		s = html.EscapeString(s)
		s = boldRE.ReplaceAllString(s, "<strong>$1</strong>")
		return linkRE.ReplaceAllStringFunc(s, func(m string) string {
			p := linkRE.FindStringSubmatch(m)
			href := p[2]
			if strings.HasPrefix(href, "/") {
				href = html.EscapeString(base) + href
			}
			return `<a href="` + href + `">` + p[1] + `</a>`
		})
	}
	for _, lines := range blocks(src) {
		first := lines[0]
		switch {
		case strings.HasPrefix(first, "### ") && len(lines) == 1:
			b.WriteString("<h3>" + inline(first[4:]) + "</h3>\n")
		case strings.HasPrefix(first, "## ") && len(lines) == 1:
			b.WriteString("<h2>" + inline(first[3:]) + "</h2>\n")
		case allPrefixed(lines, isUL):
			b.WriteString("<ul>\n")
			for _, l := range lines {
				b.WriteString("<li>" + inline(l[2:]) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		case allPrefixed(lines, isOL):
			b.WriteString("<ol>\n")
			for _, l := range lines {
				b.WriteString("<li>" + inline(olItemRE.ReplaceAllString(l, "")) + "</li>\n")
			}
			b.WriteString("</ol>\n")
		case allPrefixed(lines, isQuote):
			b.WriteString("<blockquote>\n")
			for _, l := range lines {
				b.WriteString("<p>" + inline(l[2:]) + "</p>\n")
			}
			b.WriteString("</blockquote>\n")
		case isTable(lines):
			caption, rows := tableRows(lines)
			b.WriteString("<table>\n")
			if caption != "" {
				b.WriteString("<caption>" + inline(caption) + "</caption>\n")
			}
			for i, row := range rows {
				cell := "td"
				if i == 0 {
					cell = "th"
					b.WriteString("<thead>\n")
				} else if i == 1 {
					b.WriteString("<tbody>\n")
				}
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<" + cell + ">" + inline(c) + "</" + cell + ">")
				}
				b.WriteString("</tr>\n")
				if i == 0 {
					b.WriteString("</thead>\n")
				}
			}
			if len(rows) > 1 {
				b.WriteString("</tbody>\n")
			}
			b.WriteString("</table>\n")
		default:
			b.WriteString("<p>" + inline(strings.Join(lines, " ")) + "</p>\n")
		}
	}
	return b.String()
}

// plainInline strips inline markup.
func plainInline(s string) string {
	s = boldRE.ReplaceAllString(s, "$1")
	return linkRE.ReplaceAllString(s, "$1")
}

// plainText turns body markup into plain text: one block per paragraph,
// one line per list item or table row (cells joined by " | ").
func plainText(src string) string {
	var out []string
	for _, lines := range blocks(src) {
		var b []string
		switch {
		case isTable(lines):
			caption, rows := tableRows(lines)
			if caption != "" {
				b = append(b, plainInline(caption))
			}
			for _, row := range rows {
				for i := range row {
					row[i] = plainInline(row[i])
				}
				b = append(b, strings.Join(row, " | "))
			}
		case allPrefixed(lines, isUL), allPrefixed(lines, isOL), allPrefixed(lines, isQuote):
			for _, l := range lines {
				l = olItemRE.ReplaceAllString(l, "")
				l = strings.TrimPrefix(strings.TrimPrefix(l, "- "), "> ")
				b = append(b, plainInline(l))
			}
		default:
			l := strings.Join(lines, " ")
			l = strings.TrimPrefix(strings.TrimPrefix(l, "### "), "## ")
			b = append(b, plainInline(l))
		}
		out = append(out, strings.Join(b, "\n"))
	}
	return strings.Join(out, "\n\n")
}

// splitLead cuts the markup before its first block when that block is the
// lead paragraph, for layouts that print the lead apart (a chapô, an
// abstract); otherwise rest is src.
func splitLead(src string) (lead, rest string) {
	b := blocks(src)
	if len(b) == 0 || leadText(src) != plainInline(strings.Join(b[0], " ")) {
		return "", src
	}
	var out []string
	for _, lines := range b[1:] {
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(b[0], "\n"), strings.Join(out, "\n\n")
}

// leadText returns the first paragraph of the body as plain text.
func leadText(src string) string {
	for _, lines := range blocks(src) {
		if strings.HasPrefix(lines[0], "#") || isTable(lines) ||
			allPrefixed(lines, isUL) || allPrefixed(lines, isOL) || allPrefixed(lines, isQuote) {
			continue
		}
		return plainInline(strings.Join(lines, " "))
	}
	return ""
}
