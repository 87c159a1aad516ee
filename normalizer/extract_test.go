package normalizer

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page wraps a body in a minimal whole page.
func page(body string) string {
	return "<!DOCTYPE html><html><head><title>Page</title></head><body>" + body + "</body></html>"
}

// para is a paragraph of ordinary prose, long enough to count as content.
func para(topic string) string {
	return "<p>" + topic + " is the subject of this paragraph, which the city council wrote for residents who arrived recently, and which says what to do, where to go and whom to ask.</p>"
}

func TestExtractMainContent(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name         string
		html         string
		want         []string // in Text
		missing      []string // not in Text
		wantElements []string // in HTML
	}{
		{
			name: "article among navigation, cookie banner, footer",
			html: page(`<div class="cookie-banner">We use cookies. Accept all cookies.</div>
<header><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
<article><h1>Housing advice</h1>` + para("Housing advice") + `
<table><tr><th>Office</th><th>Hours</th></tr><tr><td>Town hall</td><td>9 to 5</td></tr></table>` + para("Tenancy law") + `</article>
<aside><h2>Most read</h2><a href="/a">Another story</a></aside>
<footer>Copyright Riverton · Privacy</footer>`),
			want:         []string{"Housing advice", "Tenancy law is the subject", "Office Hours", "Town hall 9 to 5"},
			missing:      []string{"cookies", "Home", "Most read", "Another story", "Copyright"},
			wantElements: []string{"h1", "table", "th", "td"},
		},
		{
			name: "whole page in an ASP.NET form",
			html: page(`<form id="aspnetForm" method="post" action="./page.aspx"><input type="hidden" name="__VIEWSTATE" value="x">
<div class="menu"><a href="/">Home</a></div>
<div id="content">` + para("Family reunification") + para("Residence permits") + `</div></form>`),
			want:    []string{"Family reunification is the subject", "Residence permits is the subject"},
			missing: []string{"Home"},
		},
		{
			name: "content wrapper with a junk-looking class",
			html: page(`<div class="layout has-sidebar">` + para("Language classes") + para("Childcare") + `</div>`),
			want: []string{"Language classes is the subject", "Childcare is the subject"},
		},
		{
			name: "div soup without semantic markup",
			html: page(`<div id="top"><div class="links"><a href="/1">One</a> <a href="/2">Two</a> <a href="/3">Three</a> <a href="/4">Four</a></div></div>
<div class="wrap"><div class="left"><a href="/a">Alpha link</a><br><a href="/b">Beta link</a><br><a href="/c">Gamma link</a></div>
<div class="middle">` + para("Volunteering") + para("Mentoring") + para("Sport clubs") + `</div>
<div class="right">Contact: 01 23 45 67</div></div>`),
			want:    []string{"Volunteering is the subject", "Mentoring is the subject", "Sport clubs is the subject"},
			missing: []string{"Alpha link", "One", "Contact"},
		},
		{
			name: "listing of several teasers keeps them all",
			html: page(`<nav><a href="/">Home</a></nav><main>` +
				`<article>` + para("First teaser") + `</article><article>` + para("Second teaser") + `</article>` +
				`<article>` + para("Third teaser") + `</article></main>`),
			want:    []string{"First teaser", "Second teaser", "Third teaser"},
			missing: []string{"Home"},
		},
		{
			name: "related links, share bar, comments, newsletter inside the article",
			html: page(`<article>` + para("Health care access") +
				`<div class="post-share"><a href="https://facebook.example/share">Share on Facebook</a></div>` +
				`<h2>Related articles</h2><ul><li><a href="/r1">Related one</a></li><li><a href="/r2">Related two</a></li></ul>` +
				`<h2>Read more in French</h2>` + para("Santé") +
				`<div id="comments"><p>First comment here, a long one to look like prose, really.</p></div>` +
				`<div class="newsletter-signup">Subscribe to our newsletter for updates every week.</div></article>`),
			want:    []string{"Health care access is the subject", "Read more in French", "Santé is the subject"},
			missing: []string{"Share on Facebook", "Related articles", "Related one", "First comment", "Subscribe"},
		},
		{
			name:    "hidden elements",
			html:    page(`<main>` + para("Visible") + `<p hidden>Hidden attribute</p><p aria-hidden="true">Aria hidden</p><p style="DISPLAY: none">Styled away</p><span class="sr-only">Opens in a new window</span></main>`),
			want:    []string{"Visible is the subject"},
			missing: []string{"Hidden attribute", "Aria hidden", "Styled away", "Opens in a new window"},
		},
		{
			name: "feed fragment keeps headings and drops share bars",
			html: `<h2>Background</h2>` + para("Integration strategy") + `<div class="feedflare"><a href="https://feeds.example/x">Email this</a></div><div class="sharedaddy"><h3>Share this:</h3></div>`,
			want: []string{"Background", "Integration strategy is the subject"},
			// "sharedaddy" is a single token, so its heading survives, but
			// the feedflare block is gone.
			missing:      []string{"Email this"},
			wantElements: []string{"h2"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := n.Normalize(Input{SourceID: 1, URL: "https://city.example/news/1", Title: "T", HTML: tc.html})
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(d.Text, w) {
					t.Errorf("Text lacks %q:\n%s", w, d.Text)
				}
			}
			for _, m := range tc.missing {
				if strings.Contains(d.Text, m) {
					t.Errorf("Text still has %q:\n%s", m, d.Text)
				}
			}
			got := elements(t, d.HTML)
			for _, e := range tc.wantElements {
				if got[e] == 0 {
					t.Errorf("HTML lacks <%s>:\n%s", e, d.HTML)
				}
			}
		})
	}
}

func TestResolveRelativeURLs(t *testing.T) {
	n := mustNormalizer(t)
	for _, tc := range []struct {
		name      string
		in        Input
		href, src string // wanted; "" means the attribute must be gone
	}{
		{"relative to the item URL", Input{URL: "https://ex.example/a/b/page.html", HTML: `<a href="c.html">l</a><img src="../img.png" alt="i">`},
			"https://ex.example/a/b/c.html", "https://ex.example/a/img.png"},
		{"root-relative", Input{URL: "https://ex.example/a/b", HTML: `<a href="/root">l</a><img src="/i.png" alt="i">`},
			"https://ex.example/root", "https://ex.example/i.png"},
		{"protocol-relative", Input{URL: "https://ex.example/a", HTML: `<a href="//cdn.example/x">l</a><img src="//cdn.example/i.png" alt="i">`},
			"https://cdn.example/x", "https://cdn.example/i.png"},
		{"query and fragment only", Input{URL: "https://ex.example/a/p?x=1", HTML: `<a href="?q=2">l</a>`},
			"https://ex.example/a/p?q=2", ""},
		{"in-page anchor", Input{URL: "https://ex.example/a/p", HTML: `<a href="#sec">l</a>`},
			"https://ex.example/a/p#sec", ""},
		{"BaseURL wins over URL", Input{URL: "https://ex.example/a/p", BaseURL: "https://static.example/dir/", HTML: `<a href="x">l</a>`},
			"https://static.example/dir/x", ""},
		{"<base href> wins over BaseURL", Input{URL: "https://ex.example/a/p", BaseURL: "https://static.example/dir/",
			HTML: `<html><head><base href="/other/"></head><body><a href="x">l</a></body></html>`},
			"https://static.example/other/x", ""},
		{"<base href> javascript ignored", Input{URL: "https://ex.example/a/p",
			HTML: `<html><head><base href="javascript:alert(1)//"></head><body><a href="x">l</a></body></html>`},
			"https://ex.example/a/x", ""},
		{"no base: relative links dropped", Input{Key: "guid-1", HTML: `<a href="x">l</a><img src="i.png" alt="i">`},
			"", ""},
		{"absolute kept", Input{URL: "https://ex.example/", HTML: `<a href="http://other.example/p?a=1&amp;b=2">l</a>`},
			"http://other.example/p?a=1&b=2", ""},
		{"lazy image", Input{URL: "https://ex.example/a/", HTML: `<img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg" alt="i">`},
			"", "https://ex.example/real.jpg"},
		{"spaces trimmed", Input{URL: "https://ex.example/a/", HTML: `<a href="  next.html ">l</a>`},
			"https://ex.example/a/next.html", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.SourceID, tc.in.Title = 1, "T"
			d, err := n.Normalize(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			checkSafe(t, d.HTML)
			href, src := firstAttr(t, d.HTML, "a", "href"), firstAttr(t, d.HTML, "img", "src")
			if href != tc.href || src != tc.src {
				t.Errorf("href, src = %q, %q; want %q, %q\nHTML: %s", href, src, tc.href, tc.src, d.HTML)
			}
		})
	}
}

// firstAttr returns attribute key of the first element named name in the
// HTML fragment s, or "".
func firstAttr(t *testing.T, s, name, key string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var find func(n *html.Node) (string, bool)
	find = func(n *html.Node) (string, bool) {
		if n.Type == html.ElementNode && n.Data == name {
			return attrOf(n, key), true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if v, ok := find(c); ok {
				return v, true
			}
		}
		return "", false
	}
	for _, n := range nodes {
		if v, ok := find(n); ok {
			return v
		}
	}
	return ""
}

func TestIsWholePage(t *testing.T) {
	for in, want := range map[string]bool{
		"<html><body>x</body></html>":       true,
		"<!doctype html><HTML lang=en>":     true,
		"<p>x</p><BODY class=a>":            true,
		"<p>an <htmlx> tag</p>":             false,
		"<p>Fragment</p>":                   false,
		"<p>text about &lt;html&gt;</p>":    false,
		"<bodyguard>no</bodyguard>":         false,
		"":                                  false,
		"<html":                             false,
		"<html\n>":                          true,
		strings.Repeat("<p>x</p>", 1000):    false,
		strings.Repeat("<", 10000) + "body": false,
	} {
		if got := isWholePage(in); got != want {
			t.Errorf("isWholePage(%.40q) = %v, want %v", in, got, want)
		}
	}
}
