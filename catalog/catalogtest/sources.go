package catalogtest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testSources(t *testing.T, open func(t *testing.T) Store) {
	t.Run("CreateDefaults", func(t *testing.T) {
		s := open(t)
		before := time.Now().Add(-time.Second)
		src := mustSource(t, s, catalog.Source{
			Kind: catalog.KindFeed, URL: "https://migration.example/feed.xml",
			Name: "Migration news", Publisher: "Observatory", Language: "en", Country: "EU",
		})
		after := time.Now().Add(time.Second)
		if src.ID <= 0 {
			t.Errorf("ID = %d, want > 0", src.ID)
		}
		if src.Status != catalog.StatusNew {
			t.Errorf("Status = %q, want %q", src.Status, catalog.StatusNew)
		}
		if src.Interval != catalog.DefaultInterval {
			t.Errorf("Interval = %v, want %v", src.Interval, catalog.DefaultInterval)
		}
		for name, tm := range map[string]time.Time{"CreatedAt": src.CreatedAt, "NextCheck": src.NextCheck} {
			if tm.Before(before) || tm.After(after) {
				t.Errorf("%s = %v, want between %v and %v", name, tm, before, after)
			}
		}
		checkUTC(t, "created source", src.CreatedAt, src.NextCheck)
		got := mustGetSource(t, s, src.ID)
		if diff := cmp.Diff(src, got); diff != "" {
			t.Errorf("Source(%d) (-want +got):\n%s", src.ID, diff)
		}
		checkUTC(t, "Source", got.CreatedAt, got.NextCheck)
		if !got.LastHarvest.IsZero() || !got.LastSuccess.IsZero() {
			t.Errorf("LastHarvest, LastSuccess = %v, %v; want zero times", got.LastHarvest, got.LastSuccess)
		}
		byURL, err := s.SourceByURL(t.Context(), src.URL)
		if err != nil {
			t.Fatalf("SourceByURL: %v", err)
		}
		if diff := cmp.Diff(src, *byURL); diff != "" {
			t.Errorf("SourceByURL (-want +got):\n%s", diff)
		}
	})

	t.Run("CreateKeepsEveryField", func(t *testing.T) {
		s := open(t)
		src := catalog.Source{
			Kind: catalog.KindCalendar, URL: "https://events.example/cal.ics", Name: "Événements",
			Publisher: "Ville", Language: "fr", Country: "FR",
			Status: catalog.StatusFailing, LastError: "timeout", FailCount: 3,
			LastHarvest: t0.Add(-time.Hour).In(cet), LastSuccess: t0.Add(-48 * time.Hour),
			NextCheck: t0.In(cet), Interval: 90 * time.Minute,
			ETag: `W/"abc"`, LastModified: "Fri, 01 Mar 2024 11:00:00 GMT",
		}
		created := mustSource(t, s, src)
		got := mustGetSource(t, s, created.ID)
		src.ID, src.CreatedAt = created.ID, created.CreatedAt
		if diff := cmp.Diff(src, got); diff != "" {
			t.Errorf("Source (-want +got):\n%s", diff)
		}
		checkUTC(t, "Source", got.LastHarvest, got.LastSuccess, got.NextCheck, got.CreatedAt)
	})

	t.Run("CrawlRules", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		rules := catalog.CrawlRules{
			StartURLs: []string{"https://site.example/news/"}, AllowedHosts: []string{"site.example"},
			Include: []string{`/news/\d+`}, Exclude: []string{`\?print`}, MaxDepth: 3, MaxPages: 40,
			ItemLinkSelector: "article h2 a", TitleSelector: "h1", DateSelector: "time", BodySelector: "main",
		}
		src := catalog.Source{Kind: catalog.KindSite, URL: "https://site.example/news/", Name: "Site", Rules: rules}
		if err := s.CreateSource(ctx, &src); err != nil {
			t.Fatal(err)
		}
		got, err := s.Source(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(rules, got.Rules); diff != "" {
			t.Errorf("rules after CreateSource (-want +got):\n%s", diff)
		}
		got.Rules.MaxPages, got.Rules.Exclude = 10, nil
		want := got.Rules
		if err := s.UpdateSource(ctx, got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got.Rules); diff != "" {
			t.Errorf("rules after UpdateSource (-want +got):\n%s", diff)
		}
		// Other kinds have none, and may not be given any.
		feedSrc := feed("https://site.example/feed")
		if err := s.CreateSource(ctx, &feedSrc); err != nil {
			t.Fatal(err)
		}
		if f, _ := s.Source(ctx, feedSrc.ID); !f.Rules.IsZero() {
			t.Errorf("a feed has rules %+v", f.Rules)
		}
		bad := feed("https://site.example/other-feed")
		bad.Rules = rules
		if err := s.CreateSource(ctx, &bad); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("a feed with crawl rules: %v, want ErrInvalid", err)
		}
	})

	t.Run("CreateTrimsURL", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("  https://trim.example/feed  "))
		if src.URL != "https://trim.example/feed" {
			t.Errorf("URL = %q, want it trimmed", src.URL)
		}
		if _, err := s.SourceByURL(t.Context(), " https://trim.example/feed "); err != nil {
			t.Errorf("SourceByURL with spaces: %v", err)
		}
	})

	t.Run("CreateInvalid", func(t *testing.T) {
		s := open(t)
		for _, tc := range []struct {
			name string
			src  catalog.Source
		}{
			{"unknown kind", catalog.Source{Kind: "gopher", URL: "https://a.example/"}},
			{"no kind", catalog.Source{URL: "https://a.example/"}},
			{"empty URL", catalog.Source{Kind: catalog.KindFeed}},
			{"relative URL", catalog.Source{Kind: catalog.KindFeed, URL: "/feed.xml"}},
			{"ftp URL", catalog.Source{Kind: catalog.KindFeed, URL: "ftp://a.example/feed"}},
			{"URL with password", catalog.Source{Kind: catalog.KindFeed, URL: "https://u:p@a.example/"}},
			{"long name", catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/", Name: strings.Repeat("n", 301)}},
			{"unknown status", catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/", Status: "sleeping"}},
			{"negative interval", catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/", Interval: -time.Hour}},
			{"NUL in name", catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/", Name: "a\x00b"}},
			{"invalid UTF-8", catalog.Source{Kind: catalog.KindFeed, URL: "https://a.example/", Publisher: "\xff\xfe"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := s.CreateSource(t.Context(), &tc.src)
				wantErr(t, "CreateSource", err, catalog.ErrInvalid)
			})
		}
		got, err := s.Sources(t.Context())
		if err != nil || len(got) != 0 {
			t.Errorf("Sources after invalid creates = %v, %v; want none", got, err)
		}
	})

	t.Run("CreateConflict", func(t *testing.T) {
		s := open(t)
		first := mustSource(t, s, feed("https://dup.example/feed"))
		again := feed("https://dup.example/feed")
		again.Name = "Another name"
		wantErr(t, "CreateSource with a stored URL", s.CreateSource(t.Context(), &again), catalog.ErrConflict)
		got, err := s.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]catalog.Source{first}, got); diff != "" {
			t.Errorf("Sources (-want +got):\n%s", diff)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		mustSource(t, s, feed("https://exists.example/feed"))
		_, err := s.Source(t.Context(), 424242)
		wantErr(t, "Source(424242)", err, catalog.ErrNotFound)
		_, err = s.SourceByURL(t.Context(), "https://nowhere.example/feed")
		wantErr(t, "SourceByURL(unknown)", err, catalog.ErrNotFound)
		_, err = s.SourceByURL(t.Context(), "")
		wantErr(t, "SourceByURL(\"\")", err, catalog.ErrNotFound)
	})

	t.Run("ListOrderedByID", func(t *testing.T) {
		s := open(t)
		got, err := s.Sources(t.Context())
		if err != nil || len(got) != 0 {
			t.Fatalf("Sources of an empty store = %v, %v; want none", got, err)
		}
		var want []catalog.Source
		for _, u := range []string{"https://c.example/", "https://a.example/", "https://b.example/"} {
			want = append(want, mustSource(t, s, feed(u)))
		}
		got, err = s.Sources(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Sources (-want +got):\n%s", diff)
		}
		for i := 1; i < len(got); i++ {
			if got[i-1].ID >= got[i].ID {
				t.Errorf("Sources not ordered by ID: %d before %d", got[i-1].ID, got[i].ID)
			}
		}
	})

	t.Run("Update", testUpdateSource(open))
	t.Run("Due", testDueSources(open))
}

func testUpdateSource(open func(t *testing.T) Store) func(t *testing.T) {
	return func(t *testing.T) {
		t.Run("EditableFields", func(t *testing.T) {
			s := open(t)
			src := mustSource(t, s, feed("https://old.example/feed"))
			src.Kind = catalog.KindSitemap
			src.URL = "https://new.example/sitemap.xml"
			src.Name, src.Publisher, src.Language, src.Country = "New", "Pub", "de", "AT"
			src.Status = catalog.StatusDisabled
			src.NextCheck = t0.Add(time.Hour).In(cet)
			src.Interval = 3 * time.Hour
			want := src
			want.NextCheck = t0.Add(time.Hour)
			if err := s.UpdateSource(t.Context(), &src); err != nil {
				t.Fatalf("UpdateSource: %v", err)
			}
			if diff := cmp.Diff(want, src); diff != "" {
				t.Errorf("UpdateSource reloaded (-want +got):\n%s", diff)
			}
			got := mustGetSource(t, s, src.ID)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Source after update (-want +got):\n%s", diff)
			}
			checkUTC(t, "updated source", got.NextCheck)
			if _, err := s.SourceByURL(t.Context(), "https://old.example/feed"); err == nil {
				t.Errorf("old URL still found after update")
			}
		})

		t.Run("ZeroKeepsStored", func(t *testing.T) {
			s := open(t)
			src := feed("https://keep.example/feed")
			src.Status, src.NextCheck, src.Interval = catalog.StatusOK, t0, 2*time.Hour
			src = mustSource(t, s, src)
			edit := src
			edit.Name = "Renamed"
			edit.Status, edit.NextCheck, edit.Interval = "", time.Time{}, 0
			if err := s.UpdateSource(t.Context(), &edit); err != nil {
				t.Fatalf("UpdateSource: %v", err)
			}
			want := src
			want.Name = "Renamed"
			if diff := cmp.Diff(want, mustGetSource(t, s, src.ID)); diff != "" {
				t.Errorf("Source (-want +got):\n%s", diff)
			}
		})

		t.Run("KeepsHarvestState", func(t *testing.T) {
			s := open(t)
			src := mustSource(t, s, feed("https://state.example/feed"))
			if _, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{
				SourceID: src.ID, Finished: t0, Err: "boom", ETag: "x",
			}); err != nil {
				t.Fatal(err)
			}
			stale := src // FailCount 0, no LastError: a form that was open meanwhile
			stale.Name = "Edited"
			if err := s.UpdateSource(t.Context(), &stale); err != nil {
				t.Fatalf("UpdateSource: %v", err)
			}
			got := mustGetSource(t, s, src.ID)
			if got.FailCount != 1 || got.LastError != "boom" || !got.LastHarvest.Equal(t0) || got.Name != "Edited" {
				t.Errorf("after update: FailCount %d, LastError %q, LastHarvest %v, Name %q; want 1, boom, %v, Edited",
					got.FailCount, got.LastError, got.LastHarvest, got.Name, t0)
			}
			if diff := cmp.Diff(got, stale); diff != "" {
				t.Errorf("UpdateSource did not reload the source (-stored +reloaded):\n%s", diff)
			}
		})

		t.Run("Errors", func(t *testing.T) {
			s := open(t)
			a := mustSource(t, s, feed("https://a.example/feed"))
			b := mustSource(t, s, feed("https://b.example/feed"))
			for _, tc := range []struct {
				name string
				edit func(*catalog.Source)
				want error
			}{
				{"unknown ID", func(s *catalog.Source) { s.ID = 424242 }, catalog.ErrNotFound},
				{"URL of another source", func(s *catalog.Source) { s.URL = a.URL }, catalog.ErrConflict},
				{"invalid URL", func(s *catalog.Source) { s.URL = "mailto:x@example.org" }, catalog.ErrInvalid},
				{"unknown kind", func(s *catalog.Source) { s.Kind = "tape" }, catalog.ErrInvalid},
				{"unknown status", func(s *catalog.Source) { s.Status = "asleep" }, catalog.ErrInvalid},
			} {
				t.Run(tc.name, func(t *testing.T) {
					edit := b
					tc.edit(&edit)
					wantErr(t, "UpdateSource", s.UpdateSource(t.Context(), &edit), tc.want)
				})
			}
			if diff := cmp.Diff(b, mustGetSource(t, s, b.ID)); diff != "" {
				t.Errorf("failed updates changed the source (-want +got):\n%s", diff)
			}
		})
	}
}

func testDueSources(open func(t *testing.T) Store) func(t *testing.T) {
	return func(t *testing.T) {
		s := open(t)
		ids := map[string]int64{}
		for _, c := range []struct {
			name   string
			next   time.Time
			status catalog.SourceStatus
		}{
			{"future", t0.Add(time.Hour), catalog.StatusOK},
			{"boundary", t0, catalog.StatusNew},
			{"hour", t0.Add(-time.Hour), catalog.StatusOK},
			{"disabled", t0.Add(-3 * time.Hour), catalog.StatusDisabled},
			{"half", t0.Add(-30 * time.Minute).In(cet), catalog.StatusFailing},
			{"twohours", t0.Add(-2 * time.Hour), catalog.StatusOK},
		} {
			src := feed("https://" + c.name + ".example/feed")
			src.NextCheck, src.Status = c.next, c.status
			ids[c.name] = mustSource(t, s, src).ID
		}
		for _, tc := range []struct {
			name  string
			now   time.Time
			limit int
			want  []string
		}{
			{"all due oldest first", t0, 0, []string{"twohours", "hour", "half", "boundary"}},
			{"limit", t0, 2, []string{"twohours", "hour"}},
			{"other zone same instant", t0.In(cet), 10, []string{"twohours", "hour", "half", "boundary"}},
			{"none due", t0.Add(-5 * time.Hour), 10, nil},
			{"later", t0.Add(2 * time.Hour), 10, []string{"twohours", "hour", "half", "boundary", "future"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.DueSources(t.Context(), tc.now, tc.limit)
				if err != nil {
					t.Fatalf("DueSources: %v", err)
				}
				var gotIDs, wantIDs []int64
				for _, g := range got {
					gotIDs = append(gotIDs, g.ID)
				}
				for _, n := range tc.want {
					wantIDs = append(wantIDs, ids[n])
				}
				if diff := cmp.Diff(wantIDs, gotIDs, equateEmpty); diff != "" {
					t.Errorf("DueSources IDs (-want +got):\n%s\n(ids %v)", diff, ids)
				}
			})
		}
	}
}
