package kinds

import (
	"errors"
	"testing"
)

// The fuzz tests assert what every parser promises for any input: no
// panic and bounded output. Seeds come from f.Add and testdata/fuzz.

func FuzzDiscover(f *testing.F) {
	f.Add([]byte(`<link rel="alternate" type="application/rss+xml" href="/rss.xml">`), "https://a.example/")
	f.Add([]byte(`<base href="//cdn.example/x/"><link rel=alternate type=application/atom+xml href=a>`), "http://a.example/b/c")
	f.Add([]byte(`<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">`), "https://a.example/")
	f.Add([]byte("\xff\xfe<\x00l\x00"), "::")
	f.Fuzz(func(t *testing.T, body []byte, page string) {
		got := Discover(body, page)
		if len(got) > MaxDiscovered {
			t.Fatalf("%d feeds, more than the cap", len(got))
		}
		seen := map[string]bool{}
		for _, u := range got {
			if seen[u] {
				t.Fatalf("duplicate %q", u)
			}
			seen[u] = true
			if len(u) < 8 || (u[:7] != "http://" && u[:8] != "https://") {
				t.Fatalf("not an http(s) URL: %q", u)
			}
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://a.example/</loc><lastmod>2026-11-20</lastmod><priority>0.3</priority><xhtml:link rel="alternate" hreflang="fr" href="https://a.example/fr"/></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://a.example/s.xml</loc><lastmod>2026-11-20T10:00:00+01:00</lastmod></sitemap></sitemapindex>`))
	f.Add([]byte("https://a.example/1\nhttps://a.example/2\n"))
	f.Add(gzipBytes([]byte(`<urlset><url><loc>https://a.example/gz</loc></url></urlset>`)))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><urlset><url><loc>https://a.example/\x80</loc></url></urlset>`))
	f.Add([]byte("User-agent: *\nSitemap: https://a.example/s.xml\r\nsitemap:/rel # c\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		// The same bytes as a robots.txt naming sitemaps.
		if got := RobotsSitemaps(body); len(got) > maxRobotsSitemaps {
			t.Fatalf("%d sitemaps from robots.txt", len(got))
		} else {
			for _, u := range got {
				if sitemapLoc(u) != u {
					t.Fatalf("robots.txt sitemap %q", u)
				}
			}
		}
		sm, err := ParseSitemap(body, smURL)
		if err != nil {
			if sm != nil || (!errors.Is(err, ErrNotSitemap) && !errors.Is(err, ErrTooLarge)) {
				t.Fatalf("error %v with sitemap %v", err, sm)
			}
			return
		}
		if len(sm.Entries) > MaxSitemapURLs || len(sm.Children) > MaxSitemapURLs {
			t.Fatal("over the protocol limit")
		}
		if sm.Index && len(sm.Entries) > 0 {
			t.Fatal("an index with page entries")
		}
		for _, e := range sm.Entries {
			if sitemapLoc(e.Loc) != e.Loc || e.Priority < 0 || e.Priority > 1 || len(e.Alternates) > 100 {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}

func FuzzParseICal(f *testing.F) {
	f.Add(vcal(vevent("UID:a", "DTSTART;TZID=Europe/Paris:20270126T093000", "DTEND;TZID=Europe/Paris:20270126T170000",
		"SUMMARY;LANGUAGE=fr:S\\, x", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Paris:20270202T093000")...))
	f.Add(vcal(append([]string{"BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200",
		"TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"},
		vevent("UID:b", "DTSTART;TZID=X:20270101T100000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1,15;BYDAY=MO")...)...))
	f.Add(vcal(vevent("UID:c", "RECURRENCE-ID:20270101T100000Z", "DTSTART;VALUE=DATE:20270102", "DURATION:P1D")...))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a:b;c\":20270101T000000\n END:VEVENT"))
	f.Fuzz(func(t *testing.T, body []byte) {
		evs, err := ParseICalAt(body, calURL, calNow)
		if err != nil {
			if evs != nil || (!errors.Is(err, ErrNotICal) && !errors.Is(err, ErrTooLarge)) {
				t.Fatalf("error %v with %d events", err, len(evs))
			}
			return
		}
		if len(evs) > MaxICalEvents {
			t.Fatalf("%d events", len(evs))
		}
		for _, e := range evs {
			if e.Event == nil || e.Key == "" || e.Event.Start.IsZero() {
				t.Fatalf("incomplete event %+v", e)
			}
			if !e.Event.End.IsZero() && e.Event.End.Before(e.Event.Start) {
				t.Fatalf("ends before it starts: %+v", e.Event)
			}
		}
	})
}

func FuzzParseOAI(f *testing.F) {
	f.Add(oaiDoc(`<ListRecords>` + oaiRecord("oai:r:1", "2026-11-01", "t") + `<resumptionToken cursor="0">x</resumptionToken></ListRecords>`))
	f.Add(oaiDoc(`<error code="noRecordsMatch"/>`))
	f.Add(oaiDoc(`<error code="badArgument">x</error><ListRecords/>`))
	f.Add([]byte(`<OAI-PMH><ListRecords><record><header status="deleted"><identifier>i</identifier></header></record></ListRecords></OAI-PMH>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := ParseOAI(body)
		if err != nil {
			var oe *OAIError
			if page != nil || (!errors.Is(err, ErrNotOAI) && !errors.Is(err, ErrTooLarge) && !errors.As(err, &oe)) {
				t.Fatalf("error %v with page %v", err, page)
			}
			return
		}
		if len(page.Records) > MaxOAIRecords || len(page.ResumptionToken) > 4096 {
			t.Fatal("over the limits")
		}
		for _, r := range page.Records {
			if r.Identifier == "" || len(r.Titles) > maxOAIValues || len(r.Subjects) > maxOAIValues {
				t.Fatalf("bad record %+v", r)
			}
			for _, l := range r.Links() {
				if sitemapLoc(l) != l {
					t.Fatalf("bad link %q", l)
				}
			}
			_ = r.Input()
		}
	})
}
