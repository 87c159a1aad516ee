package catalogtest

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// testHealth checks that stores apply the states the harvester decides
// (blocked, quarantined, disabled, deferred) and keep runs open, closed
// and aborted with their errors.
func testHealth(t *testing.T, open func(t *testing.T) Store) {
	t.Run("DecidedStates", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://health.example/feed"))
		id := src.ID
		at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
		type state struct {
			Status      catalog.SourceStatus
			Class       catalog.ErrorClass
			Err         string
			Fails       int
			Streak      int
			LastSuccess time.Time
		}
		steps := []struct {
			name string
			o    catalog.HarvestOutcome
			want state
			run  string
		}{
			{"success", catalog.HarvestOutcome{Finished: at(1)},
				state{catalog.StatusOK, "", "", 0, 0, at(1)}, catalog.RunOK},
			{"first 404", catalog.HarvestOutcome{Finished: at(2), Err: "404", ErrorClass: catalog.ErrMissing},
				state{catalog.StatusFailing, catalog.ErrMissing, "404", 1, 1, at(1)}, catalog.RunFailed},
			{"second 404", catalog.HarvestOutcome{Finished: at(3), Err: "404", ErrorClass: catalog.ErrMissing},
				state{catalog.StatusFailing, catalog.ErrMissing, "404", 2, 2, at(1)}, catalog.RunFailed},
			{"deferred changes nothing", catalog.HarvestOutcome{Finished: at(4), Deferred: true, Stage: "fetch",
				Err: "429, come back later", ErrorClass: catalog.ErrThrottled},
				state{catalog.StatusFailing, catalog.ErrMissing, "404", 2, 2, at(1)}, catalog.RunDeferred},
			{"third 404 quarantines", catalog.HarvestOutcome{Finished: at(5), Err: "404", ErrorClass: catalog.ErrMissing,
				Status: catalog.StatusQuarantined},
				state{catalog.StatusQuarantined, catalog.ErrMissing, "404", 3, 3, at(1)}, catalog.RunFailed},
			{"another class restarts the streak", catalog.HarvestOutcome{Finished: at(6), Err: "403",
				ErrorClass: catalog.ErrBlocked, Status: catalog.StatusBlocked},
				state{catalog.StatusBlocked, catalog.ErrBlocked, "403", 4, 1, at(1)}, catalog.RunFailed},
			{"aborted fails", catalog.HarvestOutcome{Finished: at(7), Aborted: true, Err: "deadline", ErrorClass: catalog.ErrTimeout},
				state{catalog.StatusFailing, catalog.ErrTimeout, "deadline", 5, 1, at(1)}, catalog.RunAborted},
			{"success recovers", catalog.HarvestOutcome{Finished: at(8), NotModified: true},
				state{catalog.StatusOK, "", "", 0, 0, at(8)}, catalog.RunNotModified},
			{"410 disables", catalog.HarvestOutcome{Finished: at(9), Err: "410", ErrorClass: catalog.ErrGone,
				Status: catalog.StatusDisabled},
				state{catalog.StatusDisabled, catalog.ErrGone, "410", 1, 1, at(8)}, catalog.RunFailed},
			{"disabled stays disabled", catalog.HarvestOutcome{Finished: at(10)},
				state{catalog.StatusDisabled, "", "", 0, 0, at(10)}, catalog.RunOK},
		}
		for _, st := range steps {
			st.o.SourceID = id
			runID, err := s.RecordHarvest(t.Context(), st.o)
			if err != nil {
				t.Fatalf("%s: RecordHarvest: %v", st.name, err)
			}
			got := mustGetSource(t, s, id)
			gotState := state{got.Status, got.ErrorClass, got.LastError, got.FailCount, got.ErrorStreak, got.LastSuccess}
			if diff := cmp.Diff(st.want, gotState); diff != "" {
				t.Errorf("%s: source (-want +got):\n%s", st.name, diff)
			}
			if !got.LastHarvest.Equal(st.o.Finished) {
				t.Errorf("%s: LastHarvest = %v, want %v", st.name, got.LastHarvest, st.o.Finished)
			}
			runs, err := s.Runs(t.Context(), id, 1)
			if err != nil || len(runs) != 1 || runs[0].ID != runID || runs[0].Status != st.run {
				t.Errorf("%s: newest run = %+v, %v; want run %d with status %s", st.name, runs, err, runID, st.run)
			}
		}
	})

	t.Run("UnknownStatusRefused", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://status.example/feed"))
		_, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{SourceID: src.ID, Status: "sleepy"})
		wantErr(t, "RecordHarvest(unknown status)", err, catalog.ErrInvalid)
		if runs, _ := s.Runs(t.Context(), src.ID, 0); len(runs) != 0 {
			t.Errorf("a refused outcome recorded %d runs", len(runs))
		}
	})

	t.Run("RunLifeCycle", func(t *testing.T) {
		s := open(t)
		a := mustSource(t, s, feed("https://runs-a.example/feed"))
		b := mustSource(t, s, feed("https://runs-b.example/feed"))
		ctx := t.Context()
		open, err := s.StartRun(ctx, a.ID, t0)
		if err != nil {
			t.Fatalf("StartRun: %v", err)
		}
		runs, err := s.Runs(ctx, a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := []catalog.Run{{ID: open, SourceID: a.ID, Started: t0, Status: catalog.RunRunning}}
		if diff := cmp.Diff(want, runs); diff != "" {
			t.Errorf("running run (-want +got):\n%s", diff)
		}
		errs := []catalog.RunError{
			{Stage: "normalise", URL: "https://runs-a.example/1", Message: "no title"},
			{Stage: "store", Message: "body too large"},
		}
		id, err := s.RecordHarvest(ctx, catalog.HarvestOutcome{SourceID: a.ID, RunID: open,
			Finished: t0.Add(time.Minute), New: 3, Failed: 2, Errors: errs})
		if err != nil || id != open {
			t.Fatalf("RecordHarvest closing run %d = %d, %v", open, id, err)
		}
		runs, _ = s.Runs(ctx, a.ID, 0)
		want = []catalog.Run{{ID: open, SourceID: a.ID, Started: t0, Finished: t0.Add(time.Minute),
			Status: catalog.RunOK, New: 3, Failed: 2, Errors: errs}}
		if diff := cmp.Diff(want, runs); diff != "" {
			t.Errorf("closed run (-want +got):\n%s", diff)
		}

		// A run of one source cannot be closed by another's outcome.
		_, err = s.RecordHarvest(ctx, catalog.HarvestOutcome{SourceID: b.ID, RunID: open})
		wantErr(t, "RecordHarvest(another source's run)", err, catalog.ErrNotFound)
		_, err = s.StartRun(ctx, 424242, t0)
		wantErr(t, "StartRun(unknown source)", err, catalog.ErrNotFound)

		// Runs left running by a dead process are aborted; recent ones and
		// finished ones are left alone.
		stale, _ := s.StartRun(ctx, b.ID, t0)
		fresh, _ := s.StartRun(ctx, b.ID, t0.Add(time.Hour))
		n, err := s.AbortStaleRuns(ctx, t0.Add(30*time.Minute), "the harvesting process stopped")
		if err != nil || n != 1 {
			t.Fatalf("AbortStaleRuns = %d, %v; want 1", n, err)
		}
		runs, _ = s.Runs(ctx, b.ID, 0)
		got := map[int64]string{}
		for _, r := range runs {
			got[r.ID] = r.Status
			if r.ID == stale && (r.Finished.IsZero() || r.Err != "the harvesting process stopped") {
				t.Errorf("aborted run: %+v", r)
			}
		}
		wantStatus := map[int64]string{stale: catalog.RunAborted, fresh: catalog.RunRunning}
		if diff := cmp.Diff(wantStatus, got); diff != "" {
			t.Errorf("run statuses (-want +got):\n%s", diff)
		}
		if runs, _ := s.Runs(ctx, a.ID, 0); runs[0].Status != catalog.RunOK {
			t.Errorf("a finished run was touched: %+v", runs[0])
		}
	})

	t.Run("RunErrorsBounded", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://many-errors.example/feed"))
		errs := make([]catalog.RunError, catalog.MaxRunErrors+10)
		for i := range errs {
			errs[i] = catalog.RunError{Stage: "normalise", Message: "bad item"}
		}
		if _, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{SourceID: src.ID, Errors: errs}); err != nil {
			t.Fatal(err)
		}
		runs, _ := s.Runs(t.Context(), src.ID, 1)
		if len(runs) != 1 || len(runs[0].Errors) != catalog.MaxRunErrors {
			t.Errorf("run kept %d errors, want %d", len(runs[0].Errors), catalog.MaxRunErrors)
		}
	})
}
