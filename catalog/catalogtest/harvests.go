package catalogtest

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testHarvests(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Transitions", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://harvest.example/feed"))
		id := src.ID
		// Each step records an outcome and states the source that follows
		// from the previous one.
		steps := []struct {
			name    string
			outcome catalog.HarvestOutcome
			edit    func(*catalog.Source)
			run     string
		}{
			{
				name: "first success",
				outcome: catalog.HarvestOutcome{SourceID: id, Started: t0, Finished: t0.Add(time.Minute),
					New: 3, ETag: `"v1"`, LastModified: "Fri, 01 Mar 2024 11:00:00 GMT",
					NextCheck: t0.Add(time.Hour), Interval: time.Hour},
				edit: func(s *catalog.Source) {
					s.Status, s.LastHarvest, s.LastSuccess = catalog.StatusOK, t0.Add(time.Minute), t0.Add(time.Minute)
					s.ETag, s.LastModified = `"v1"`, "Fri, 01 Mar 2024 11:00:00 GMT"
					s.NextCheck, s.Interval = t0.Add(time.Hour), time.Hour
				},
				run: "ok",
			},
			{
				name: "failure keeps validators",
				outcome: catalog.HarvestOutcome{SourceID: id, Started: t0.Add(time.Hour), Finished: t0.Add(time.Hour + time.Second),
					Err: "fetch: server said 503", Stage: "fetch", ETag: `"ignored"`,
					NextCheck: t0.Add(3 * time.Hour), Interval: 2 * time.Hour},
				edit: func(s *catalog.Source) {
					s.Status, s.FailCount, s.LastError, s.ErrorStreak = catalog.StatusFailing, 1, "fetch: server said 503", 1
					s.LastHarvest = t0.Add(time.Hour + time.Second)
					s.NextCheck, s.Interval = t0.Add(3*time.Hour), 2*time.Hour
				},
				run: "failed",
			},
			{
				name: "second failure counts",
				outcome: catalog.HarvestOutcome{SourceID: id, Started: t0.Add(3 * time.Hour), Finished: t0.Add(3*time.Hour + time.Second),
					Err: "parse: not a feed", Stage: "parse", NextCheck: t0.Add(7 * time.Hour).In(cet), Interval: 4 * time.Hour},
				edit: func(s *catalog.Source) {
					s.FailCount, s.LastError, s.ErrorStreak = 2, "parse: not a feed", 2
					s.LastHarvest = t0.Add(3*time.Hour + time.Second)
					s.NextCheck, s.Interval = t0.Add(7*time.Hour), 4*time.Hour
				},
				run: "failed",
			},
			{
				name: "not modified recovers",
				outcome: catalog.HarvestOutcome{SourceID: id, Started: t0.Add(7 * time.Hour), Finished: t0.Add(7*time.Hour + time.Second),
					NotModified: true, NextCheck: t0.Add(8 * time.Hour), Interval: time.Hour},
				edit: func(s *catalog.Source) {
					s.Status, s.FailCount, s.LastError, s.ErrorStreak = catalog.StatusOK, 0, "", 0
					s.LastHarvest, s.LastSuccess = t0.Add(7*time.Hour+time.Second), t0.Add(7*time.Hour+time.Second)
					s.NextCheck, s.Interval = t0.Add(8*time.Hour), time.Hour
				},
				run: "not_modified",
			},
			{
				name: "new validators replace old; zero schedule keeps it",
				outcome: catalog.HarvestOutcome{SourceID: id, Started: t0.Add(8 * time.Hour), Finished: t0.Add(8*time.Hour + time.Second),
					Updated: 2, Unchanged: 5, Failed: 1, ETag: `"v2"`},
				edit: func(s *catalog.Source) {
					s.ETag = `"v2"`
					s.LastHarvest, s.LastSuccess = t0.Add(8*time.Hour+time.Second), t0.Add(8*time.Hour+time.Second)
				},
				run: "ok",
			},
		}
		want := src
		var wantRuns []catalog.Run
		for _, st := range steps {
			runID, err := s.RecordHarvest(t.Context(), st.outcome)
			if err != nil {
				t.Fatalf("%s: RecordHarvest: %v", st.name, err)
			}
			st.edit(&want)
			got := mustGetSource(t, s, id)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: source (-want +got):\n%s", st.name, diff)
			}
			checkUTC(t, st.name, got.LastHarvest, got.LastSuccess, got.NextCheck)
			o := st.outcome
			wantRuns = append([]catalog.Run{{
				ID: runID, SourceID: id, Started: o.Started, Finished: o.Finished, Status: st.run,
				Stage: o.Stage, Err: o.Err, New: o.New, Updated: o.Updated, Unchanged: o.Unchanged, Failed: o.Failed,
			}}, wantRuns...)
		}
		runs, err := s.Runs(t.Context(), id, 0)
		if err != nil {
			t.Fatalf("Runs: %v", err)
		}
		if diff := cmp.Diff(wantRuns, runs); diff != "" {
			t.Errorf("Runs, newest first (-want +got):\n%s", diff)
		}
		for _, r := range runs {
			checkUTC(t, "run", r.Started, r.Finished)
		}
		runs, err = s.Runs(t.Context(), id, 2)
		if err != nil {
			t.Fatalf("Runs(limit 2): %v", err)
		}
		if diff := cmp.Diff(wantRuns[:2], runs); diff != "" {
			t.Errorf("Runs(limit 2) (-want +got):\n%s", diff)
		}
	})

	t.Run("FinishedDefaultsToNow", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://now.example/feed"))
		before := time.Now().Add(-time.Second)
		if _, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{SourceID: src.ID}); err != nil {
			t.Fatal(err)
		}
		got := mustGetSource(t, s, src.ID)
		if got.LastHarvest.Before(before) || got.LastHarvest.After(time.Now().Add(time.Second)) {
			t.Errorf("LastHarvest = %v, want about now", got.LastHarvest)
		}
		if !got.NextCheck.Equal(src.NextCheck) || got.Interval != src.Interval {
			t.Errorf("NextCheck, Interval = %v, %v; want the stored %v, %v", got.NextCheck, got.Interval, src.NextCheck, src.Interval)
		}
	})

	t.Run("DisabledStaysDisabled", func(t *testing.T) {
		s := open(t)
		src := feed("https://off.example/feed")
		src.Status = catalog.StatusDisabled
		src = mustSource(t, s, src)
		for _, o := range []catalog.HarvestOutcome{
			{SourceID: src.ID, Finished: t0},
			{SourceID: src.ID, Finished: t0.Add(time.Hour), Err: "gone"},
		} {
			if _, err := s.RecordHarvest(t.Context(), o); err != nil {
				t.Fatal(err)
			}
			if got := mustGetSource(t, s, src.ID); got.Status != catalog.StatusDisabled {
				t.Errorf("after harvest (err %q): Status = %q, want disabled", o.Err, got.Status)
			}
		}
	})

	t.Run("UnknownSource", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://known.example/feed"))
		_, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{SourceID: 424242, Finished: t0})
		wantErr(t, "RecordHarvest(unknown source)", err, catalog.ErrNotFound)
		_, err = s.Runs(t.Context(), 424242, 10)
		wantErr(t, "Runs(unknown source)", err, catalog.ErrNotFound)
		runs, err := s.Runs(t.Context(), src.ID, 10)
		if err != nil || len(runs) != 0 {
			t.Errorf("Runs of a source never harvested = %v, %v; want none", runs, err)
		}
	})
}
