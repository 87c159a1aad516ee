package normalizer

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/ewsi/hub/normalizer/lang"
)

// body is what extraction makes of Input.HTML (or of the summary when there
// is no HTML): the content as unsanitised HTML with absolute URLs, and
// what the page says about itself.
type body struct {
	html string
	meta pageMeta
	ld   ldGraph // the JSON-LD of src, read once for metadata and structured fields
}

// extract parses src and returns its content. A whole page (one with an
// <html> or <body> tag) loses everything but its main content; a fragment,
// such as a feed's content:encoded, only loses the junk blocks (share bars,
// hidden elements, forms). A document the parser refuses — nested deeper
// than its 512 elements — degrades to its text in paragraphs.
func extract(src string, base *url.URL) body {
	b := body{ld: parseJSONLD(jsonLDBlocks(src))}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		_, paras := plainText(src)
		b.html = paragraphsHTML(paras)
		return b
	}
	doc := goquery.NewDocumentFromNode(root)
	whole := isWholePage(src)
	base = documentBase(doc, base)
	if whole {
		b.meta = readMeta(doc, base, b.ld)
	}
	sel := doc.Find("body")
	if sel.Length() == 0 {
		return b
	}
	x := newExtractor(sel.Nodes[0])
	x.prune(x.root, !whole)
	content := x.root
	if whole {
		content = x.mainContent()
	}
	x.dropRelated(content)
	if whole {
		x.clean(content)
		if b.meta.published.IsZero() && x.dateline != "" && b.meta.schemaType != "Event" {
			b.meta.published = visibleDate(x.dateline, lang.Normalize(b.meta.lang))
		}
	}
	resolveLinks(content, base)
	truncate(content, MaxBodyHTML*3/4)

	var out strings.Builder
	for c := content.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&out, c); err != nil {
			break
		}
	}
	b.html = out.String()
	return b
}

// paragraphsHTML turns plain-text paragraphs into escaped HTML ones, their
// lines kept with <br>: the fallback for what the parser refuses and for
// content too large once escaped.
func paragraphsHTML(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// isWholePage reports whether s has an <html> or <body> tag, which makes it
// a page to extract content from rather than a fragment to keep whole.
func isWholePage(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		for _, tag := range [...]string{"html", "body"} {
			j := i + 1 + len(tag)
			if j < len(s) && strings.EqualFold(s[i+1:j], tag) {
				switch s[j] {
				case ' ', '>', '/', '\t', '\n', '\r', '\f':
					return true
				}
			}
		}
	}
	return false
}

// documentBase applies a page's <base href> to the base it was fetched
// from, as browsers do; a <base> that is not http(s) is ignored.
func documentBase(doc *goquery.Document, base *url.URL) *url.URL {
	href, ok := doc.Find("base[href]").First().Attr("href")
	if !ok {
		return base
	}
	abs, ok := resolve(base, href)
	if !ok {
		return base
	}
	if u := webURL(abs); u != nil {
		return u
	}
	return base
}

// stat is what extraction knows of one element: its visible text length
// (non-space bytes), the part of it inside links, its commas, and the
// form controls it held before pruning removed them.
type stat struct {
	text, link, commas, controls int
}

// extractor holds one page's tree while its content is picked out.
type extractor struct {
	root  *html.Node
	stats map[*html.Node]stat
	total int // text of the whole body
	// dateline is the first date line clean removed before any prose:
	// the page's date when its metadata gives none.
	dateline  string
	proseSeen bool
}

func newExtractor(root *html.Node) *extractor {
	x := &extractor{root: root, stats: make(map[*html.Node]stat)}
	x.total = x.measure(root, false).text
	return x
}

// measure fills stats bottom-up in one pass, so every later decision is a
// map look-up and extraction stays linear in the size of the page. The
// parser refuses nesting deeper than 512, which bounds the recursion.
func (x *extractor) measure(n *html.Node, inLink bool) stat {
	var s stat
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t := visibleLen(c.Data)
			s.text += t
			s.commas += strings.Count(c.Data, ",")
			if inLink {
				s.link += t
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Form, atom.Input, atom.Button, atom.Select, atom.Textarea:
				s.controls++
			}
			if alwaysDropped(c.DataAtom) {
				continue
			}
			cs := x.measure(c, inLink || c.DataAtom == atom.A)
			s.text += cs.text
			s.link += cs.link
			s.commas += cs.commas
			s.controls += cs.controls
		}
	}
	// Measured again after pruning, an element keeps the controls it had.
	s.controls = max(s.controls, x.stats[n].controls)
	x.stats[n] = s
	return s
}

// visibleLen counts the bytes of s that are not ASCII spaces or controls.
func visibleLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			n++
		}
	}
	return n
}

// mainContent picks the element that holds the content of a page: marked
// up as such (articleBody, <article>, <main>, well-known ids and classes)
// or, failing that, the element whose paragraphs score highest. A
// candidate must hold at least 30% of the page's text, or the whole body
// is kept: keeping a little boilerplate is better than losing content.
// Marked-up content that is mostly prose (at least 500 bytes, under a
// quarter of it in links), or that holds the page's only <h1>, is taken
// whatever its share: a short story under long reader comments is still
// the story.
func (x *extractor) mainContent() *html.Node {
	total := x.measure(x.root, false).text // again, after pruning
	doc := goquery.NewDocumentFromNode(x.root)
	accept := func(n *html.Node) bool {
		t := x.stats[n].text
		return t >= 25 && 10*t >= 3*total
	}
	h1 := doc.Find("h1").Nodes
	prose := func(n *html.Node) bool {
		s := x.stats[n]
		if len(h1) == 1 && s.text >= 100 && 4*s.link < s.text && contains(n, h1[0]) {
			return true
		}
		return s.text >= 500 && 4*s.link < s.text
	}
	for _, sel := range []string{
		`[itemprop="articleBody"]`,
		`article`,
		`main, [role="main"]`,
		`#content, #main-content, #maincontent, #main, .main-content, .post-content, ` +
			`.entry-content, .article-body, .article-content, .field--name-body, ` +
			`.node__content, .page-content, #primary, .content`,
	} {
		var best *html.Node
		sum := 0
		for _, n := range doc.Find(sel).Nodes {
			sum += x.stats[n].text
			if best == nil || x.stats[n].text > x.stats[best].text {
				best = n
			}
		}
		// Several articles of which none dominates are a listing of
		// teasers, not one article: look further out.
		if best != nil && (accept(best) || prose(best)) && 2*x.stats[best].text >= sum {
			return best
		}
	}
	best, titled := x.bestScored(h1)
	if titled != nil && prose(titled) {
		return titled
	}
	if best != nil && accept(best) {
		return best
	}
	return x.root
}

// contains reports whether d is n or one of its descendants.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

// hasBlockChild reports whether n has a child element that starts a
// block of text.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockElement(c.DataAtom) || c.DataAtom == atom.Table ||
			c.DataAtom == atom.Li || c.DataAtom == atom.Pre) {
			return true
		}
	}
	return false
}

// bestScored is a small version of Readability's scoring: each paragraph
// of 25 characters or more adds to its parent (and half to its
// grandparent) one point, one per comma and one per 100 characters (up to
// three); the element with the highest score, discounted by the share of
// its text inside links, wins. h1 are the page's <h1> elements; with only
// one, titled is the scored element around it when that is a better
// article than best (see the end of the function), else nil.
func (x *extractor) bestScored(h1 []*html.Node) (best, titled *html.Node) {
	scores := map[*html.Node]float64{}
	paras := map[*html.Node]int{} // paragraphs counted in scores, per parent
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			paragraph := false
			switch c.DataAtom {
			case atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Li, atom.Dd:
				paragraph = true
			case atom.Div, atom.Section:
				// As in Readability, a div of text with no block inside
				// it is a paragraph written without <p>.
				paragraph = !hasBlockChild(c)
			}
			if paragraph {
				s := x.stats[c]
				if s.text >= 25 && c.Parent != nil {
					score := 1 + float64(s.commas) + min(float64(s.text)/100, 3)
					scores[c.Parent] += score
					paras[c.Parent]++
					if gp := c.Parent.Parent; gp != nil {
						scores[gp] += score / 2
					}
				}
			}
			walk(c)
		}
	}
	walk(x.root)
	bestScore := 0.0
	for n, score := range scores {
		s := x.stats[n]
		if s.text > 0 {
			score *= 1 - float64(s.link)/float64(s.text)
			scores[n] = score
		}
		if score > bestScore || (score == bestScore && best != nil && s.text > x.stats[best].text) {
			best, bestScore = n, score
		}
	}
	if best == nil || len(h1) != 1 || contains(best, h1[0]) {
		return best, nil
	}
	// The nearest scored element around the page's only <h1>: when it
	// lies outside the best one (not around it) and holds an article of
	// its own — two paragraphs or more, 300 bytes besides the title, few
	// links — the best one is a discussion or a listing beside it, which
	// long reader comments outscore whatever their markup.
	title := x.stats[h1[0]].text
	for n := h1[0].Parent; n != nil && n != x.root; n = n.Parent {
		if contains(n, best) {
			break
		}
		if scores[n] > 0 {
			s := x.stats[n]
			if paras[n] >= 2 && s.text-title >= 300 && 4*s.link < s.text {
				return best, n
			}
			break
		}
	}
	return best, nil
}
