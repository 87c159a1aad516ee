package fixtureweb

import (
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ewsi/hub/catalog"
)

type xmlURLSet struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type xmlIndex struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func TestSitemaps(t *testing.T) {
	srv := newServer(t)
	body, ctype := get(t, srv.URL+"/sitemap.xml")
	if !strings.HasPrefix(ctype, "application/xml") {
		t.Errorf("Content-Type %q", ctype)
	}
	var idx xmlIndex
	if err := xml.Unmarshal(body, &idx); err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, p := range Publishers() {
		want = append(want, srv.URL+p.Home())
	}
	for _, it := range Items() {
		want = append(want, srv.URL+it.Path)
	}
	if len(idx.Sitemaps) != len(Publishers()) {
		t.Errorf("%d sitemaps in the index", len(idx.Sitemaps))
	}
	for _, sm := range idx.Sitemaps {
		if sm.LastMod == "" {
			t.Errorf("%s: no lastmod", sm.Loc)
		}
		b, _ := get(t, sm.Loc)
		var set xmlURLSet
		if err := xml.Unmarshal(b, &set); err != nil {
			t.Fatalf("%s: %v", sm.Loc, err)
		}
		for _, u := range set.URLs {
			if u.LastMod == "" {
				t.Errorf("%s: no lastmod", u.Loc)
			}
			got = append(got, u.Loc)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("sitemaps list %d URLs, want the %d homes and items", len(got), len(want))
	}
}

// unfold joins folded iCalendar lines, failing on bare LF or long lines.
func unfold(t *testing.T, b []byte) []string {
	t.Helper()
	s := string(b)
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Error("iCalendar line not ended by CRLF")
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func TestCalendars(t *testing.T) {
	srv := newServer(t)
	var calendars int
	for _, p := range Publishers() {
		if p.Calendar == "" {
			continue
		}
		calendars++
		body, ctype := get(t, srv.URL+p.Calendar)
		if !strings.HasPrefix(ctype, "text/calendar") {
			t.Errorf("Content-Type %q", ctype)
		}
		lines := unfold(t, body)
		if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
			t.Fatalf("%s: not a VCALENDAR", p.Calendar)
		}
		zones := map[string]bool{}
		events := map[string]map[string]string{} // URL → property → value
		var cur map[string]string
		for _, l := range lines {
			name, value, _ := strings.Cut(l, ":")
			switch {
			case strings.HasPrefix(l, "TZID:"):
				zones[value] = true
			case l == "BEGIN:VEVENT":
				cur = map[string]string{}
			case l == "END:VEVENT":
				events[cur["URL"]] = cur
				cur = nil
			case cur != nil:
				cur[name] = value
			}
		}
		var want int
		for _, it := range Items() {
			if it.Calendar != p.Calendar {
				continue
			}
			want++
			ev := events[srv.URL+it.Path]
			if ev == nil {
				t.Errorf("%s: no VEVENT for %s", p.Calendar, it.Path)
				continue
			}
			tz := it.Event.Start.Location().String()
			if !zones[tz] {
				t.Errorf("%s: no VTIMEZONE for %s", p.Calendar, tz)
			}
			switch {
			case it.Event.AllDay:
				// Dates only; DTEND is the day after the last.
				if ev["DTSTART;VALUE=DATE"] != it.Event.Start.Format("20060102") ||
					ev["DTEND;VALUE=DATE"] != it.Event.End.AddDate(0, 0, 1).Format("20060102") {
					t.Errorf("%s: all-day DTSTART/DTEND wrong: %v", it.Path, ev)
				}
			case ev["DTSTART;TZID="+tz] != it.Event.Start.Format("20060102T150405") ||
				ev["DTEND;TZID="+tz] != it.Event.End.Format("20060102T150405"):
				t.Errorf("%s: DTSTART/DTEND wrong: %v", it.Path, ev)
			}
			if ev["LOCATION"] == "" || ev["DESCRIPTION;LANGUAGE="+it.Language] == "" || ev["UID"] == "" ||
				ev["SUMMARY;LANGUAGE="+it.Language] == "" {
				t.Errorf("%s: VEVENT lacks a property: %v", it.Path, ev)
			}
		}
		if want == 0 || len(events) != want {
			t.Errorf("%s: %d events, want %d", p.Calendar, len(events), want)
		}
	}
	if calendars == 0 {
		t.Error("no calendar")
	}
}

func TestRobots(t *testing.T) {
	srv := newServer(t)
	body, _ := get(t, srv.URL+"/robots.txt")
	if !strings.Contains(string(body), "User-agent: *") ||
		!strings.Contains(string(body), "Sitemap: "+srv.URL+"/sitemap.xml") {
		t.Errorf("robots.txt:\n%s", body)
	}
}

// TestUTF8 fetches every resource of the web and checks it is valid UTF-8
// and says so.
func TestUTF8(t *testing.T) {
	srv := newServer(t)
	paths := []string{"/", "/robots.txt", "/sitemap.xml"}
	for _, p := range Publishers() {
		paths = append(paths, p.Home(), p.Home()+"legal", p.Home()+"sitemap.xml")
		for _, f := range p.Feeds {
			paths = append(paths, f.Path)
		}
		if p.Calendar != "" {
			paths = append(paths, p.Calendar)
		}
	}
	for _, it := range Items() {
		paths = append(paths, it.Path)
	}
	for _, p := range paths {
		body, ctype := get(t, srv.URL+p)
		if !utf8.Valid(body) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		if !strings.Contains(ctype, "charset=utf-8") {
			t.Errorf("%s: Content-Type %q names no charset", p, ctype)
		}
	}
}

func TestSources(t *testing.T) {
	srv := newServer(t)
	kinds := map[catalog.SourceKind]int{}
	for _, s := range Sources(srv.URL + "/") {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.URL, err)
		}
		if s.Name == "" || s.Publisher == "" {
			t.Errorf("%s: no name or publisher", s.URL)
		}
		if s.Country != "" && !catalog.IsCountry(s.Country) {
			t.Errorf("%s: country %q", s.URL, s.Country)
		}
		kinds[s.Kind]++
		get(t, s.URL)
	}
	if kinds[catalog.KindFeed] < 7 || kinds[catalog.KindCalendar] < 1 || kinds[catalog.KindSitemap] != 1 {
		t.Errorf("sources by kind: %v", kinds)
	}
}

func TestStart(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Fatalf("URL %q", s.URL())
	}
	// The configured base wins over the Host a client sends.
	req, _ := http.NewRequest("GET", s.URL()+"/eio/en/rss.xml", nil)
	req.Host = "example.invalid"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "<link>"+s.URL()+"/eio/</link>") || strings.Contains(string(body), "example.invalid") {
		t.Errorf("feed does not use the server's base URL:\n%s", body[:400])
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(s.URL() + "/"); err == nil {
		t.Error("server still answers after Close")
	}
}

func TestHTTP(t *testing.T) {
	srv := newServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, hdr map[string]string) *http.Response {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := do("GET", "/nowhere", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown path: %d", r.StatusCode)
	}
	if r := do("POST", "/eio/", nil); r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", r.StatusCode)
	}
	if r := do("GET", "/eio", nil); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/eio/" {
		t.Errorf("/eio: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	r := do("GET", "/cities/feed.json", nil)
	etag, lm := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatal("no validators")
	}
	if r := do("GET", "/cities/feed.json", map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", r.StatusCode)
	}
	if r := do("GET", "/cities/feed.json", map[string]string{"If-Modified-Since": lm}); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d", r.StatusCode)
	}
	if r := do("HEAD", "/kenn/atom.xml", nil); r.StatusCode != http.StatusOK {
		t.Errorf("HEAD: %d", r.StatusCode)
	}
}
