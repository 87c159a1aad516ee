package normalizer

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
