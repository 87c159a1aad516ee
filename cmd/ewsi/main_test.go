package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/internal/testenv"
	"github.com/ewsi/hub/mailer"
)

// syncBuffer is an io.Writer the test can read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func noEnv(string) string { return "" }

// runOK runs the real main with args and fails the test on error.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut, noEnv); err != nil {
		t.Fatalf("ewsi %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// startServe runs `ewsi serve` (or demo) in the background and returns the
// portal's URL once it listens; the process stops at the end of the test.
func startServe(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, out, errOut, noEnv) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ewsi %s ended with %v\n%s", args[0], err, errOut.String())
			}
		case <-time.After(30 * time.Second):
			t.Errorf("ewsi %s did not stop", args[0])
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if i := strings.Index(out.String(), "EWSI Hub portal: "); i >= 0 {
			rest := out.String()[i+len("EWSI Hub portal: "):]
			return strings.Fields(rest)[0], out
		}
		select {
		case err := <-done:
			t.Fatalf("ewsi %s stopped early: %v\n%s", args[0], err, errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("ewsi %s did not print its address\n%s", args[0], errOut.String())
	return "", nil
}

type apiResult struct {
	Total int `json:"total"`
	Items []struct {
		ID       int64  `json:"id"`
		Title    string `json:"title"`
		URL      string `json:"url"`
		Source   string `json:"source"`
		Language string `json:"language"`
	} `json:"items"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func searchAPI(t *testing.T, base, q string) apiResult {
	t.Helper()
	resp, err := http.Get(base + "api/v1/search?q=" + url.QueryEscape(q))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r apiResult
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("api status %d: %s", resp.StatusCode, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// waitFor polls the API until q finds at least want documents.
func waitFor(t *testing.T, base, q string, want int) apiResult {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		r := searchAPI(t, base, q)
		if r.Total >= want {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("search %q found %d documents, want at least %d", q, r.Total, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestEndToEndThroughRedis registers the fixture web's feeds with the CLI,
// runs `ewsi serve` on a real Redis, and finds harvested documents in the
// HTML search page and the JSON API. A broken feed fails alone.
func TestEndToEndThroughRedis(t *testing.T) {
	redisAddr := testenv.RedisAddr(t)
	const db = 14 // this package's Redis database, flushed per test
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr, DB: db})
	defer rdb.Close()
	if err := rdb.FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}

	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "<html><body>this is not a feed</body></html>")
	}))
	defer broken.Close()

	data := t.TempDir()
	feeds := 0
	calendar := ""
	for _, s := range fixtureweb.Sources(web.URL()) {
		switch {
		case s.Kind == catalog.KindFeed:
		case s.Kind == catalog.KindCalendar && calendar == "", s.Kind == catalog.KindSitemap:
			if s.Kind == catalog.KindCalendar {
				calendar = s.URL
			}
		default:
			continue
		}
		runOK(t, "sources", "add", "--data", data, "--kind", string(s.Kind), "--name", s.Name, "--lang", s.Language, "--country", s.Country, s.URL)
		feeds++
	}
	runOK(t, "sources", "add", "--data", data, broken.URL+"/not-a-feed")
	runOK(t, "sources", "add", "--data", data, broken.URL+"/gone")

	base, _ := startServe(t, "serve", "--addr", "127.0.0.1:0", "--data", data,
		"--redis", fmt.Sprintf("redis://%s/%d", redisAddr, db),
		"--allow-private", "127.0.0.1/32", "--scheduler-tick", "1s", "--host-delay", "20ms")

	word := fixtureweb.Items()[0].Title
	word = strings.Fields(word)[0]
	r := waitFor(t, base, "integration", 1)
	if r.Items[0].Title == "" || r.Items[0].URL == "" || r.Items[0].Source == "" {
		t.Errorf("item lacks fields: %+v", r.Items[0])
	}
	waitFor(t, base, word, 1)

	// The HTML search page finds the same documents.
	status, body := get(t, base+"en/search?q=integration")
	if status != 200 || !strings.Contains(body, html.EscapeString(r.Items[0].Title)) {
		t.Errorf("HTML search: status %d, first API hit %q not on the page", status, r.Items[0].Title)
	}

	// The broken sources fail with a readable reason; every feed succeeds.
	waitSources(t, data, feeds+2)
	list := runOK(t, "sources", "list", "--data", data)
	for _, want := range []string{"not RSS, Atom or JSON Feed", "404 Not Found"} {
		if !strings.Contains(list, want) {
			t.Errorf("sources list lacks %q:\n%s", want, list)
		}
	}
	if n := strings.Count(list, " failing "); n != 2 {
		t.Errorf("%d sources failing, want 2:\n%s", n, list)
	}
	// The calendar and the sitemap index were harvested like the feeds.
	for _, kind := range []string{"calendar", "sitemap"} {
		if !regexp.MustCompile(`(?m)^\d+\s+` + kind + `\s+ok\s+[1-9]\d*\s`).MatchString(list) {
			t.Errorf("no %s source ok with documents:\n%s", kind, list)
		}
	}
}

// waitSources waits until n sources have been harvested at least once.
func waitSources(t *testing.T, data string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		list := runOK(t, "sources", "list", "--data", data)
		if strings.Count(list, " ok ")+strings.Count(list, " failing ") >= n {
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("not all %d sources were harvested", n)
}

func TestDemoServesAPopulatedPortal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "demo")
	base, out := startServe(t, "demo", "--addr", "127.0.0.1:0", "--fixture-addr", "127.0.0.1:0",
		"--data", data)
	defer checkDemoOwner(t, base, data, out)
	r := waitFor(t, base, "integration", 5)
	status, body := get(t, base+"en/search?q=integration")
	if status != 200 || !strings.Contains(body, html.EscapeString(r.Items[0].Title)) {
		t.Errorf("HTML search: status %d, %q not on the page", status, r.Items[0].Title)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(out.String(), "harvested ") && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "harvested ") {
		t.Fatalf("demo did not report what it harvested:\n%s", out.String())
	}
	// Every fixture source, calendars and sitemap index included, is ok
	// with documents.
	report := out.String()
	rows := regexp.MustCompile(`(?m)^  \d+\s+(\S+)\s+(\d+)\s+documents  (.*)$`).FindAllStringSubmatch(report, -1)
	if len(rows) != len(fixtureweb.Sources("http://x")) {
		t.Errorf("demo reported %d sources, the fixture web has %d:\n%s", len(rows), len(fixtureweb.Sources("http://x")), report)
	}
	for _, r := range rows {
		if r[1] != "ok" || r[2] == "0" {
			t.Errorf("demo source %q: %s with %s documents", r[3], r[1], r[2])
		}
	}
	if !regexp.MustCompile(`demo accounts, password \S{16} .*\n(  \S+@\S+ +.*\n){5}`).MatchString(report) {
		t.Errorf("demo does not say how to sign in:\n%s", report)
	}
	for _, name := range []string{"sitemap index", "Events"} {
		if !strings.Contains(report, name) {
			t.Errorf("demo report lacks %q:\n%s", name, report)
		}
	}
	checkDemoDirectory(t, base)
}

// checkDemoDirectory: the demo's directory lists every fixture publisher,
// each with the themes of what its sources published, in every language.
func checkDemoDirectory(t *testing.T, base string) {
	t.Helper()
	for _, lang := range []string{"en", "fr", "de"} {
		status, body := get(t, base+lang+"/directory")
		if status != 200 {
			t.Fatalf("%s directory: status %d", lang, status)
		}
		items := strings.Count(body, `<li class="organisation-item">`)
		themed := strings.Count(body, `<p class="org-themes">`)
		if want := len(fixtureweb.Publishers()); items != want || themed != want {
			t.Errorf("%s directory: %d organisations, %d with themes; want %d of each", lang, items, themed, want)
		}
	}
	status, body := get(t, base+"en/partners?theme=economic-participation&country=DE")
	if status != 200 || !strings.Contains(body, "Bundesamt für Teilhabe und Integration") {
		t.Errorf("partner search for economic participation in Germany: status %d, the German federal office not found", status)
	}
}

// checkDemoOwner: the demo prints its accounts' password; its owner's
// source fails, the owner is mailed once, in French, to the outbox, and
// sees the source failing on their page with the choice of mails.
func checkDemoOwner(t *testing.T, base, data string, out *syncBuffer) {
	t.Helper()
	m := regexp.MustCompile(`demo accounts, password (\S+) `).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the demo did not print its accounts:\n%s", out.String())
	}
	outbox, err := mailer.NewOutbox(filepath.Join(data, "outbox"), "hub@ewsi.example")
	if err != nil {
		t.Fatal(err)
	}
	// Other demo mails (the country sheets' reminders) may be there too:
	// the owner must have exactly one.
	var mails []mailer.Envelope
	deadline := time.Now().Add(60 * time.Second)
	for len(mails) == 0 && time.Now().Before(deadline) {
		all, _ := outbox.List(t.Context(), 0)
		for _, e := range all {
			if strings.Contains(e.To, demoOwner) {
				mails = append(mails, e)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(mails) != 1 || !strings.HasSuffix(mails[0].Subject, "ne fonctionne plus") {
		t.Fatalf("the demo owner's failing source mailed %+v", mails)
	}
	v := newVisitor(t)
	v.login(base, demoOwner, m[1])
	_, doc := v.get(base + "fr/sources/mine")
	if got := strings.TrimSpace(doc.Find("dl.health dd.status-failing").Text()); got != "En échec" {
		t.Errorf("the demo owner's source shows %q", got)
	}
	if doc.Find(`form.notify-form select[name="notify"] option[value="errors"][selected]`).Length() != 1 {
		t.Error("the demo owner's page has no choice of mails")
	}
}

func TestBadInputIsRefusedWithASentence(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"sources", "add", "--data", data, "not-a-url"}, "is not a web address"},
		{[]string{"sources", "add", "--data", data, "ftp://example.org/feed"}, "is not a web address"},
		{[]string{"sources", "add", "--data", data, "--country", "XX", "https://example.org/feed"}, "not a covered country"},
		{[]string{"sources", "add", "--data", data}, "exactly one URL"},
		{[]string{"serve", "--data", data, "--db", "postgres://nohost.invalid/x", "--addr", "127.0.0.1:0"}, "opening the catalog"},
		{[]string{"serve", "--db", "mysql://x"}, "setting db"},
		{[]string{"worker", "--data", data}, "needs their shared Redis"},
		{[]string{"sources", "harvest", "--data", data, "abc"}, "is not a source ID"},
		{[]string{"frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := run(ctx, tt.args, &out, &errOut, noEnv)
		cancel()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ewsi %s: err = %v, want it to contain %q", strings.Join(tt.args, " "), err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "goroutine ") {
			t.Errorf("ewsi %s printed a stack trace", strings.Join(tt.args, " "))
		}
	}
	// Nothing was added by the refused commands.
	if list := runOK(t, "sources", "list", "--data", data); strings.Count(list, "\n") != 1 {
		t.Errorf("refused commands left sources behind:\n%s", list)
	}
}

func TestReindexCommand(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	data := t.TempDir()
	runOK(t, "sources", "add", "--data", data, web.URL()+"/eio/en/rss.xml")
	if out := runOK(t, "sources", "harvest", "--data", data, "--allow-private", "127.0.0.1/32", "1"); !strings.Contains(out, "new") {
		t.Fatalf("harvest: %s", out)
	}
	out := runOK(t, "reindex", "--data", data)
	if !strings.Contains(out, "search index rebuilt from the catalog: 7 documents") {
		t.Errorf("reindex said %q", out)
	}
}
