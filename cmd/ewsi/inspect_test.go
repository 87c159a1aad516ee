package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ewsi/hub/fixtureweb"
	"github.com/ewsi/hub/harvester/fetch"
)

// inspectJSON runs `ewsi inspect args…` and decodes what it printed.
func inspectJSON(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	out := runOK(t, append([]string{"inspect"}, args...)...)
	var docs []map[string]any
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatalf("output is not a JSON list: %v\n%s", err, out)
	}
	for i, d := range docs {
		for _, k := range []string{"title", "text", "html", "language", "languages", "themes",
			"content_type", "countries", "published", "canonical_url", "event", "funding"} {
			if _, ok := d[k]; !ok {
				t.Errorf("document %d has no %q", i, k)
			}
		}
	}
	return docs
}

func TestInspectFeedFile(t *testing.T) {
	feed := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>City news</title><link>https://city.example/</link><language>fr</language>
<item><title>Cours de français gratuits</title><link>https://city.example/news/cours?utm_source=rss</link>
<guid>city-1</guid><pubDate>Thu, 26 Nov 2026 10:00:00 +0100</pubDate>
<description>&lt;p&gt;La ville ouvre des cours de français gratuits pour les personnes arrivées récemment, le soir et le samedi matin, dans trois bibliothèques de quartier.&lt;/p&gt;</description></item>
<item><title>Appel à projets</title><link>/news/appel</link><guid>city-2</guid>
<description>Un appel à projets pour l'intégration des femmes migrantes est ouvert jusqu'au 4 mars.</description></item>
</channel></rss>`
	path := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(path, []byte(feed), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := inspectJSON(t, path, "--url", "https://city.example/feed.xml", "--source-country", "FR")
	if len(docs) != 2 {
		t.Fatalf("%d documents, want one per item (2)", len(docs))
	}
	first := docs[0]
	for k, want := range map[string]any{
		"title": "Cours de français gratuits", "language": "fr", "key": "city-1",
		"canonical_url": "https://city.example/news/cours", "published": "2026-11-26T09:00:00Z",
	} {
		if first[k] != want {
			t.Errorf("%s = %v, want %v", k, first[k], want)
		}
	}
	if docs[1]["url"] != "https://city.example/news/appel" {
		t.Errorf("relative item link resolved to %v", docs[1]["url"])
	}
}

func TestInspectHTMLFile(t *testing.T) {
	page := filepath.Join("..", "..", "normalizer", "testdata", "extract", "dev", "a15-mt-wordpress.html")
	docs := inspectJSON(t, "--source-lang", "mt", page)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	if d["language"] != "mt" || d["title"] != "Korsijiet tal-Malti għal dawk li għadhom kif waslu Malta" {
		t.Errorf("language %v, title %v", d["language"], d["title"])
	}
	text, _ := d["text"].(string)
	if !strings.Contains(text, "Min jista' japplika") || strings.Contains(text, "Leave a reply") {
		t.Errorf("text is not the article alone:\n%s", text)
	}
	if d["published"] != "2026-11-20T08:00:00Z" {
		t.Errorf("published = %v", d["published"])
	}
}

func TestInspectURL(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	it := fixtureweb.Items()[0]
	docs := inspectJSON(t, "--allow-private", "127.0.0.1/32", web.URL+it.Path)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	if docs[0]["title"] != it.Title || docs[0]["language"] != it.Language {
		t.Errorf("title %q language %v; want %q %s", docs[0]["title"], docs[0]["language"], it.Title, it.Language)
	}
	if want := web.URL + it.Canonical; docs[0]["canonical_url"] != want {
		t.Errorf("canonical_url = %v, want %s", docs[0]["canonical_url"], want)
	}

	feed := inspectJSON(t, web.URL+it.Feed, "--allow-private", "127.0.0.1/32")
	if len(feed) < 2 {
		t.Errorf("feed %s gave %d documents", it.Feed, len(feed))
	}
}

func TestInspectRefusesPrivateURL(t *testing.T) {
	web := httptest.NewServer(fixtureweb.Handler())
	defer web.Close()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"inspect", web.URL + fixtureweb.Items()[0].Path}, &out, &errOut, noEnv)
	var fe *fetch.Error
	if !errors.As(err, &fe) || fe.Class != fetch.ClassForbidden {
		t.Fatalf("inspect of a loopback URL: err = %v, want a fetch refused as %s", err, fetch.ClassForbidden)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q", out.String())
	}
}
