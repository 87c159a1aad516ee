package catalogtest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

func testRegistrations(t *testing.T, open func(t *testing.T) Store) {
	proposal := func(owner int64, url string) catalog.SourceRegistration {
		return catalog.SourceRegistration{OwnerID: owner, Kind: catalog.KindFeed, URL: url, Name: "Integration news",
			Publisher: "City of Ghent", Language: "nl", Country: "BE", Themes: []string{"employment", "social-cohesion"},
			ContentType: "news"}
	}

	t.Run("CreateListGet", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O", Role: catalog.RoleSourceOwner})
		other := mustUser(t, s, catalog.User{Email: "other@x.example", Name: "X", Role: catalog.RoleSourceOwner})
		before := time.Now().Add(-time.Second)
		r := proposal(owner.ID, " https://gent.example/feed.xml ")
		if err := s.CreateSourceRegistration(ctx, &r); err != nil {
			t.Fatalf("CreateSourceRegistration: %v", err)
		}
		if r.ID <= 0 || r.State != catalog.RegistrationPending || r.URL != "https://gent.example/feed.xml" || r.CreatedAt.Before(before) {
			t.Errorf("created %+v", r)
		}
		r2 := proposal(other.ID, "https://x.example/feed")
		if err := s.CreateSourceRegistration(ctx, &r2); err != nil {
			t.Fatal(err)
		}
		got, err := s.SourceRegistration(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, *got); diff != "" {
			t.Errorf("SourceRegistration (-want +got):\n%s", diff)
		}
		checkUTC(t, "registration", got.CreatedAt)
		mine, err := s.SourceRegistrations(ctx, owner.ID, "")
		if err != nil || len(mine) != 1 || mine[0].ID != r.ID {
			t.Errorf("owner's registrations = %+v, %v", mine, err)
		}
		all, err := s.SourceRegistrations(ctx, 0, catalog.RegistrationPending)
		if err != nil || len(all) != 2 || all[0].ID != r2.ID {
			t.Errorf("pending registrations, newest first = %+v, %v", all, err)
		}
		if none, _ := s.SourceRegistrations(ctx, 0, catalog.RegistrationApproved); len(none) != 0 {
			t.Errorf("approved registrations = %+v", none)
		}
		// Nothing is harvested from a proposal.
		if srcs, _ := s.Sources(ctx); len(srcs) != 0 {
			t.Errorf("a proposal made %d sources", len(srcs))
		}
		if _, err := s.SourceRegistration(ctx, 404); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("SourceRegistration(404): %v", err)
		}
	})

	t.Run("NotifyAndOwners", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O"})
		other := mustUser(t, s, catalog.User{Email: "other@x.example", Name: "X"})
		editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
		r := proposal(owner.ID, "https://gent.example/feed.xml")
		if err := s.CreateSourceRegistration(ctx, &r); err != nil {
			t.Fatal(err)
		}
		if r.Notify != catalog.NotifyErrors {
			t.Errorf("default notify = %q, want errors", r.Notify)
		}
		pending := proposal(other.ID, "https://x.example/feed")
		pending.Notify = catalog.NotifyNone
		if err := s.CreateSourceRegistration(ctx, &pending); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.SourceRegistration(ctx, pending.ID); got == nil || got.Notify != catalog.NotifyNone {
			t.Errorf("notify kept on create = %+v", got)
		}
		if err := s.SetRegistrationNotify(ctx, r.ID, owner.ID, catalog.NotifyAll); err != nil {
			t.Fatalf("SetRegistrationNotify: %v", err)
		}
		if err := s.SetRegistrationNotify(ctx, r.ID, other.ID, catalog.NotifyNone); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("another user's registration: %v, want ErrNotFound", err)
		}
		if err := s.SetRegistrationNotify(ctx, r.ID, owner.ID, "sometimes"); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("unknown policy: %v, want ErrInvalid", err)
		}
		g, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, true, "")
		if err != nil {
			t.Fatal(err)
		}
		owners, err := s.SourceOwners(ctx, g.SourceID)
		if err != nil || len(owners) != 1 || owners[0].OwnerID != owner.ID || owners[0].Notify != catalog.NotifyAll {
			t.Errorf("SourceOwners = %+v, %v", owners, err)
		}
		lone := mustSource(t, s, catalog.Source{Kind: catalog.KindFeed, URL: "https://lone.example/feed"})
		if owners, err := s.SourceOwners(ctx, lone.ID); err != nil || len(owners) != 0 {
			t.Errorf("owners of a source nobody proposed = %+v, %v", owners, err)
		}
	})

	t.Run("CreateRefuses", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O"})
		mustSource(t, s, catalog.Source{Kind: catalog.KindFeed, URL: "https://known.example/feed"})
		first := proposal(owner.ID, "https://new.example/feed")
		if err := s.CreateSourceRegistration(ctx, &first); err != nil {
			t.Fatal(err)
		}
		for name, tc := range map[string]struct {
			r    catalog.SourceRegistration
			want error
		}{
			"known source":    {proposal(owner.ID, "https://known.example/feed"), catalog.ErrConflict},
			"pending already": {proposal(owner.ID, "https://new.example/feed"), catalog.ErrConflict},
			"unknown owner":   {proposal(404, "https://other.example/feed"), catalog.ErrNotFound},
			"not a web URL":   {proposal(owner.ID, "ftp://x.example/feed"), catalog.ErrInvalid},
			"unknown theme": {func() catalog.SourceRegistration {
				r := proposal(owner.ID, "https://t.example/")
				r.Themes = []string{"x"}
				return r
			}(), catalog.ErrInvalid},
			"unknown type": {func() catalog.SourceRegistration {
				r := proposal(owner.ID, "https://t.example/")
				r.ContentType = "x"
				return r
			}(), catalog.ErrInvalid},
			"unknown language": {func() catalog.SourceRegistration {
				r := proposal(owner.ID, "https://t.example/")
				r.Language = "xx"
				return r
			}(), catalog.ErrInvalid},
			"unknown kind": {func() catalog.SourceRegistration {
				r := proposal(owner.ID, "https://t.example/")
				r.Kind = "ftp"
				return r
			}(), catalog.ErrInvalid},
		} {
			if err := s.CreateSourceRegistration(ctx, &tc.r); !errors.Is(err, tc.want) {
				t.Errorf("%s: %v, want %v", name, err, tc.want)
			}
		}
	})

	t.Run("ApproveMakesTheSource", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O"})
		editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
		r := proposal(owner.ID, "https://gent.example/feed.xml")
		if err := s.CreateSourceRegistration(ctx, &r); err != nil {
			t.Fatal(err)
		}
		got, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, true, "ignored")
		if err != nil {
			t.Fatalf("approve: %v", err)
		}
		if got.State != catalog.RegistrationApproved || got.SourceID == 0 || got.DecidedBy != editor.ID || got.DecidedAt.IsZero() || got.Reason != "" {
			t.Errorf("approved = %+v", got)
		}
		src := mustGetSource(t, s, got.SourceID)
		if src.URL != r.URL || src.Name != r.Name || src.Publisher != r.Publisher || src.Language != "nl" ||
			src.Country != "BE" || src.Status != catalog.StatusNew || src.Interval != catalog.DefaultInterval {
			t.Errorf("source made = %+v", src)
		}
		// A proposed source is not trusted: its items wait for review.
		if trust, err := s.SourceTrust(ctx, src.ID); err != nil || trust != catalog.TrustUnverified {
			t.Errorf("trust of an approved proposal = %q, %v; want unverified", trust, err)
		}
		due, err := s.DueSources(ctx, time.Now().Add(time.Second), 0)
		if err != nil || len(due) != 1 || due[0].ID != src.ID {
			t.Errorf("the approved source is not due for a harvest: %+v, %v", due, err)
		}
		if _, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, false, "changed my mind"); !errors.Is(err, catalog.ErrConflict) {
			t.Errorf("deciding twice: %v, want ErrConflict", err)
		}
		// Once approved, the URL can be proposed again only as a source
		// that exists: refused.
		again := proposal(owner.ID, r.URL)
		if err := s.CreateSourceRegistration(ctx, &again); !errors.Is(err, catalog.ErrConflict) {
			t.Errorf("proposing an approved URL again: %v", err)
		}
	})

	t.Run("Refuse", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O"})
		editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
		r := proposal(owner.ID, "https://gent.example/feed.xml")
		if err := s.CreateSourceRegistration(ctx, &r); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, false, "  "); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("refusal without reason: %v, want ErrInvalid", err)
		}
		got, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, false, " Off topic: no integration content ")
		if err != nil {
			t.Fatalf("refuse: %v", err)
		}
		if got.State != catalog.RegistrationRefused || got.Reason != "Off topic: no integration content" || got.SourceID != 0 {
			t.Errorf("refused = %+v", got)
		}
		if srcs, _ := s.Sources(ctx); len(srcs) != 0 {
			t.Errorf("a refusal made %d sources", len(srcs))
		}
		// A refused URL may be proposed again.
		again := proposal(owner.ID, r.URL)
		if err := s.CreateSourceRegistration(ctx, &again); err != nil {
			t.Errorf("proposing a refused URL again: %v", err)
		}
		if _, err := s.DecideSourceRegistration(ctx, 404, editor.ID, true, ""); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("deciding an unknown registration: %v", err)
		}
	})

	t.Run("ConcurrentDecisions", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		owner := mustUser(t, s, catalog.User{Email: "owner@gent.example", Name: "O"})
		editor := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
		r := proposal(owner.ID, "https://gent.example/feed.xml")
		if err := s.CreateSourceRegistration(ctx, &r); err != nil {
			t.Fatal(err)
		}
		var (
			wg sync.WaitGroup
			mu sync.Mutex
			ok int
		)
		for i := range 6 {
			wg.Go(func() {
				_, err := s.DecideSourceRegistration(ctx, r.ID, editor.ID, i%2 == 0, "reason")
				mu.Lock()
				defer mu.Unlock()
				if err == nil {
					ok++
				} else if !errors.Is(err, catalog.ErrConflict) {
					t.Errorf("concurrent decision: %v", err)
				}
			})
		}
		wg.Wait()
		if ok != 1 {
			t.Errorf("%d concurrent decisions succeeded, want 1", ok)
		}
		if srcs, _ := s.Sources(ctx); len(srcs) > 1 {
			t.Errorf("%d sources made", len(srcs))
		}
	})
}
