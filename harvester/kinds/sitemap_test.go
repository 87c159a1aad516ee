package kinds

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const smURL = "https://www.example.org/sitemap.xml"

func TestParseSitemap(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		body string
		want *Sitemap
	}{
		{"urlset with every field",
			`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> https://www.example.org/a </loc><lastmod>2026-11-20T16:30:00+01:00</lastmod><changefreq>Daily</changefreq><priority>0.8</priority>
    <xhtml:link rel="alternate" hreflang="fr" href="https://www.example.org/fr/a"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://www.example.org/a"/>
    <image:image><image:loc>https://www.example.org/i.png</image:loc></image:image>
  </url>
  <url><loc>https://www.example.org/b</loc><lastmod>2026-11-18</lastmod><changefreq>sometimes</changefreq><priority>7</priority></url>
</urlset>`,
			&Sitemap{URL: smURL, Entries: []SitemapEntry{
				{Loc: "https://www.example.org/a", LastMod: time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC), ChangeFreq: "daily", Priority: 0.8,
					Alternates: []Alternate{{"fr", "https://www.example.org/fr/a"}, {"x-default", "https://www.example.org/a"}}},
				{Loc: "https://www.example.org/b", LastMod: day(2026, 11, 18), DayPrecision: true, Priority: 0.5},
			}}},
		{"sitemap index",
			`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.org/s1.xml.gz</loc><lastmod>2026-11</lastmod></sitemap>
  <sitemap><loc>https://www.example.org/s2.xml</loc></sitemap>
</sitemapindex>`,
			&Sitemap{URL: smURL, Index: true, Children: []SitemapChild{
				{Loc: "https://www.example.org/s1.xml.gz", LastMod: day(2026, 11, 1), DayPrecision: true},
				{Loc: "https://www.example.org/s2.xml"},
			}}},
		{"unsafe, relative, duplicate and overlong locations skipped",
			`<urlset><url><loc>javascript:alert(1)</loc></url><url><loc>/relative</loc></url>
<url><loc>ftp://x.example/f</loc></url><url><loc>https://a.example/1</loc></url><url><loc>https://a.example/1</loc></url>
<url><loc>https://a.example/` + strings.Repeat("x", 2100) + `</loc></url><url></url></urlset>`,
			&Sitemap{URL: smURL, Entries: []SitemapEntry{{Loc: "https://a.example/1", Priority: 0.5}}}},
		{"no namespace, stray ampersand and undeclared entity tolerated",
			`<urlset><url><loc>https://a.example/?a=1&b=2</loc><lastmod>yesterday</lastmod></url><url><loc>https://a.example/&nbsp;</loc></url></urlset>`,
			&Sitemap{URL: smURL, Entries: []SitemapEntry{{Loc: "https://a.example/?a=1&b=2", Priority: 0.5}, {Loc: "https://a.example/&nbsp;", Priority: 0.5}}}},
		{"ISO-8859-1 declared",
			"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><urlset><url><loc>https://a.example/caf\xe9</loc></url></urlset>",
			&Sitemap{URL: smURL, Entries: []SitemapEntry{{Loc: "https://a.example/caf%C3%A9", Priority: 0.5}}}},
		{"plain text sitemap",
			"https://a.example/1\r\n\r\nhttps://a.example/2\n  https://a.example/1\n",
			&Sitemap{URL: smURL, Entries: []SitemapEntry{{Loc: "https://a.example/1", Priority: 0.5}, {Loc: "https://a.example/2", Priority: 0.5}}}},
		{"empty urlset", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>`, &Sitemap{URL: smURL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSitemap([]byte(tt.body), smURL)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseSitemap (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseSitemapUTF16(t *testing.T) {
	s := `<?xml version="1.0" encoding="UTF-16"?><urlset><url><loc>https://a.example/ü</loc></url></urlset>`
	var b []byte
	b = append(b, 0xff, 0xfe)
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	got, err := ParseSitemap(b, smURL)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != 1 || got.Entries[0].Loc != "https://a.example/%C3%BC" {
		t.Errorf("got %+v", got.Entries)
	}
}

func TestParseSitemapErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrNotSitemap, "empty"},
		{"an RSS feed", []byte(`<rss version="2.0"><channel/></rss>`), ErrNotSitemap, "<rss>"},
		{"HTML page", []byte(`<!DOCTYPE html><html><body>Not found</body></html>`), ErrNotSitemap, "<html>"},
		{"cut off", []byte(`<urlset><url><loc>https://a.example/1</loc>`), ErrNotSitemap, "ends before"},
		{"text that is no URL list", []byte("hello\nworld\n"), ErrNotSitemap, "none of its 2 lines"},
		{"deeply nested", []byte("<urlset><url>" + strings.Repeat("<x>", 10000) + strings.Repeat("</x>", 10000) + "</url></urlset>"), ErrNotSitemap, "nested more than"},
		{"damaged gzip", []byte{0x1f, 0x8b, 0x08, 0, 0, 0}, ErrNotSitemap, "gzip"},
		{"over 50 MB", make([]byte, MaxSitemapBytes+1), ErrTooLarge, "protocol"},
		{"gzip bomb", gzipBytes(bytes.Repeat([]byte(" "), MaxSitemapBytes+10)), ErrTooLarge, "decompresses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(tt.body, smURL)
			if !errors.Is(err, tt.want) || sm != nil {
				t.Fatalf("got %v, %v; want %v", sm, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestParseSitemapEntityExpansion(t *testing.T) {
	lol := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
		`<urlset><url><loc>https://a.example/&lol3;</loc></url></urlset>`
	sm, err := ParseSitemap([]byte(lol), smURL)
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.Entries) != 1 || len(sm.Entries[0].Loc) > 100 {
		t.Errorf("entities were expanded: %+v", sm.Entries)
	}
	ext := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><urlset><url><loc>https://a.example/&xxe;</loc></url></urlset>`
	sm, err = ParseSitemap([]byte(ext), smURL)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sm.Entries[0].Loc, "root") {
		t.Errorf("external entity read: %s", sm.Entries[0].Loc)
	}
}

func TestParseSitemapGzipAndLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<urlset>`)
	for i := range MaxSitemapURLs + 5 {
		fmt.Fprintf(&b, "<url><loc>https://a.example/%d</loc></url>", i)
	}
	b.WriteString(`</urlset>`)
	sm, err := ParseSitemap(gzipBytes([]byte(b.String())), "https://a.example/sitemap.xml.gz")
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.Entries) != MaxSitemapURLs || !sm.Truncated {
		t.Errorf("%d entries, truncated %v; want %d, true", len(sm.Entries), sm.Truncated, MaxSitemapURLs)
	}
	if sm.Entries[MaxSitemapURLs-1].Loc != fmt.Sprintf("https://a.example/%d", MaxSitemapURLs-1) {
		t.Errorf("last entry %s", sm.Entries[MaxSitemapURLs-1].Loc)
	}
}

func TestChangedSince(t *testing.T) {
	sm, err := ParseSitemap([]byte(`<urlset>
<url><loc>https://a.example/old</loc><lastmod>2026-11-01T10:00:00Z</lastmod></url>
<url><loc>https://a.example/new</loc><lastmod>2026-11-20T10:00:00Z</lastmod></url>
<url><loc>https://a.example/same-day</loc><lastmod>2026-11-15</lastmod></url>
<url><loc>https://a.example/unknown</loc></url>
</urlset>`), smURL)
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2026, 11, 15, 12, 0, 0, 0, time.UTC)
	var got []string
	for _, e := range sm.ChangedSince(since) {
		got = append(got, e.Loc)
	}
	want := []string{"https://a.example/new", "https://a.example/same-day", "https://a.example/unknown"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChangedSince (-want +got):\n%s", diff)
	}
	if n := len(sm.ChangedSince(time.Time{})); n != 4 {
		t.Errorf("zero since gave %d entries, want all 4", n)
	}
	idx, err := ParseSitemap([]byte(`<sitemapindex><sitemap><loc>https://a.example/1.xml</loc><lastmod>2026-01-01</lastmod></sitemap><sitemap><loc>https://a.example/2.xml</loc><lastmod>2026-12-01</lastmod></sitemap></sitemapindex>`), smURL)
	if err != nil {
		t.Fatal(err)
	}
	if c := idx.ChildrenChangedSince(since); len(c) != 1 || c[0].Loc != "https://a.example/2.xml" {
		t.Errorf("ChildrenChangedSince = %+v", c)
	}
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestRobotsSitemaps(t *testing.T) {
	robots := "User-agent: *\r\nDisallow: /private/\r\n\r\nSitemap: https://www.example.org/sitemap.xml\n" +
		"sitemap:https://www.example.org/news.xml.gz # news\nSITEMAP: /relative.xml\nSitemap: https://www.example.org/sitemap.xml\n" +
		"Sitemap: javascript:alert(1)\nNoSitemap: https://x.example/\n"
	want := []string{"https://www.example.org/sitemap.xml", "https://www.example.org/news.xml.gz"}
	if diff := cmp.Diff(want, RobotsSitemaps([]byte(robots))); diff != "" {
		t.Errorf("RobotsSitemaps (-want +got):\n%s", diff)
	}
	var many strings.Builder
	for i := range 500 {
		fmt.Fprintf(&many, "Sitemap: https://a.example/%d.xml\n", i)
	}
	if n := len(RobotsSitemaps([]byte(many.String()))); n != maxRobotsSitemaps {
		t.Errorf("%d sitemaps, want the cap %d", n, maxRobotsSitemaps)
	}
	if got := RobotsSitemaps([]byte("\x00\xff garbage")); got != nil {
		t.Errorf("garbage gave %v", got)
	}
}
