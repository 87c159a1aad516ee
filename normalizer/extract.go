package normalizer

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// body is what extraction makes of Input.HTML (or of the summary when there
// is no HTML): the content as unsanitised HTML with absolute URLs, and
// what the page says about itself.
type body struct {
	html string
	meta pageMeta
}

// extract parses src and returns its content. A whole page (one with an
// <html> or <body> tag) loses everything but its main content; a fragment,
// such as a feed's content:encoded, only loses the junk blocks (share bars,
// hidden elements, forms). A document the parser refuses — nested deeper
// than its 512 elements — degrades to its text in paragraphs.
func extract(src string, base *url.URL) body {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		_, paras := plainText(src)
		return body{html: paragraphsHTML(paras)}
	}
	doc := goquery.NewDocumentFromNode(root)
	whole := isWholePage(src)
	var b body
	if whole {
		b.meta = readMeta(doc)
	}
	base = documentBase(doc, base)
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
// (non-space bytes), the part of it inside links, and its commas.
type stat struct {
	text, link, commas int
}

type extractor struct {
	root  *html.Node
	stats map[*html.Node]stat
	total int // text of the whole body
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
			if alwaysDropped(c.DataAtom) {
				continue
			}
			cs := x.measure(c, inLink || c.DataAtom == atom.A)
			s.text += cs.text
			s.link += cs.link
			s.commas += cs.commas
		}
	}
	x.stats[n] = s
	return s
}

func visibleLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			n++
		}
	}
	return n
}

// alwaysDropped are elements that are never content, whatever they hold.
func alwaysDropped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Frame,
		atom.Frameset, atom.Object, atom.Embed, atom.Applet, atom.Svg, atom.Math, atom.Canvas,
		atom.Link, atom.Meta, atom.Base, atom.Input, atom.Select, atom.Textarea, atom.Button,
		atom.Option, atom.Datalist, atom.Dialog, atom.Audio, atom.Video, atom.Source,
		atom.Track, atom.Map, atom.Area, atom.Head, atom.Title:
		return true
	}
	return false
}

// junkRoles are ARIA roles of blocks around the content.
var junkRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alertdialog": true, "menu": true, "menubar": true,
	"toolbar": true, "alert": true,
}

// junkTokens are words of class and id values that mark blocks around the
// content: navigation, cookie banners, share bars, comments, related
// links, newsletters, advertising. Values are split at anything not a
// letter or digit ("post-share__bar" gives post, share, bar).
var junkTokens = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menubar": true,
	"submenu": true, "megamenu": true, "breadcrumb": true, "breadcrumbs": true,
	"sidebar": true, "masthead": true, "footer": true, "header": true,
	"share": true, "sharing": true, "sharebar": true, "shares": true,
	"related": true, "comments": true, "comment": true, "respond": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true,
	"popup": true, "modal": true, "overlay": true, "banner": true, "advert": true,
	"advertisement": true, "ads": true, "ad": true, "sponsor": true, "sponsored": true,
	"promo": true, "pagination": true, "pager": true, "skip": true, "skiplink": true,
	"toolbar": true, "tags": true, "tagcloud": true, "widget": true, "widgets": true,
	"search": true, "login": true, "switcher": true, "feedflare": true, "addthis": true,
	"addtoany": true, "sharethis": true, "disqus": true, "toc": true,
}

// junkClasses are whole class names that hide text from sighted readers
// ("Skip to content", "opens in a new window").
var junkClasses = map[string]bool{
	"hidden": true, "hide": true, "d-none": true, "is-hidden": true, "u-hidden": true,
	"sr-only": true, "visually-hidden": true, "visuallyhidden": true,
	"screen-reader-text": true, "element-invisible": true, "element-hidden": true,
}

// junkFragments are pieces of class and id values distinctive enough to
// match anywhere: consent managers and cookie notices by any spelling,
// share buttons. ("social" alone is not one: "social-inclusion" is a
// theme here.)
var junkFragments = []string{"cookie", "consent", "gdpr", "onetrust", "didomi",
	"tarteaucitron", "usercentrics", "cookiebot", "newsletter", "breadcrumb",
	"social-share", "socialshare", "social-link", "social-media", "socialmedia",
	"social-icon", "social-button", "social-network"}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// junkClass reports whether an element's class or id marks it as junk.
// inContent is true inside an <article> or <main>, where a "header" holds
// the title and date of the content itself and is kept.
func junkClass(n *html.Node, inContent bool) bool {
	var v string
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			v += " " + strings.ToLower(a.Val)
		}
	}
	if v == "" {
		return false
	}
	if len(v) > 512 {
		v = v[:512]
	}
	for _, c := range strings.Fields(v) {
		if junkClasses[c] {
			return true
		}
	}
	for _, f := range junkFragments {
		if strings.Contains(v, f) {
			return true
		}
	}
	for _, t := range nonWord.Split(v, -1) {
		if junkTokens[t] && !(t == "header" && inContent) {
			return true
		}
	}
	return false
}

// hidden reports elements a reader never sees.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// tinyImage reports tracking pixels: images declared 0 or 1 pixel wide or
// high.
func tinyImage(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "width" || a.Key == "height") && (strings.TrimSpace(a.Val) == "0" || strings.TrimSpace(a.Val) == "1") {
			return true
		}
	}
	return false
}

// prune removes junk under n. A block that would be junk by its tag, role,
// class or visibility is still kept when it holds half the text of the
// page or more: sites wrap whole pages in a <form> (ASP.NET) or give the
// content wrapper a class like "has-sidebar".
func (x *extractor) prune(n *html.Node, inContent bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if x.junk(c, inContent) {
				n.RemoveChild(c)
			} else {
				x.prune(c, inContent || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
			}
		}
		c = next
	}
}

func (x *extractor) junk(n *html.Node, inContent bool) bool {
	if alwaysDropped(n.DataAtom) || (n.DataAtom == atom.Img && tinyImage(n)) {
		return true
	}
	var suspect bool
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Menu:
		suspect = true
	case atom.Header:
		suspect = !inContent
	case atom.Article, atom.Main:
		return false
	}
	if !suspect {
		role := strings.ToLower(strings.TrimSpace(attr(n, "role")))
		suspect = junkRoles[role] || hidden(n) || junkClass(n, inContent)
	}
	if !suspect {
		return false
	}
	return !x.holdsContent(n)
}

// holdsContent reports whether n holds half the body's text or more.
func (x *extractor) holdsContent(n *html.Node) bool {
	return x.total >= 200 && 2*x.stats[n].text >= x.total
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// mainContent picks the element that holds the content of a page: marked
// up as such (articleBody, <article>, <main>, well-known ids and classes)
// or, failing that, the element whose paragraphs score highest. A
// candidate must hold at least 30% of the page's text, or the whole body
// is kept: keeping a little boilerplate is better than losing content.
func (x *extractor) mainContent() *html.Node {
	total := x.measure(x.root, false).text // again, after pruning
	accept := func(n *html.Node) bool {
		t := x.stats[n].text
		return t >= 25 && 10*t >= 3*total
	}
	doc := goquery.NewDocumentFromNode(x.root)
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
		if best != nil && accept(best) && 2*x.stats[best].text >= sum {
			return best
		}
	}
	if n := x.bestScored(); n != nil && accept(n) {
		return n
	}
	return x.root
}

// bestScored is a small version of Readability's scoring: each paragraph
// of 25 characters or more adds to its parent (and half to its
// grandparent) one point, one per comma and one per 100 characters (up to
// three); the element with the highest score, discounted by the share of
// its text inside links, wins.
func (x *extractor) bestScored() *html.Node {
	scores := map[*html.Node]float64{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Li, atom.Dd:
				s := x.stats[c]
				if s.text >= 25 && c.Parent != nil {
					score := 1 + float64(s.commas) + min(float64(s.text)/100, 3)
					scores[c.Parent] += score
					if gp := c.Parent.Parent; gp != nil {
						scores[gp] += score / 2
					}
				}
			}
			walk(c)
		}
	}
	walk(x.root)
	var best *html.Node
	bestScore := 0.0
	for n, score := range scores {
		s := x.stats[n]
		if s.text > 0 {
			score *= 1 - float64(s.link)/float64(s.text)
		}
		if score > bestScore || (score == bestScore && best != nil && s.text > x.stats[best].text) {
			best, bestScore = n, score
		}
	}
	return best
}

// relatedHeading matches the folded text of headings that introduce
// related links, in English, French and German.
var relatedHeading = regexp.MustCompile(`^(related|see also|read more|more news|more on|you may also|` +
	`further reading|share|a lire aussi|lire aussi|voir aussi|sur le meme sujet|dans la meme rubrique|` +
	`articles similaires|partager|weitere|mehr zum thema|das konnte sie|ahnliche|verwandte|teilen)`)

// dropRelated removes "Related articles"-style headings inside the content
// together with the list of links that follows them; a heading followed by
// prose stays.
func (x *extractor) dropRelated(root *html.Node) {
	var heads []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if relatedHeading.MatchString(fold(strings.TrimSpace(textOf(c, 200)))) {
					heads = append(heads, c)
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, h := range heads {
		next := h.NextSibling
		for next != nil && next.Type != html.ElementNode {
			next = next.NextSibling
		}
		if next != nil && x.linkDense(next) && h.Parent != nil {
			next.Parent.RemoveChild(next)
			h.Parent.RemoveChild(h)
		}
	}
}

// linkDense reports a block whose text is mostly links.
func (x *extractor) linkDense(n *html.Node) bool {
	s, ok := x.stats[n]
	if !ok {
		s = x.measure(n, false)
	}
	return s.text > 0 && 2*s.link >= s.text
}

// textOf returns up to max bytes of the text under n.
func textOf(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() < max; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return cutBytes(b.String(), max)
}

// resolveLinks makes link and image addresses absolute against base and
// removes the ones that cannot be, or are not http(s)/mailto: the
// sanitiser would drop them, but doing it here means a relative link is
// kept instead of lost. Lazy-loaded images get their real address from
// data-src; an image left with no address is removed.
func resolveLinks(root *html.Node, base *url.URL) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch c.DataAtom {
				case atom.A:
					setURL(c, "href", attr(c, "href"), base)
				case atom.Img:
					src := strings.TrimSpace(attr(c, "src"))
					if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") {
						for _, k := range []string{"data-src", "data-lazy-src", "data-original"} {
							if v := attr(c, k); v != "" {
								src = v
								break
							}
						}
					}
					if !setURL(c, "src", src, base) {
						n.RemoveChild(c)
					}
				}
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

// setURL sets attribute key of n to ref resolved against base, or removes
// it when ref cannot be resolved to an allowed address, and reports which.
func setURL(n *html.Node, key, ref string, base *url.URL) bool {
	abs, ok := resolve(base, ref)
	out := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Key == key {
			continue
		}
		out = append(out, a)
	}
	if ok {
		out = append(out, html.Attribute{Key: key, Val: abs})
	}
	n.Attr = out
	return ok
}

// truncate removes what follows the first budget bytes (as rendered and
// escaped, roughly for markup, exactly for text) or the first MaxText bytes
// of text of the content, so the sanitised HTML stays under MaxBodyHTML
// and its text under MaxText without cutting through a tag.
func truncate(root *html.Node, budget int) {
	textBudget := MaxText
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if budget <= 0 || textBudget <= 0 {
				n.RemoveChild(c)
				c = next
				continue
			}
			switch c.Type {
			case html.TextNode:
				if len(c.Data) > textBudget {
					c.Data = cutBytes(c.Data, textBudget)
				}
				var cost int
				c.Data, cost = cutEscaped(c.Data, budget)
				budget -= cost
				textBudget -= len(c.Data)
				if c.Data == "" {
					n.RemoveChild(c)
				}
			case html.ElementNode:
				budget -= 2*len(c.Data) + 5
				for _, a := range c.Attr {
					budget -= len(a.Key) + len(a.Val) + 4
				}
				if c.DataAtom == atom.A {
					budget -= 48 // rel and target, added by the sanitiser
				}
				walk(c)
			default:
				n.RemoveChild(c)
			}
			c = next
		}
	}
	walk(root)
}

// cutEscaped returns the longest prefix of s whose HTML-escaped form fits
// in budget bytes, and the size of that form.
func cutEscaped(s string, budget int) (string, int) {
	size := 0
	for i := 0; i < len(s); i++ {
		n := 1
		switch s[i] {
		case '<', '>':
			n = 4
		case '&', '"', '\'':
			n = 5
		}
		if size+n > budget {
			return cutBytes(s, i), size
		}
		size += n
	}
	return s, size
}
