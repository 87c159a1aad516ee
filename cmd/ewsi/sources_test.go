package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/fixtureweb"
)

// TestSourcesShowHarvestReprocess drives the health commands of one
// fixture feed through the real main: harvest in this process (no
// Redis), show, list, reprocess.
func TestSourcesShowHarvestReprocess(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	var feed catalog.Source
	for _, s := range fixtureweb.Sources(web.URL()) {
		if s.Kind == catalog.KindFeed {
			feed = s
			break
		}
	}
	data := t.TempDir()
	runOK(t, "sources", "add", "--data", data, "--name", "Fixture", feed.URL)
	out := runOK(t, "sources", "harvest", "--data", data, "--allow-private", "127.0.0.1/32", "1")
	m := regexp.MustCompile(`source 1: (\d+) new`).FindStringSubmatch(out)
	if m == nil || m[1] == "0" {
		t.Fatalf("sources harvest printed %q, want new documents", out)
	}
	out = runOK(t, "sources", "harvest", "--data", data, "--allow-private", "127.0.0.1/32", "1")
	if !strings.Contains(out, "not modified") {
		t.Errorf("second harvest printed %q, want not modified", out)
	}

	show := runOK(t, "sources", "show", "--data", data, "1")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^status\s+ok$`),
		regexp.MustCompile(`(?m)^last success\s+\d{4}-`),
		regexp.MustCompile(`(?m)^last error\s+-$`),
		regexp.MustCompile(`(?m)^documents\s+` + m[1] + `$`),
		regexp.MustCompile(`(?m)^items per week\s+\d+\.\d \(last 28 days\)$`),
		regexp.MustCompile(`(?m)^silent for\s+-$`),
		regexp.MustCompile(`(?m)^\d+\s+.*\s+not_modified\s+0\s+0\s+0\s+0\s*$`),
		regexp.MustCompile(`(?m)^\d+\s+.*\s+ok\s+` + m[1] + `\s+0\s+0\s+0\s*$`),
	} {
		if !want.MatchString(show) {
			t.Errorf("sources show lacks %s:\n%s", want, show)
		}
	}
	list := runOK(t, "sources", "list", "--data", data)
	if !regexp.MustCompile(`(?m)^1\s+feed\s+ok\s+` + m[1] + `\s+-\s+`).MatchString(list) {
		t.Errorf("sources list lacks the items and silent columns:\n%s", list)
	}
	out = runOK(t, "reprocess", "--data", data, "--source", "1")
	if want := "reprocessed 1 source(s): 0 new, 0 updated, " + m[1] + " unchanged, 0 failed"; !strings.Contains(out, want) {
		t.Errorf("reprocess printed %q, want %q", out, want)
	}
}

// TestSourcesAddFindsTheFeed registers a publisher's homepage: the CLI
// registers the feed the page announces and says so; a page leading to
// no feed is refused with a sentence; other kinds are taken as given.
func TestSourcesAddFindsTheFeed(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	data := t.TempDir()
	out := runOK(t, "sources", "add", "--data", data, "--allow-private", "127.0.0.1/32", web.URL()+"/eio/")
	m := regexp.MustCompile(`is a page, not a feed; the page announces it: (\S+)\nadded source 1: (\S+) \(feed\)`).FindStringSubmatch(out)
	if m == nil || m[1] != m[2] || !strings.HasPrefix(m[1], web.URL()+"/eio/") || m[1] == web.URL()+"/eio/" {
		t.Errorf("sources add of a homepage printed:\n%s", out)
	}
	out = runOK(t, "sources", "add", "--data", data, "--allow-private", "127.0.0.1/32", web.URL()+"/cities/feed.json")
	if strings.Contains(out, "not a feed") || !strings.Contains(out, "/cities/feed.json (feed)") {
		t.Errorf("sources add of a feed printed:\n%s", out)
	}
	out = runOK(t, "sources", "add", "--data", data, "--allow-private", "127.0.0.1/32", "--kind", "calendar", web.URL()+"/eio/events.ics")
	if !strings.Contains(out, "/eio/events.ics (calendar)") {
		t.Errorf("sources add --kind calendar printed:\n%s", out)
	}
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"sources", "add", "--data", data, "--allow-private", "127.0.0.1/32", web.URL() + "/robots.txt"}, &stdout, &stderr, noEnv)
	if err == nil || !strings.Contains(err.Error(), "no feed found") {
		t.Errorf("a page without a feed was accepted: %v\n%s", err, stdout.String())
	}
}

// TestSourcesAddSiteWithRules registers a crawled site with rules from a
// JSON file, harvests it, and refuses rules the crawler would refuse.
func TestSourcesAddSiteWithRules(t *testing.T) {
	web, err := fixtureweb.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	data := t.TempDir()
	rules := filepath.Join(data, "rules.json")
	if err := os.WriteFile(rules, []byte(`{"include": ["/eio/en/news/"], "max_depth": 2, "max_pages": 20}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out := runOK(t, "sources", "add", "--data", data, "--kind", "site", "--rules", rules, web.URL()+"/eio/")
	if !strings.Contains(out, "added source 1: "+web.URL()+"/eio/ (site)") {
		t.Fatalf("sources add --kind site printed:\n%s", out)
	}
	out = runOK(t, "sources", "harvest", "--data", data, "--allow-private", "127.0.0.1/32", "--host-delay", "20ms", "1")
	if m := regexp.MustCompile(`source 1: (\d+) new`).FindStringSubmatch(out); m == nil || m[1] == "0" {
		t.Errorf("harvest of the site printed %q, want new documents", out)
	}
	for _, tt := range []struct{ rules, want string }{
		{`{"include": ["("]}`, "include"},
		{`{"max_pagez": 3}`, "unknown field"},
	} {
		if err := os.WriteFile(rules, []byte(tt.rules), 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"sources", "add", "--data", data, "--kind", "site", "--rules", rules, web.URL() + "/cities/"}, &stdout, &stderr, noEnv)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("rules %s: %v, want an error naming %q", tt.rules, err, tt.want)
		}
	}
}
