package catalogtest

import (
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testSavedSearches(t *testing.T, open func(t *testing.T) Store) {
	t.Run("CreateListUpdateDelete", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		ana := mustUser(t, s, catalog.User{Email: "ana@x.example", Name: "Ana", Role: catalog.RolePractitioner})
		before := time.Now().Add(-time.Second)
		first := catalog.SavedSearch{UserID: ana.ID, Name: " Logement à Lyon ", Query: "q=logement&lang=fr"}
		if err := s.CreateSavedSearch(ctx, &first); err != nil {
			t.Fatalf("CreateSavedSearch: %v", err)
		}
		if first.ID <= 0 || first.Name != "Logement à Lyon" || first.Frequency != catalog.AlertNone ||
			first.CreatedAt.Before(before) || !first.AlertedAt.IsZero() {
			t.Errorf("created %+v", first)
		}
		second := catalog.SavedSearch{UserID: ana.ID, Name: "Jobs", Query: "q=berufliche+Integration", Frequency: catalog.AlertWeekly}
		if err := s.CreateSavedSearch(ctx, &second); err != nil {
			t.Fatal(err)
		}
		got, err := s.SavedSearch(ctx, ana.ID, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, *got); diff != "" {
			t.Errorf("SavedSearch (-want +got):\n%s", diff)
		}
		list, err := s.SavedSearches(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]catalog.SavedSearch{second, first}, list); diff != "" {
			t.Errorf("SavedSearches, newest first (-want +got):\n%s", diff)
		}

		edit := first
		edit.Name, edit.Frequency, edit.Query = "Lyon", catalog.AlertDaily, "q=changed"
		if err := s.UpdateSavedSearch(ctx, &edit); err != nil {
			t.Fatalf("UpdateSavedSearch: %v", err)
		}
		want := first
		want.Name, want.Frequency = "Lyon", catalog.AlertDaily // the query stays
		if diff := cmp.Diff(want, edit); diff != "" {
			t.Errorf("UpdateSavedSearch reloaded (-want +got):\n%s", diff)
		}
		bad := edit
		bad.Frequency = "hourly"
		wantErr(t, "UpdateSavedSearch(hourly)", s.UpdateSavedSearch(ctx, &bad), catalog.ErrInvalid)

		if err := s.DeleteSavedSearch(ctx, ana.ID, first.ID); err != nil {
			t.Fatalf("DeleteSavedSearch: %v", err)
		}
		_, err = s.SavedSearch(ctx, ana.ID, first.ID)
		wantErr(t, "SavedSearch after delete", err, catalog.ErrNotFound)
		wantErr(t, "DeleteSavedSearch again", s.DeleteSavedSearch(ctx, ana.ID, first.ID), catalog.ErrNotFound)
	})

	t.Run("OwnersOnly", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		ana := mustUser(t, s, catalog.User{Email: "ana@x.example", Name: "Ana", Role: catalog.RolePractitioner})
		bob := mustUser(t, s, catalog.User{Email: "bob@x.example", Name: "Bob", Role: catalog.RoleAdministrator})
		mine := catalog.SavedSearch{UserID: ana.ID, Name: "Mine", Query: "q=a"}
		if err := s.CreateSavedSearch(ctx, &mine); err != nil {
			t.Fatal(err)
		}
		_, err := s.SavedSearch(ctx, bob.ID, mine.ID)
		wantErr(t, "SavedSearch of another user", err, catalog.ErrNotFound)
		if list, err := s.SavedSearches(ctx, bob.ID); err != nil || len(list) != 0 {
			t.Errorf("another user's list = %v, %v; want empty", list, err)
		}
		steal := mine
		steal.UserID, steal.Name = bob.ID, "Stolen"
		wantErr(t, "UpdateSavedSearch by another user", s.UpdateSavedSearch(ctx, &steal), catalog.ErrNotFound)
		wantErr(t, "DeleteSavedSearch by another user", s.DeleteSavedSearch(ctx, bob.ID, mine.ID), catalog.ErrNotFound)
		if got, err := s.SavedSearch(ctx, ana.ID, mine.ID); err != nil || got.Name != "Mine" {
			t.Errorf("after another user's attempts: %+v, %v", got, err)
		}
		wantErr(t, "CreateSavedSearch for no user",
			s.CreateSavedSearch(ctx, &catalog.SavedSearch{UserID: 999999, Name: "x"}), catalog.ErrNotFound)
		wantErr(t, "CreateSavedSearch without a name",
			s.CreateSavedSearch(ctx, &catalog.SavedSearch{UserID: ana.ID, Query: "q=a"}), catalog.ErrInvalid)
		wantErr(t, "CreateSavedSearch with a NUL",
			s.CreateSavedSearch(ctx, &catalog.SavedSearch{UserID: ana.ID, Name: "a\x00b"}), catalog.ErrInvalid)
	})

	t.Run("Limit", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		ana := mustUser(t, s, catalog.User{Email: "ana@x.example", Name: "Ana", Role: catalog.RolePractitioner})
		for i := 0; i < catalog.MaxSavedSearches; i++ {
			if err := s.CreateSavedSearch(ctx, &catalog.SavedSearch{UserID: ana.ID, Name: "s", Query: "q=a"}); err != nil {
				t.Fatalf("search %d: %v", i, err)
			}
		}
		wantErr(t, "one search over the limit",
			s.CreateSavedSearch(ctx, &catalog.SavedSearch{UserID: ana.ID, Name: "s"}), catalog.ErrInvalid)
	})

	t.Run("Due", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		ana := mustUser(t, s, catalog.User{Email: "ana@x.example", Name: "Ana", Role: catalog.RolePractitioner})
		save := func(name string, f catalog.AlertFrequency) catalog.SavedSearch {
			ss := catalog.SavedSearch{UserID: ana.ID, Name: name, Frequency: f}
			if err := s.CreateSavedSearch(ctx, &ss); err != nil {
				t.Fatal(err)
			}
			return ss
		}
		save("none", catalog.AlertNone)
		daily, weekly := save("daily", catalog.AlertDaily), save("weekly", catalog.AlertWeekly)
		due := func(at time.Time) []string {
			list, err := s.DueSavedSearches(ctx, at, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, ss := range list {
				out = append(out, ss.Name)
			}
			return out
		}
		now := time.Now()
		for _, tc := range []struct {
			at   time.Time
			want []string
		}{
			{now, nil},
			{now.Add(25 * time.Hour), []string{"daily"}},
			{now.Add(8 * 24 * time.Hour), []string{"daily", "weekly"}},
		} {
			if diff := cmp.Diff(tc.want, due(tc.at), equateEmpty); diff != "" {
				t.Errorf("due at now+%v (-want +got):\n%s", tc.at.Sub(now).Round(time.Hour), diff)
			}
		}
		at := now.Add(25 * time.Hour).UTC().Truncate(time.Microsecond)
		if ok, err := s.MarkSavedSearchAlerted(ctx, daily.ID, daily.Since(), at); err != nil || !ok {
			t.Fatalf("MarkSavedSearchAlerted = %v, %v; want true", ok, err)
		}
		// A second process sending the same alert loses.
		if ok, err := s.MarkSavedSearchAlerted(ctx, daily.ID, daily.Since(), at.Add(time.Minute)); err != nil || ok {
			t.Fatalf("MarkSavedSearchAlerted again = %v, %v; want false", ok, err)
		}
		got, err := s.SavedSearch(ctx, ana.ID, daily.ID)
		if err != nil || !got.AlertedAt.Equal(at) {
			t.Fatalf("AlertedAt = %v, %v; want %v", got.AlertedAt, err, at)
		}
		if diff := cmp.Diff([]string(nil), due(now.Add(48*time.Hour)), equateEmpty); diff != "" {
			t.Errorf("due within a day of the daily alert (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"daily"}, due(now.Add(50*time.Hour)), equateEmpty); diff != "" {
			t.Errorf("due a day after the daily alert (-want +got):\n%s", diff)
		}
		if list, err := s.DueSavedSearches(ctx, now.Add(9*24*time.Hour), 1); err != nil || len(list) != 1 || list[0].ID != weekly.ID {
			t.Errorf("DueSavedSearches limit 1 = %+v, %v; want the weekly search, due longest", list, err)
		}
		_, err = s.MarkSavedSearchAlerted(ctx, 999999, at, at)
		wantErr(t, "MarkSavedSearchAlerted(unknown)", err, catalog.ErrNotFound)
	})
}
