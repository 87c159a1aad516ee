package normalizer

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clean removes, inside the chosen content, what is around the article
// rather than of it, judged by shape since its markup said nothing:
//
//   - what precedes the content's only <h1> when it is short (kickers,
//     breadcrumbs, "Press release" labels);
//   - blocks whose text is mostly links (related lists, tag clouds, share
//     bars, contents lists, "was this useful? yes no");
//   - short blocks that held a form control (newsletter and feedback boxes);
//   - short lines that are a date and little else (bylines, "Published:",
//     "Last updated");
//   - headings left with nothing under them.
//
// It never removes root itself, and every step is one walk of the tree.
func (x *extractor) clean(root *html.Node) {
	x.measure(root, false)
	x.dropBeforeTitle(root)
	x.dropShaped(root, root)
	dropOrphanHeadings(root)
}

// dropBeforeTitle removes what comes before the content's only <h1>, up to
// 160 visible bytes of it: the title starts the article.
func (x *extractor) dropBeforeTitle(root *html.Node) {
	var h1s []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(h1s) < 2; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.H1 {
					h1s = append(h1s, c)
					continue
				}
				find(c)
			}
		}
	}
	find(root)
	if len(h1s) != 1 {
		return
	}
	var before []*html.Node
	size := 0
	for n := h1s[0]; n != nil && n != root; n = n.Parent {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode {
				size += x.stats[s].text
			} else if s.Type == html.TextNode {
				size += visibleLen(s.Data)
			}
			before = append(before, s)
		}
	}
	if size > 160 {
		return
	}
	for _, s := range before {
		s.Parent.RemoveChild(s)
	}
}

// shapeBlock reports the elements whose shape clean judges: blocks only,
// since an inline element (a link in a <span>, a date in a <time>) is
// part of its sentence.
func shapeBlock(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Dl, atom.P, atom.Aside, atom.Header,
		atom.Footer, atom.Nav, atom.Table, atom.Center:
		return true
	}
	return false
}

// inTabular reports whether n is inside a table cell or a list item below
// root, where a short date is data, not a date line.
func inTabular(root, n *html.Node) bool {
	for p := n.Parent; p != nil && p != root; p = p.Parent {
		switch p.DataAtom {
		case atom.Td, atom.Th, atom.Li, atom.Dd, atom.Dt, atom.Caption:
			return true
		}
	}
	return false
}

// dateLine matches a year of this or the last century, or a numeric date.
var dateLine = regexp.MustCompile(`\b(19|20)[0-9]{2}\b|\b[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}\b`)

func (x *extractor) dropShaped(root, n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && shapeBlock(c.DataAtom) && c != root {
			s := x.stats[c]
			switch {
			case s.text == 0 && s.controls == 0:
			case s.text > 0 && 2*s.link > s.text && s.text < 2000:
				n.RemoveChild(c)
			case s.controls > 0 && s.text < 400:
				n.RemoveChild(c)
			case s.text < 100 && c.DataAtom != atom.Ul && c.DataAtom != atom.Ol && c.DataAtom != atom.Table &&
				c.DataAtom != atom.Dl && !inTabular(root, c) && x.isDateLine(c):
				if !x.proseSeen && x.dateline == "" {
					x.dateline = strings.TrimSpace(textOf(c, 4*maxDateInput))
				}
				n.RemoveChild(c)
			case s.text >= 150 && !hasBlockChild(c):
				x.proseSeen = true
				x.dropShaped(root, c)
			default:
				x.dropShaped(root, c)
			}
		} else if c.Type == html.ElementNode {
			x.dropShaped(root, c)
		}
		c = next
	}
}

// isDateLine reports a short block that gives a date and is not a
// sentence: no full stop, question or exclamation mark at its end.
func (x *extractor) isDateLine(n *html.Node) bool {
	t := strings.TrimSpace(textOf(n, 300))
	if t == "" || !dateLine.MatchString(t) {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ';', ':':
		return false
	}
	return true
}

// dropOrphanHeadings removes headings followed, before the next heading of
// the same or a higher rank or the end of their parent, by nothing.
func dropOrphanHeadings(root *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				if r := headingRank(c.DataAtom); r > 1 && orphan(c, r) {
					n.RemoveChild(c)
				} else {
					walk(c)
				}
			}
			c = next
		}
	}
	walk(root)
}

func headingRank(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func orphan(h *html.Node, rank int) bool {
	// A heading alone in its wrapper (a CMS's content element) is followed
	// by what follows the wrapper; three levels up at most.
	start := h
	for i := 0; i < 3 && lastVisible(start) && start.Parent != nil && start.Parent.Parent != nil &&
		onlyVisible(start.Parent, start); i++ {
		start = start.Parent
	}
	for s := start.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.TextNode:
			if visibleLen(s.Data) > 0 {
				return false
			}
		case html.ElementNode:
			if r := headingRank(s.DataAtom); r > 0 && r <= rank {
				return true
			}
			switch {
			case s.DataAtom == atom.Hr:
				return true
			case s.DataAtom == atom.Img, visibleLen(textOf(s, 64)) > 0:
				return false
			}
		}
	}
	return true
}

// lastVisible reports whether nothing with text follows n in its parent.
func lastVisible(n *html.Node) bool {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if (s.Type == html.TextNode && visibleLen(s.Data) > 0) ||
			(s.Type == html.ElementNode && (s.DataAtom == atom.Img || visibleLen(textOf(s, 64)) > 0)) {
			return false
		}
	}
	return true
}

// onlyVisible reports whether child is the only child of p with text.
func onlyVisible(p, child *html.Node) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c == child {
			continue
		}
		if (c.Type == html.TextNode && visibleLen(c.Data) > 0) ||
			(c.Type == html.ElementNode && (c.DataAtom == atom.Img || visibleLen(textOf(c, 64)) > 0)) {
			return false
		}
	}
	return true
}
