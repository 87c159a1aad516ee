package kinds

import (
	"strings"
	"testing"
)

func BenchmarkDiscover(b *testing.B) {
	page := `<!DOCTYPE html><html><head><title>t</title>` +
		strings.Repeat(`<meta name="x" content="y">`, 40) +
		`<link rel="alternate" type="application/rss+xml" href="/rss.xml">` +
		`<link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>` +
		strings.Repeat(`<p>Some text of an article <a href="/x">link</a>.</p>`, 400) + `</body></html>`
	body := []byte(page)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if len(Discover(body, "https://a.example/")) != 2 {
			b.Fatal("feeds not found")
		}
	}
}
