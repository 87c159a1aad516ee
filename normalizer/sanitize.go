package normalizer

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// newPolicy builds the sanitising policy, the last step every body goes
// through. It keeps the structure of prose — headings, paragraphs, lists,
// quotes, tables, figures and images — and nothing that runs, styles or
// submits: no script, style, iframe, object, embed or form, no event
// handler, no style or class attribute. URLs must parse and be absolute
// http, https or mailto (extraction has already resolved relative ones),
// so javascript:, vbscript: and data: are dropped whatever their case or
// encoding. Links get rel="nofollow noopener" and open in a new tab.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
		"dl", "dt", "dd", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s",
		"sub", "sup", "small", "mark", "cite", "q", "figure", "figcaption", "table",
		"thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "div", "span",
		"section", "article", "del", "ins", "abbr", "time", "address", "kbd", "var", "samp")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src").OnElements("img")
	p.AllowAttrs("alt", "title").OnElements("img")

	number := regexp.MustCompile(`^[0-9]{1,4}$`)
	p.AllowAttrs("width", "height").Matching(number).OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(number).OnElements("td", "th")
	p.AllowAttrs("start").Matching(number).OnElements("ol")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("title").OnElements("abbr")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9TZ:+. -]{4,40}$`)).OnElements("time", "del", "ins")
	// Mixed-language documents mark their passages; keep that, and the
	// direction right-to-left scripts need.
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$`)).Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)).Globally()
	return p
}
