package normalizer

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
