package kinds

// Figures on the 2-core development machine (go test -bench . -benchmem),
// best of three; the machine was shared and loaded, so treat them as
// upper bounds:
//
//	BenchmarkDiscover      22 KB homepage              0.23–0.6 ms   21 KB/op   1,871 allocs
//	BenchmarkParseSitemap  1,000 entries, 244 KB       9–14 ms       2.6 MB/op  58,060 allocs
//	BenchmarkParseICal     200 events + 50 occurrences 1.9–2.5 ms    1.1 MB/op  7,725 allocs
//	BenchmarkParseOAI      100 oai_dc records, 53 KB   2.2 ms        0.4 MB/op  9,591 allocs
//
// encoding/xml dominates the sitemap and OAI figures: a full 50,000-URL
// sitemap parses in about half a second.

import (
	"fmt"
	"strings"
	"testing"
	"time"
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

func BenchmarkParseSitemap(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	for i := range 1000 {
		fmt.Fprintf(&sb, `<url><loc>https://www.example.org/news/item-%d</loc><lastmod>2026-11-20T10:00:00+01:00</lastmod><changefreq>weekly</changefreq><priority>0.6</priority><xhtml:link rel="alternate" hreflang="fr" href="https://www.example.org/fr/item-%d"/></url>`, i, i)
	}
	sb.WriteString(`</urlset>`)
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		sm, err := ParseSitemap(body, "https://www.example.org/sitemap.xml")
		if err != nil || len(sm.Entries) != 1000 {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseICal(b *testing.B) {
	var lines []string
	for i := range 200 {
		lines = append(lines, vevent(fmt.Sprintf("UID:event-%d@ngo.example", i), "DTSTAMP:20261120T130000Z",
			"DTSTART;TZID=Europe/Brussels:20270126T093000", "DTEND;TZID=Europe/Brussels:20270126T170000",
			"SUMMARY;LANGUAGE=en:Seminar on housing and integration in medium-sized cities\\, Lyon",
			"DESCRIPTION:"+strings.Repeat("A paragraph of description\\, escaped. ", 10),
			"LOCATION:Europa Conference Centre\\, Rue de la Loi 170\\, 1040 Brussels", "URL:https://ngo.example/e/"+fmt.Sprint(i))...)
	}
	lines = append(lines, vevent("UID:weekly", "DTSTART;TZID=Europe/Brussels:20260105T180000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH")...)
	body := vcal(lines...)
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		evs, err := ParseICalAt(body, "https://ngo.example/events.ics", now)
		if err != nil || len(evs) != 200+MaxOccurrences {
			b.Fatal(len(evs), err)
		}
	}
}

func BenchmarkParseOAI(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<ListRecords>")
	for i := range 100 {
		sb.WriteString(oaiRecord(fmt.Sprintf("oai:repo.example:%d", i), "2026-11-20T10:00:00Z", "Labour market integration of refugees in medium-sized cities"))
	}
	sb.WriteString(`<resumptionToken completeListSize="1000" cursor="0">next</resumptionToken></ListRecords>`)
	body := oaiDoc(sb.String())
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		page, err := ParseOAI(body)
		if err != nil || len(page.Records) != 100 {
			b.Fatal(err)
		}
	}
}
