package normalizer

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
// links, newsletters, advertising, bylines and author boxes, donation
// appeals. Values are split at anything not a
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
	"discussion": true, "byline": true, "dateline": true, "meta": true, "kicker": true,
	"author": true, "donate": true, "donation": true,
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
