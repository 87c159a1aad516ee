package normalizer

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// xssVectors are classic and mutation XSS payloads. Each is normalised as
// a feed fragment and inside a whole page; nothing executable may survive.
var xssVectors = []struct {
	name, html string
}{
	{"script", `<script>alert(1)</script><p>safe text</p>`},
	{"script upper case with src", `<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>safe text</p>`},
	// Browsers read "<scr<!--" as an unknown tag: the payload is text.
	{"script split by a comment", `<scr<!-- -->ipt>alert(1)</script><p>safe text</p>`},
	{"img onerror", `<img src=x onerror=alert(1)><p>safe text</p>`},
	{"img onerror mixed case", `<img src="x" OnErRoR="alert(1)"><p>safe text</p>`},
	{"img javascript src", `<IMG SRC=JaVaScRiPt:alert('XSS')><p>safe text</p>`},
	{"img srcset", `<img src="ok.png" srcset="javascript:alert(1) 1x"><p>safe text</p>`},
	{"href javascript", `<a href="javascript:alert(1)">safe text</a>`},
	{"href javascript mixed case", `<a href="JaVaScRiPt:alert(1)">safe text</a>`},
	{"href hex entity", `<a href="jav&#x61;script:alert(1)">safe text</a>`},
	{"href decimal entities", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">safe text</a>`},
	{"href padded entities without semicolons", `<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">safe text</a>`},
	{"href colon entity", `<a href="javascript&colon;alert(1)">safe text</a>`},
	{"href tab inside scheme", "<a href=\"java\tscript:alert(1)\">safe text</a>"},
	{"href tab entity inside scheme", `<a href="java&#9;script:alert(1)">safe text</a>`},
	{"href newline entity inside scheme", `<a href="java&#10;script:alert(1)">safe text</a>`},
	{"href leading space", `<a href=" javascript:alert(1)">safe text</a>`},
	{"href leading control character", "<a href=\"\x01javascript:alert(1)\">safe text</a>"},
	{"href vbscript", `<a href="vbscript:msgbox(1)">safe text</a>`},
	{"href data", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">safe text</a>`},
	{"img data", `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"><p>safe text</p>`},
	{"svg onload", `<svg onload=alert(1)><circle r="1"/></svg><p>safe text</p>`},
	{"svg script", `<svg><script>alert(1)</script></svg><p>safe text</p>`},
	{"style display none", `<p style="display:none">safe text</p><p style="color:red">safe text</p>`},
	{"style expression", `<div style="width: expression(alert(1))">safe text</div>`},
	{"iframe", `<iframe src="https://evil.example/"></iframe><p>safe text</p>`},
	{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe><p>safe text</p>`},
	{"object and embed", `<object data="x.swf"></object><embed src="x.swf"><p>safe text</p>`},
	{"form", `<form action="https://evil.example/"><input name="a"><button formaction="javascript:alert(1)">go</button></form><p>safe text</p>`},
	{"event handler on div", `<div onclick="alert(1)" onmouseover="alert(2)">safe text</div>`},
	{"details ontoggle", `<details open ontoggle=alert(1)><summary>safe text</summary></details>`},
	{"video source onerror", `<video><source onerror="alert(1)"></video><p>safe text</p>`},
	{"math mutation", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`},
	{"noscript mutation", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>safe text</p>`},
	{"base href", `<base href="javascript:alert(1)//"><a href="x">safe text</a>`},
	{"meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>safe text</p>`},
	{"link stylesheet", `<link rel=stylesheet href="javascript:alert(1)"><p>safe text</p>`},
	{"style import", `<style>@import 'javascript:alert(1)';</style><p>safe text</p>`},
	{"table background", `<table background="javascript:alert(1)"><tr><td>safe text</td></tr></table>`},
	{"isindex", `<isindex action=javascript:alert(1) type=image><p>safe text</p>`},
	// The tag never closes, so browsers render nothing of it either.
	{"unclosed attribute", `<a href="https://ok.example/" title="x onmouseover=alert(1) y>lost text</a>`},
	{"target and rel overridden", `<a href="https://ok.example/" target="_self" rel="opener">safe text</a>`},
}

// forbidden are elements that must never leave the package.
var forbidden = map[string]bool{
	"script": true, "style": true, "iframe": true, "frame": true, "object": true, "embed": true,
	"applet": true, "form": true, "input": true, "button": true, "textarea": true, "select": true,
	"svg": true, "math": true, "base": true, "link": true, "meta": true, "video": true,
	"audio": true, "source": true, "isindex": true, "noscript": true, "template": true,
}

// checkSafe parses sanitised HTML and reports anything executable in it:
// a forbidden element, an event handler, a style attribute, or a URL that
// is not absolute http(s) or mailto.
func checkSafe(t *testing.T, out string) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if forbidden[n.Data] {
				t.Errorf("<%s> survived in %q", n.Data, out)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(k, "on"):
					t.Errorf("event handler %s=%q survived in %q", a.Key, a.Val, out)
				case k == "style" || k == "srcset" || k == "background" || k == "formaction" || k == "srcdoc":
					t.Errorf("attribute %s=%q survived in %q", a.Key, a.Val, out)
				case k == "href" || k == "src" || k == "cite" || k == "action":
					u, err := url.Parse(a.Val)
					if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
						t.Errorf("URL %s=%q survived in %q", a.Key, a.Val, out)
					}
				}
			}
			if href := attrOf(n, "href"); n.Data == "a" && strings.HasPrefix(href, "mailto:") {
				if rel := attrOf(n, "rel"); rel != "nofollow" {
					t.Errorf("mail link has rel=%q, want nofollow, in %q", rel, out)
				}
			} else if n.Data == "a" && href != "" {
				if rel := attrOf(n, "rel"); rel != "nofollow noopener" {
					t.Errorf("link has rel=%q, want nofollow noopener, in %q", rel, out)
				}
				if target := attrOf(n, "target"); target != "_blank" {
					t.Errorf("link has target=%q, want _blank, in %q", target, out)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestSanitizeXSS(t *testing.T) {
	n := mustNormalizer(t)
	for _, v := range xssVectors {
		for _, shape := range []struct{ name, html string }{
			{"fragment", v.html},
			{"page", "<!doctype html><html><head><title>t</title></head><body><main>" + v.html + "</main></body></html>"},
		} {
			t.Run(v.name+"/"+shape.name, func(t *testing.T) {
				d, err := n.Normalize(Input{SourceID: 1, URL: "https://site.example/news/item", Title: "XSS", HTML: shape.html})
				if err != nil {
					t.Fatalf("Normalize: %v", err)
				}
				checkSafe(t, d.HTML)
				for _, s := range []string{"alert", "msgbox"} {
					if strings.Contains(d.Text, s) && v.name != "script split by a comment" {
						t.Errorf("Text has %q: %q", s, d.Text)
					}
				}
				if strings.Contains(v.html, "safe text") && !strings.Contains(d.Text, "safe text") {
					t.Errorf("the safe text was lost: Text = %q, HTML = %q", d.Text, d.HTML)
				}
			})
		}
	}
}

// TestSanitizeKeeps checks what the policy must not take away: structure,
// tables, images with absolute addresses, language and direction marks.
func TestSanitizeKeeps(t *testing.T) {
	n := mustNormalizer(t)
	in := `<h2>Heading</h2><p>Para with <em>emphasis</em>, <strong>strength</strong> and <a href="/x" title="t">a link</a>.</p>
<ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li></ol>
<blockquote>Quoted</blockquote><pre><code>code</code></pre>
<table><caption>Cap</caption><thead><tr><th scope="col" colspan="2">H</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody></table>
<figure><img src="/i.png" alt="Alt" width="10" height="20"><figcaption>Fig</figcaption></figure>
<p lang="ar" dir="rtl">دروس اللغة</p><a href="mailto:info@site.example">mail</a>`
	d, err := n.Normalize(Input{SourceID: 1, URL: "https://site.example/a/b", Title: "Keep", HTML: in})
	if err != nil {
		t.Fatal(err)
	}
	checkSafe(t, d.HTML)
	got := elements(t, d.HTML)
	for _, want := range []string{"h2", "p", "em", "strong", "a", "ul", "ol", "li", "blockquote",
		"pre", "code", "table", "caption", "thead", "tbody", "tr", "th", "td", "figure", "img", "figcaption"} {
		if got[want] == 0 {
			t.Errorf("<%s> was removed from %q", want, d.HTML)
		}
	}
	for _, want := range []string{`href="https://site.example/x"`, `title="t"`, `src="https://site.example/i.png"`,
		`alt="Alt"`, `width="10"`, `height="20"`, `colspan="2"`, `rowspan="2"`, `scope="col"`, `start="3"`,
		`lang="ar"`, `dir="rtl"`, `href="mailto:info@site.example"`} {
		if !strings.Contains(d.HTML, want) {
			t.Errorf("%s was removed from %q", want, d.HTML)
		}
	}
}

// elements counts the elements of an HTML fragment by name.
func elements(t *testing.T, s string) map[string]int {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			count[n.Data]++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return count
}
