package catalogtest

import (
	"slices"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func testEditorial(t *testing.T, open func(t *testing.T) Store) {
	// found returns the IDs a search for text finds.
	found := func(t *testing.T, s Store, text string) []int64 {
		t.Helper()
		res, err := s.Search(t.Context(), catalog.Query{Text: text, Sort: catalog.SortDate})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		var ids []int64
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Total != len(ids) {
			t.Errorf("Search(%q): total %d for %d hits", text, res.Total, len(ids))
		}
		return ids
	}

	t.Run("StateFromTrust", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		for _, tc := range []struct {
			trust catalog.Trust
			want  catalog.DocumentState
		}{
			{catalog.TrustTrusted, catalog.StatePublished},
			{catalog.TrustAllowed, catalog.StatePending},
			{catalog.TrustUnverified, catalog.StatePending},
			{catalog.TrustBlocked, catalog.StateRefused},
		} {
			src := mustSource(t, s, feed("https://"+string(tc.trust)+".example/feed"))
			if err := s.SetSourceTrust(ctx, src.ID, tc.trust); err != nil {
				t.Fatal(err)
			}
			d := doc(src.ID, "item")
			d.Title = "Mentoring scheme " + string(tc.trust)
			got := mustUpsert(t, s, d, catalog.Created)
			if got.State != tc.want {
				t.Errorf("%s source: new item's state %q, want %q", tc.trust, got.State, tc.want)
			}
			stored, err := s.Document(ctx, got.ID)
			if err != nil || stored.State != tc.want {
				t.Errorf("%s source: stored state %+v, %v", tc.trust, stored, err)
			}
			ids := found(t, s, "mentoring "+string(tc.trust))
			if visible := len(ids) == 1; visible != (tc.want == catalog.StatePublished) {
				t.Errorf("%s source: search finds %v", tc.trust, ids)
			}
		}
		// A state given by the caller (a submission) is kept.
		src := mustSource(t, s, feed("https://submissions.example/"))
		d := doc(src.ID, "draft")
		d.State = catalog.StateDraft
		if got := mustUpsert(t, s, d, catalog.Created); got.State != catalog.StateDraft {
			t.Errorf("given state: %q", got.State)
		}
		bad := doc(src.ID, "bad")
		bad.State = "lost"
		_, err := s.UpsertDocument(ctx, &bad)
		wantErr(t, "unknown state", err, catalog.ErrInvalid)
		orphan := doc(404, "x")
		_, err = s.UpsertDocument(ctx, &orphan)
		wantErr(t, "unknown source", err, catalog.ErrNotFound)
	})

	t.Run("DecisionsAndEmbargo", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
		src := mustSource(t, s, feed("https://new.example/feed"))
		if err := s.SetSourceTrust(ctx, src.ID, catalog.TrustUnverified); err != nil {
			t.Fatal(err)
		}
		a := doc(src.ID, "a")
		a.Title = "Language cafe in Lyon"
		a = mustUpsert(t, s, a, catalog.Created)
		b := doc(src.ID, "b")
		b.Title = "Language cafe in Lille"
		b = mustUpsert(t, s, b, catalog.Created)
		if ids := found(t, s, "language cafe"); len(ids) != 0 {
			t.Fatalf("pending items are found: %v", ids)
		}

		n, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a.ID, b.ID, a.ID}, State: catalog.StatePublished, EditorID: editor.ID})
		if err != nil || n != 2 {
			t.Fatalf("publish both: %d, %v", n, err)
		}
		if ids := found(t, s, "language cafe"); len(ids) != 2 {
			t.Errorf("published items found: %v", ids)
		}
		// A re-harvest with new content keeps the editors' state.
		a.Text, a.ContentHash = "A new body", ""
		if got := mustUpsert(t, s, a, catalog.Updated); got.State != catalog.StatePublished {
			t.Errorf("re-harvest changed the state to %q", got.State)
		}

		// Embargoed: published, not yet public.
		later := time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond)
		if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a.ID}, State: catalog.StatePublished, Embargo: later}); err != nil {
			t.Fatal(err)
		}
		if ids := found(t, s, "language cafe"); len(ids) != 1 || ids[0] != b.ID {
			t.Errorf("with a's embargo, search finds %v", ids)
		}
		got, err := s.Document(ctx, a.ID)
		if err != nil || !got.Embargo.Equal(later) || catalog.Visible(got.State, got.Embargo, time.Now()) {
			t.Errorf("embargoed document: %+v, %v", got, err)
		}
		checkUTC(t, "embargo", got.Embargo)
		past := time.Now().Add(-time.Minute)
		if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a.ID}, State: catalog.StatePublished, Embargo: past}); err != nil {
			t.Fatal(err)
		}
		if ids := found(t, s, "language cafe"); len(ids) != 2 {
			t.Errorf("after the embargo, search finds %v", ids)
		}

		// Refused and archived leave search; the reason is kept.
		if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{a.ID}, State: catalog.StateRefused, Reason: " Off topic "}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{b.ID}, State: catalog.StateArchived}); err != nil {
			t.Fatal(err)
		}
		if ids := found(t, s, "language cafe"); len(ids) != 0 {
			t.Errorf("refused and archived found: %v", ids)
		}
		if got, _ := s.Document(ctx, a.ID); got.State != catalog.StateRefused || got.StateReason != "Off topic" || !got.Embargo.IsZero() {
			t.Errorf("refused document: %+v", got)
		}

		for name, c := range map[string]catalog.StateChange{
			"no ids":               {State: catalog.StatePublished},
			"unknown state":        {IDs: []int64{a.ID}, State: "gone"},
			"refusal, no reason":   {IDs: []int64{a.ID}, State: catalog.StateRefused, Reason: "  "},
			"embargo, not publish": {IDs: []int64{a.ID}, State: catalog.StateArchived, Embargo: later},
		} {
			_, err := s.SetDocumentState(ctx, &c)
			wantErr(t, name, err, catalog.ErrInvalid)
		}
		// One unknown ID changes nothing.
		_, err = s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{b.ID, 404}, State: catalog.StatePublished})
		wantErr(t, "unknown id", err, catalog.ErrNotFound)
		if got, _ := s.Document(ctx, b.ID); got.State != catalog.StateArchived {
			t.Errorf("a failed bulk change changed b to %q", got.State)
		}
	})

	t.Run("ReviewQueue", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src := mustSource(t, s, feed("https://q.example/feed"))
		other := mustSource(t, s, feed("https://other.example/feed"))
		for _, id := range []int64{src.ID, other.ID} {
			if err := s.SetSourceTrust(ctx, id, catalog.TrustAllowed); err != nil {
				t.Fatal(err)
			}
		}
		old := time.Now().Add(-72 * time.Hour)
		mk := func(sourceID int64, key, typ, theme, country, lang string, harvested time.Time) catalog.Document {
			d := doc(sourceID, key)
			d.ContentType, d.Themes, d.Countries, d.Language, d.Harvested = typ, []string{theme}, []string{country}, lang, harvested
			return mustUpsert(t, s, d, catalog.Created)
		}
		d1 := mk(src.ID, "1", "news", "employment", "FR", "fr", old)
		d2 := mk(src.ID, "2", "report", "health", "DE", "de", time.Now())
		d3 := mk(other.ID, "3", "news", "health", "FR", "en", old.Add(time.Hour))
		published := mk(src.ID, "4", "news", "health", "FR", "fr", old)
		if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{published.ID}, State: catalog.StatePublished}); err != nil {
			t.Fatal(err)
		}
		ids := func(docs []catalog.Document) []int64 {
			out := []int64{}
			for _, d := range docs {
				out = append(out, d.ID)
			}
			return out
		}
		for name, tc := range map[string]struct {
			q    catalog.ReviewQuery
			want []int64
		}{
			"all pending, oldest first": {catalog.ReviewQuery{}, []int64{d1.ID, d3.ID, d2.ID}},
			"by source":                 {catalog.ReviewQuery{SourceID: other.ID}, []int64{d3.ID}},
			"by type":                   {catalog.ReviewQuery{ContentType: "news"}, []int64{d1.ID, d3.ID}},
			"by theme":                  {catalog.ReviewQuery{Theme: "health"}, []int64{d3.ID, d2.ID}},
			"by country":                {catalog.ReviewQuery{Country: "DE"}, []int64{d2.ID}},
			"by language":               {catalog.ReviewQuery{Language: "fr"}, []int64{d1.ID}},
			"by age":                    {catalog.ReviewQuery{OlderThan: 48 * time.Hour}, []int64{d1.ID, d3.ID}},
			"coordinator's countries":   {catalog.ReviewQuery{InCountries: []string{"DE", "AT"}}, []int64{d2.ID}},
			"published":                 {catalog.ReviewQuery{State: catalog.StatePublished}, []int64{published.ID}},
			"second page":               {catalog.ReviewQuery{Limit: 2, Offset: 2}, []int64{d2.ID}},
		} {
			docs, total, err := s.ReviewQueue(ctx, tc.q)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got := ids(docs); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", name, got, tc.want)
			}
			if tc.q.Limit == 0 && total != len(tc.want) {
				t.Errorf("%s: total %d, want %d", name, total, len(tc.want))
			}
			if name == "second page" && total != 3 {
				t.Errorf("second page: total %d, want 3", total)
			}
		}
	})
}
