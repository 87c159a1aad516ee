package kinds

import (
	"strings"
	"testing"

	"github.com/temoto/robotstxt"
)

// FuzzRobots feeds robots.txt bodies to the two readers the harvester
// uses: the sitemap lines it follows and the rules and delay a crawl
// obeys. Neither may panic; the sitemaps stay few and absolute.
func FuzzRobots(f *testing.F) {
	for _, s := range []string{
		"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: https://x.example/sitemap.xml\n",
		"User-agent: EWSI\nAllow: /\n\nUser-agent: *\nDisallow: /",
		"Sitemap: /relative.xml\r\nSitemap: javascript:alert(1)\r\n",
		"Crawl-delay: 99999999999999999999\nDisallow: /*?*$\n",
		strings.Repeat("Sitemap: https://x.example/s.xml\n", 1000),
		"\xff\xfe\x00U\x00s\x00e\x00r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, u := range RobotsSitemaps(body) {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
				t.Fatalf("sitemap %q is not an absolute http(s) URL", u)
			}
		}
		if n := len(RobotsSitemaps(body)); n > maxRobotsSitemaps {
			t.Fatalf("%d sitemaps", n)
		}
		data, err := robotstxt.FromStatusAndBytes(200, body)
		if err != nil {
			return
		}
		if g := data.FindGroup("EWSI-Hub-Harvester"); g != nil {
			g.Test("/some/page?x=1")
			_ = g.CrawlDelay
		}
	})
}
