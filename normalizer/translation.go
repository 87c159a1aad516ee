package normalizer

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Translations of one item link each other with
// <link rel="alternate" hreflang="…" href="…">. Every page of such a set
// lists the same alternates (itself included, as hreflang requires), so
// the smallest canonical URL among the page and its alternates is the same
// key on every translation: Document.TranslationKey.

var (
	reLinkTag  = regexp.MustCompile(`(?is)<link\b[^>]*>`)
	reAttr     = regexp.MustCompile(`(?is)\b(rel|hreflang|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
	maxHeadLen = 256 << 10
)

// translationKey returns the key of the page's translation set, or ""
// when it declares no alternates in other languages. Only the first
// 256 KiB of the page are read: alternates live in the head.
func translationKey(src, link string, base *url.URL) string {
	head := cutBytes(src, maxHeadLen)
	if i := strings.Index(strings.ToLower(head), "</head>"); i >= 0 {
		head = head[:i]
	}
	urls := []string{CanonicalURL(link)}
	others := 0
	for _, tag := range reLinkTag.FindAllString(head, 200) {
		var rel, lang, href string
		for _, m := range reAttr.FindAllStringSubmatch(tag, -1) {
			v := m[2] + m[3] + m[4]
			switch strings.ToLower(m[1]) {
			case "rel":
				rel = strings.ToLower(v)
			case "hreflang":
				lang = strings.ToLower(v)
			case "href":
				href = v
			}
		}
		if !strings.Contains(" "+rel+" ", " alternate ") || lang == "" || lang == "x-default" || href == "" {
			continue
		}
		abs, ok := resolve(base, href)
		if !ok || webURL(abs) == nil {
			continue
		}
		c := CanonicalURL(abs)
		if c != urls[0] {
			others++
		}
		urls = append(urls, c)
	}
	if others == 0 {
		return ""
	}
	sort.Strings(urls)
	return urls[0]
}
