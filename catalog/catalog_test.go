package catalog

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidateSourceURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://example.org/feed.xml":  true,
		"http://example.org":            true,
		" https://example.org/feed ":    true,
		"":                              false,
		"not-a-url":                     false,
		"ftp://example.org/feed":        false,
		"javascript:alert(1)":           false,
		"https://":                      false,
		"https://user:pw@example.org/x": false,
		"http://[::1":                   false,
	} {
		_, err := ValidateSourceURL(raw)
		if (err == nil) != ok {
			t.Errorf("ValidateSourceURL(%q) = %v, want ok=%v", raw, err, ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ValidateSourceURL(%q) error does not wrap ErrInvalid", raw)
		}
	}
}

func TestDocumentValidate(t *testing.T) {
	good := Document{SourceID: 1, Key: "k", Title: "Integration"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []func(*Document){
		func(d *Document) { d.SourceID = 0 },
		func(d *Document) { d.Key = "" },
		func(d *Document) { d.Title = "  " },
		func(d *Document) { d.Title = strings.Repeat("é", MaxTitle+1) },
		func(d *Document) { d.Text = strings.Repeat("x", MaxText+1) },
	}
	for i, f := range bad {
		d := good
		f(&d)
		if err := d.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("case %d: err = %v, want ErrInvalid", i, err)
		}
	}
}

func TestHashChangesWithContent(t *testing.T) {
	a := Document{Title: "A", Text: "body", Language: "en"}
	b := a
	if a.Hash() != b.Hash() {
		t.Fatal("same content, different hash")
	}
	b.Themes = []string{"health"}
	if a.Hash() == b.Hash() {
		t.Error("themes do not change the hash")
	}
	for _, tc := range []struct {
		name   string
		change func(*Document)
	}{
		{"publisher", func(d *Document) { d.Publisher = "City of Lyon" }},
		{"licence", func(d *Document) { d.Licence = "https://creativecommons.org/licenses/by/4.0/" }},
		{"translations", func(d *Document) { d.Translations = []Translation{{Language: "fr", URL: "https://x.example/fr"}} }},
	} {
		changed := a
		tc.change(&changed)
		if a.Hash() == changed.Hash() {
			t.Errorf("%s does not change the hash", tc.name)
		}
	}
	// Field boundaries matter: "ab"+"" differs from "a"+"b".
	c, d := Document{Title: "ab"}, Document{Title: "a", Summary: "b"}
	if c.Hash() == d.Hash() {
		t.Error("hash ignores field boundaries")
	}
}

func TestQueryNormalize(t *testing.T) {
	q := Query{Limit: 1000, Offset: -3}
	q.Normalize()
	if q.Limit != MaxLimit || q.Offset != 0 || q.Sort != SortRelevance {
		t.Errorf("Normalize = %+v", q)
	}
	q = Query{Offset: MaxOffset * 2}
	q.Normalize()
	if q.Limit != DefaultLimit || q.Offset != MaxOffset {
		t.Errorf("Normalize = %+v", q)
	}
}

func TestVocabulary(t *testing.T) {
	if len(Themes) != 6 || len(ContentTypes) != 14 || len(EULanguages) != 24 {
		t.Errorf("themes %d, types %d, languages %d; want 6, 14, 24", len(Themes), len(ContentTypes), len(EULanguages))
	}
	// EU + 27 Member States + Iceland, Norway, Switzerland.
	if len(Countries) != 31 {
		t.Errorf("%d countries, want 31", len(Countries))
	}
	seen := map[string]bool{}
	for _, th := range Themes {
		for _, s := range append([]Term{th.Term}, th.Sub...) {
			if seen[s.Slug] {
				t.Errorf("slug %q used twice", s.Slug)
			}
			seen[s.Slug] = true
			if got, ok := ThemeOf(s.Slug); !ok || got != th.Slug {
				t.Errorf("ThemeOf(%q) = %q, %v", s.Slug, got, ok)
			}
		}
	}
	if _, ok := ThemeOf("nonsense"); ok {
		t.Error("ThemeOf accepts an unknown slug")
	}
	if !IsContentType("news") || IsContentType("blog") || !IsCountry("MT") || IsCountry("XX") {
		t.Error("IsContentType / IsCountry disagree with the vocabulary")
	}
	if !KindFeed.Valid() || SourceKind("ftp").Valid() {
		t.Error("SourceKind.Valid")
	}
}

func TestChangeOfAndNotifyPolicy(t *testing.T) {
	src := func(st SourceStatus) Source { return Source{ID: 1, Status: st} }
	fail := HarvestOutcome{Err: "HTTP 500", ErrorClass: ErrServer}
	for _, tc := range []struct {
		name   string
		src    Source
		o      HarvestOutcome
		change bool
		failed bool
	}{
		{"ok → failing", src(StatusOK), fail, true, true},
		{"new → failing", src(StatusNew), fail, true, true},
		{"ok → blocked", src(StatusOK), HarvestOutcome{Err: "403", Status: StatusBlocked}, true, true},
		{"ok → disabled (410)", src(StatusOK), HarvestOutcome{Err: "410", Status: StatusDisabled}, true, true},
		{"failing → failing", src(StatusFailing), fail, false, false},
		{"failing → quarantined", src(StatusFailing), HarvestOutcome{Err: "404", Status: StatusQuarantined}, false, false},
		{"failing → ok", src(StatusFailing), HarvestOutcome{}, true, false},
		{"ok → ok", src(StatusOK), HarvestOutcome{}, false, false},
		{"new → ok", src(StatusNew), HarvestOutcome{}, false, false},
		{"deferred", src(StatusOK), HarvestOutcome{Deferred: true, Err: "429"}, false, false},
	} {
		c, ok := ChangeOf(tc.src, tc.o)
		if ok != tc.change || ok && c.Failed() != tc.failed {
			t.Errorf("%s: change %v failed %v, want %v %v", tc.name, ok, c.Failed(), tc.change, tc.failed)
		}
	}
	failed, _ := ChangeOf(src(StatusOK), fail)
	recovered, _ := ChangeOf(src(StatusFailing), HarvestOutcome{})
	for _, tc := range []struct {
		n                NotifyPolicy
		failed, recovers bool
	}{
		{NotifyErrors, true, false}, {NotifyAll, true, true}, {NotifyNone, false, false},
	} {
		if tc.n.Wants(failed) != tc.failed || tc.n.Wants(recovered) != tc.recovers {
			t.Errorf("%s: wants failure %v recovery %v", tc.n, tc.n.Wants(failed), tc.n.Wants(recovered))
		}
	}
}
func TestSavedSearchValidate(t *testing.T) {
	ok := SavedSearch{UserID: 1, Name: "  Housing in Lyon ", Query: "q=logement&lang=fr"}
	if err := ok.Validate(); err != nil || ok.Name != "Housing in Lyon" || ok.Frequency != AlertNone {
		t.Fatalf("Validate = %v, %+v", err, ok)
	}
	for name, s := range map[string]SavedSearch{
		"no user":      {Name: "a", Query: "q=a"},
		"no name":      {UserID: 1, Name: "  ", Query: "q=a"},
		"long name":    {UserID: 1, Name: strings.Repeat("é", MaxSavedSearchName+1)},
		"control":      {UserID: 1, Name: "a\x07b"},
		"spaces":       {UserID: 1, Name: "a", Query: "q=a b"},
		"long query":   {UserID: 1, Name: "a", Query: strings.Repeat("q", MaxSavedSearchQuery+1)},
		"frequency":    {UserID: 1, Name: "a", Frequency: "hourly"},
		"invalid utf8": {UserID: 1, Name: "a\xff"},
	} {
		if err := s.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Validate = %v, want ErrInvalid", name, err)
		}
	}
}

func TestSavedSearchDue(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	s := SavedSearch{Frequency: AlertDaily, CreatedAt: t0}
	if s.Due(t0.Add(23*time.Hour)) || !s.Due(t0.Add(24*time.Hour)) {
		t.Error("a daily search is due a day after it was saved, not before")
	}
	s.AlertedAt = t0.Add(30 * time.Hour)
	if s.Since() != s.AlertedAt || s.Due(t0.Add(48*time.Hour)) || !s.Due(t0.Add(54*time.Hour)) {
		t.Error("a daily search is due a day after its last alert")
	}
	s.Frequency = AlertWeekly
	if s.Due(t0.Add(6*24*time.Hour)) || !s.Due(t0.Add(30*time.Hour+7*24*time.Hour)) {
		t.Error("a weekly search is due a week after its last alert")
	}
	s.Frequency = AlertNone
	if s.Due(t0.Add(1000 * time.Hour)) {
		t.Error("a search without alerts is never due")
	}
}
