package harvester

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// countingHandler counts the requests h serves, by path.
type countingHandler struct {
	h  http.Handler
	mu sync.Mutex
	n  map[string]int
	// unconditional serves as a server without validators would.
	unconditional bool
}

func (c *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[r.URL.Path]++
	unconditional := c.unconditional
	c.mu.Unlock()
	if unconditional {
		r.Header.Del("If-None-Match")
		r.Header.Del("If-Modified-Since")
		w = noValidators{w}
	}
	c.h.ServeHTTP(w, r)
}

// noValidators drops the ETag and Last-Modified of a response.
type noValidators struct{ http.ResponseWriter }

func (w noValidators) WriteHeader(code int) {
	w.Header().Del("ETag")
	w.Header().Del("Last-Modified")
	w.ResponseWriter.WriteHeader(code)
}

func (w noValidators) Write(b []byte) (int, error) {
	w.Header().Del("ETag")
	w.Header().Del("Last-Modified")
	return w.ResponseWriter.Write(b)
}

func (c *countingHandler) count(match func(path string) bool) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for p, k := range c.n {
		if match(p) {
			n += k
		}
	}
	return n
}

func (c *countingHandler) reset() {
	c.mu.Lock()
	c.n = nil
	c.mu.Unlock()
}

func TestHarvestFixtureCalendars(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	var ids []int64
	for _, src := range fixtureweb.Sources(web.URL) {
		if src.Kind == catalog.KindCalendar {
			ids = append(ids, addSource(t, store, src))
		}
	}
	if len(ids) < 2 {
		t.Fatalf("fixture web has %d calendars, want 2", len(ids))
	}
	for _, id := range ids {
		o, err := h.HarvestSource(ctx, id)
		if err != nil || o.Err != "" {
			t.Fatalf("calendar %d: %v %s", id, err, o.Err)
		}
		if o.New == 0 {
			t.Fatalf("calendar %d gave no documents: %+v", id, o)
		}
		raws, err := store.RawObjects(ctx, id)
		if err != nil || len(raws) != 1 {
			t.Fatalf("raw objects of calendar %d: %d, %v", id, len(raws), err)
		}
		res, err := store.Search(ctx, catalog.Query{SourceIDs: []int64{id}, Limit: catalog.MaxLimit})
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("documents of calendar %d: %v", id, err)
		}
		for _, hit := range res.Hits {
			d, err := store.Document(ctx, hit.ID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Event == nil || d.Event.Start.IsZero() {
				t.Errorf("calendar %d: document %q has no event start", id, d.URL)
			}
		}
		// Unchanged: the server answers 304 and nothing is parsed.
		o, err = h.HarvestSource(ctx, id)
		if err != nil || o.Err != "" || !o.NotModified || o.New+o.Updated != 0 {
			t.Errorf("second harvest of calendar %d: %+v %v, want not modified", id, o, err)
		}
	}
}

func TestHarvestFixtureSitemapIndex(t *testing.T) {
	ch := &countingHandler{h: fixtureweb.Handler()}
	web := httptest.NewServer(ch)
	defer web.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	var id int64
	for _, src := range fixtureweb.Sources(web.URL) {
		if src.Kind == catalog.KindSitemap {
			id = addSource(t, store, src)
		}
	}
	o, err := h.HarvestSource(ctx, id)
	if err != nil || o.Err != "" {
		t.Fatalf("sitemap: %v %s %+v", err, o.Err, o.Errors)
	}
	if o.New < 20 || o.Failed != 0 {
		t.Fatalf("sitemap harvest: %+v", o)
	}
	pages := func(p string) bool { return strings.Count(p, "/") > 2 && !strings.HasSuffix(p, ".xml") }
	if n := ch.count(func(p string) bool { return p == "/robots.txt" }); n != 1 {
		t.Errorf("robots.txt fetched %d times in one run, want 1", n)
	}
	if n := ch.count(func(p string) bool { return strings.HasPrefix(p, "/private/") }); n != 0 {
		t.Errorf("%d pages robots.txt disallows were fetched", n)
	}
	// Unchanged sitemap index: 304, no page fetched.
	ch.reset()
	o, err = h.HarvestSource(ctx, id)
	if err != nil || o.Err != "" || !o.NotModified {
		t.Fatalf("second sitemap harvest: %+v %v", o, err)
	}
	if n := ch.count(pages); n != 0 {
		t.Errorf("second harvest fetched %d pages, want 0", n)
	}
}

func TestSitemapRunsBoundedByPages(t *testing.T) {
	ch := &countingHandler{h: fixtureweb.Handler()}
	web := httptest.NewServer(ch)
	defer web.Close()
	store := newStore(t)
	const bound = 12
	h := newHarvester(t, store, WithSitemapPages(bound))
	ctx := context.Background()
	var id int64
	for _, src := range fixtureweb.Sources(web.URL) {
		if src.Kind == catalog.KindSitemap {
			id = addSource(t, store, src)
		}
	}
	isPage := func(p string) bool { return !strings.HasSuffix(p, ".xml") && p != "/robots.txt" }
	total := 0
	for run := 1; ; run++ {
		if run > 20 {
			t.Fatal("the sitemap was not read through in 20 runs")
		}
		ch.reset()
		o, err := h.HarvestSource(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		fetched := ch.count(isPage)
		if fetched > bound {
			t.Fatalf("run %d fetched %d pages, bound %d", run, fetched, bound)
		}
		// Pages stored by the runs before are not fetched again: their
		// lastmod is not newer than the stored document.
		if o.Unchanged < total {
			t.Fatalf("run %d: %d unchanged, want at least the %d stored before", run, o.Unchanged, total)
		}
		total += o.New
		if !o.Deferred {
			if o.Err != "" {
				t.Fatalf("run %d: %s", run, o.Err)
			}
			break
		}
		if o.New == 0 || !strings.Contains(o.Err, "next run") {
			t.Fatalf("deferred run %d: %+v", run, o)
		}
		src, _ := store.Source(ctx, id)
		if !src.LastSuccess.IsZero() || src.ETag != "" {
			t.Fatalf("a bounded run counted as a complete success: %+v", src)
		}
	}
	if n, _ := store.CountDocuments(ctx); n != total || n < 2*bound {
		t.Errorf("%d documents stored, %d reported new", n, total)
	}
}

func TestSitemapObeysRobotsAndCrawlDelay(t *testing.T) {
	var mu sync.Mutex
	var got []string
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n"))
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>` + srv.URL + `/open</loc></url><url><loc>` + srv.URL + `/private/secret</loc></url></urlset>`))
		case "/open":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html lang="en"><head><title>Integration of refugees in local labour markets</title></head><body><main><h1>Integration of refugees in local labour markets</h1><p>Municipalities across Europe run language courses and mentoring schemes that help newly arrived refugees find work, and this report compares twelve of them.</p></main></body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	store := newStore(t)
	lim := NewMemoryLimiter(testHostDelay)
	h := newHarvester(t, store, WithLimiter(lim))
	id := addSource(t, store, catalog.Source{Kind: catalog.KindSitemap, URL: srv.URL + "/sitemap.xml"})
	o, err := h.HarvestSource(context.Background(), id)
	if err != nil || o.Err != "" || o.New != 1 {
		t.Fatalf("harvest: %+v %v", o, err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range got {
		if strings.HasPrefix(p, "/private/") {
			t.Errorf("fetched %s, which robots.txt disallows", p)
		}
	}
	lim.mu.Lock()
	d := lim.hosts[hostOf(srv.URL)].delay
	lim.mu.Unlock()
	if d != 200*time.Millisecond {
		t.Errorf("host delay after Crawl-delay 0.2: %s", d)
	}
}

func TestHarvestOAI(t *testing.T) {
	var mu sync.Mutex
	var queries []string
	deleted := false
	record := func(id, title string) string {
		return `<record><header><identifier>` + id + `</identifier><datestamp>2026-11-20</datestamp></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>` + title + `</dc:title><dc:description>A study of how municipalities help refugees and other migrants into work, housing and schools, with figures from twelve European cities.</dc:description>
<dc:language>eng</dc:language><dc:identifier>https://repo.example/record/` + id + `</dc:identifier></oai_dc:dc></metadata></record>`
	}
	envelope := func(inner string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2026-11-26T10:00:00Z</responseDate><request verb="ListRecords">x</request>` + inner + `</OAI-PMH>`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		mu.Lock()
		queries = append(queries, r.URL.RawQuery)
		del := deleted
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		switch {
		case del:
			w.Write([]byte(envelope(`<ListRecords><record><header status="deleted"><identifier>oai:r:2</identifier><datestamp>2026-11-25</datestamp></header></record></ListRecords>`)))
		case q.Get("resumptionToken") == "page2":
			w.Write([]byte(envelope(`<ListRecords>` + record("oai:r:2", "Housing first for refugees") + `</ListRecords>`)))
		default:
			w.Write([]byte(envelope(`<ListRecords>` + record("oai:r:1", "Labour market integration of refugees") +
				`<resumptionToken completeListSize="2" cursor="0">page2</resumptionToken></ListRecords>`)))
		}
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{Kind: catalog.KindOAI, URL: srv.URL + "/oai", Language: "en"})
	o, err := h.HarvestSource(ctx, id)
	if err != nil || o.Err != "" || o.New != 2 {
		t.Fatalf("first harvest: %+v %v", o, err)
	}
	mu.Lock()
	if len(queries) != 2 || strings.Contains(queries[0], "from=") || !strings.Contains(queries[1], "resumptionToken=page2") {
		t.Errorf("first run asked %q", queries)
	}
	queries, deleted = nil, true
	mu.Unlock()
	o, err = h.HarvestSource(ctx, id)
	if err != nil || o.Err != "" {
		t.Fatalf("second harvest: %+v %v", o, err)
	}
	mu.Lock()
	day := time.Now().UTC().Format("2006-01-02")
	if len(queries) != 1 || !strings.Contains(queries[0], "from="+day) {
		t.Errorf("second run asked %q, want from=%s", queries, day)
	}
	mu.Unlock()
	d, err := store.DocumentByKey(ctx, id, "oai:r:2")
	if err != nil || d.GoneAt.IsZero() {
		t.Errorf("deleted record: %v, gone at %v", err, d)
	}
	if d, err := store.DocumentByKey(ctx, id, "oai:r:1"); err != nil || !d.GoneAt.IsZero() {
		t.Errorf("kept record: %v %v", err, d)
	}
	// Preview reads the first page, storing nothing.
	mu.Lock()
	deleted = false
	mu.Unlock()
	n, _ := store.CountDocuments(ctx)
	docs, err := h.Preview(ctx, catalog.Source{Kind: catalog.KindOAI, URL: srv.URL + "/oai"}, 5)
	if err != nil || len(docs) != 1 || docs[0].Title != "Labour market integration of refugees" {
		t.Errorf("OAI preview: %v, %d documents", err, len(docs))
	}
	if n2, _ := store.CountDocuments(ctx); n2 != n {
		t.Errorf("preview stored %d documents", n2-n)
	}
}

func TestHarvestOAIError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<html><body>not OAI</body></html>`))
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	id := addSource(t, store, catalog.Source{Kind: catalog.KindOAI, URL: srv.URL + "/oai"})
	o, err := h.HarvestSource(context.Background(), id)
	if err != nil || o.ErrorClass != catalog.ErrParse || !strings.Contains(o.Err, "OAI-PMH") {
		t.Errorf("harvest of HTML as OAI-PMH: class %q, err %q, %v", o.ErrorClass, o.Err, err)
	}
}

func TestHarvestSiteByRules(t *testing.T) {
	article := func(title string) string {
		return `<html lang="en"><head><title>` + title + `</title></head><body><main><h1>` + title + `</h1>
<p>Municipalities across Europe run language courses, mentoring and housing schemes that help newly arrived refugees and other migrants settle, find work and take part in local life; this article looks at what works.</p></main></body></html>`
	}
	var mu sync.Mutex
	var uas []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		uas = append(uas, r.UserAgent())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /news/3\n"))
		case "/news/":
			w.Write([]byte(`<html><body><a href="/news/1">One</a> <a href="/news/2">Two</a> <a href="/news/3">Three</a> <a href="/about">About</a></body></html>`))
		case "/news/1":
			w.Write([]byte(article("Language courses for refugees in ten cities")))
		case "/news/2":
			w.Write([]byte(article("Mentoring schemes that help migrants find work")))
		case "/news/3":
			t.Error("fetched a page robots.txt disallows")
		case "/about":
			w.Write([]byte(`<html><body>About us</body></html>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store, WithCrawlDelay(time.Millisecond))
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{Kind: catalog.KindSite, URL: srv.URL + "/news/", Language: "en",
		Rules: catalog.CrawlRules{StartURLs: []string{srv.URL + "/news/"}, Include: []string{`/news/\d+$`}, MaxDepth: 2}})
	o, err := h.HarvestSource(ctx, id)
	if err != nil || o.Err != "" || o.New != 2 {
		t.Fatalf("site harvest: %+v %v", o, err)
	}
	if _, err := store.DocumentByKey(ctx, id, srv.URL+"/news/1"); err != nil {
		t.Errorf("article page not stored: %v", err)
	}
	mu.Lock()
	for _, ua := range uas {
		if ua != h.fetch.UserAgent() {
			t.Errorf("crawl sent User-Agent %q, want the hub's", ua)
		}
	}
	mu.Unlock()
	// A preview crawls the same way and stores nothing.
	n, _ := store.CountDocuments(ctx)
	docs, err := h.Preview(ctx, catalog.Source{Kind: catalog.KindSite, URL: srv.URL + "/news/",
		Rules: catalog.CrawlRules{Include: []string{`/news/\d+$`}}}, 5)
	if err != nil || len(docs) != 2 {
		t.Errorf("site preview: %v, %d documents", err, len(docs))
	}
	if n2, _ := store.CountDocuments(ctx); n2 != n {
		t.Errorf("preview stored %d documents", n2-n)
	}
	// A second crawl of the same pages creates nothing.
	if o, err := h.HarvestSource(ctx, id); err != nil || o.New != 0 || o.Unchanged != 2 {
		t.Errorf("second site harvest: %+v %v", o, err)
	}

	// Rules the crawler refuses fail the source with their reason.
	bad := addSource(t, store, catalog.Source{Kind: catalog.KindSite, URL: srv.URL + "/other/",
		Rules: catalog.CrawlRules{StartURLs: []string{srv.URL + "/other/"}, Include: []string{`(`}}})
	o, err = h.HarvestSource(ctx, bad)
	if err != nil || o.ErrorClass != catalog.ErrParse || !strings.Contains(o.Err, "crawl rules") {
		t.Errorf("bad rules: class %q, err %q, %v", o.ErrorClass, o.Err, err)
	}
}

// TestCalendarDeletionsWindowedOnEventStart: an event that leaves the
// calendar is gone after GoneAfterRuns runs without it, while an event
// that started before the calendar's earliest event (it aged out) stays.
func TestCalendarDeletionsWindowedOnEventStart(t *testing.T) {
	event := func(uid, start string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:" + start +
			"\r\nDTEND:" + start[:9] + "235900Z\r\nSUMMARY:Workshop on refugee integration " + uid +
			"\r\nDESCRIPTION:A workshop for municipalities on housing\\, language courses and work for refugees.\r\nURL:https://cal.example/events/" + uid + "\r\nEND:VEVENT\r\n"
	}
	var mu sync.Mutex
	events := []string{event("past", "20270105T090000Z"), event("a", "20270110T090000Z"), event("b", "20270120T090000Z")}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Write([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"))
	}))
	defer srv.Close()
	store := newStore(t)
	h := newHarvester(t, store)
	ctx := context.Background()
	id := addSource(t, store, catalog.Source{Kind: catalog.KindCalendar, URL: srv.URL + "/events.ics", Language: "en"})
	if o, err := h.HarvestSource(ctx, id); err != nil || o.Err != "" || o.New != 3 {
		t.Fatalf("first harvest: %+v %v", o, err)
	}
	// "past" ages out (before the earliest event left), "b" is removed.
	mu.Lock()
	events = []string{event("a", "20270110T090000Z")}
	mu.Unlock()
	for run := 1; run <= catalog.GoneAfterRuns; run++ {
		if o, err := h.HarvestSource(ctx, id); err != nil || o.Err != "" {
			t.Fatalf("run %d: %+v %v", run, o, err)
		}
	}
	gone := func(key string) bool {
		t.Helper()
		d, err := store.DocumentByKey(ctx, id, key)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return !d.GoneAt.IsZero()
	}
	got := map[string]bool{"past": gone("past"), "a": gone("a"), "b": gone("b")}
	if want := map[string]bool{"past": false, "a": false, "b": true}; !maps.Equal(got, want) {
		t.Errorf("gone after %d runs: %v, want only b", catalog.GoneAfterRuns, got)
	}
	// Search, text or not, no longer finds the gone event.
	res, err := store.Search(ctx, catalog.Query{SourceIDs: []int64{id}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("search finds %d of the calendar's events, want the 2 not gone", res.Total)
	}
}
