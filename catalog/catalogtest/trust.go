package catalogtest

import (
	"errors"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func testTrust(t *testing.T, open func(t *testing.T) Store) {
	t.Run("Source", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src := mustSource(t, s, feed("https://trust.example/feed"))
		if got, err := s.SourceTrust(ctx, src.ID); err != nil || got != catalog.TrustTrusted {
			t.Errorf("an operator's new source's trust = %q, %v; want trusted", got, err)
		}
		for _, level := range catalog.Trusts {
			if err := s.SetSourceTrust(ctx, src.ID, level); err != nil {
				t.Fatalf("SetSourceTrust(%s): %v", level, err)
			}
			if got, err := s.SourceTrust(ctx, src.ID); err != nil || got != level {
				t.Errorf("SourceTrust = %q, %v; want %q", got, err, level)
			}
		}
		// The rest of the source is untouched by its trust.
		if got := mustGetSource(t, s, src.ID); got.URL != src.URL || got.Status != src.Status {
			t.Errorf("source after trust changes = %+v", got)
		}
		wantErr(t, "unknown level", s.SetSourceTrust(ctx, src.ID, "sometimes"), catalog.ErrInvalid)
		wantErr(t, "unknown source", s.SetSourceTrust(ctx, 404, catalog.TrustTrusted), catalog.ErrNotFound)
		_, err := s.SourceTrust(ctx, 404)
		wantErr(t, "trust of unknown source", err, catalog.ErrNotFound)
	})

	t.Run("Domains", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		admin := mustUser(t, s, catalog.User{Email: "admin@hub.example", Name: "A", Role: catalog.RoleAdministrator})
		before := time.Now().Add(-time.Second)
		blocked := catalog.DomainTrust{Domain: " @Spam.Example ", Trust: catalog.TrustBlocked, Note: "bulk mail", SetBy: admin.ID}
		if err := s.SetDomainTrust(ctx, &blocked); err != nil {
			t.Fatalf("SetDomainTrust: %v", err)
		}
		if blocked.Domain != "spam.example" || blocked.UpdatedAt.Before(before) {
			t.Errorf("stored rule = %+v", blocked)
		}
		trusted := catalog.DomainTrust{Domain: "city.example", Trust: catalog.TrustTrusted}
		allowed := catalog.DomainTrust{Domain: "lab.city.example", Trust: catalog.TrustAllowed, SetBy: admin.ID}
		for _, d := range []*catalog.DomainTrust{&trusted, &allowed} {
			if err := s.SetDomainTrust(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.DomainTrusts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []catalog.DomainTrust{trusted, allowed, blocked}
		if diff := cmp.Diff(want, list, cmpopts.EquateApproxTime(time.Millisecond)); diff != "" {
			t.Errorf("DomainTrusts (-want +got):\n%s", diff)
		}
		for _, d := range list {
			checkUTC(t, "domain rule", d.UpdatedAt)
		}

		for email, want := range map[string]catalog.Trust{
			"someone@spam.example":        catalog.TrustBlocked,
			"Someone@MAIL.Spam.Example":   catalog.TrustBlocked, // sub-domain, any case
			"clerk@city.example":          catalog.TrustTrusted,
			"researcher@lab.city.example": catalog.TrustAllowed, // the nearer rule wins
			"x@deep.lab.city.example":     catalog.TrustAllowed,
			"person@elsewhere.example":    catalog.TrustUnverified,
			"notspam.example@other.org":   catalog.TrustUnverified,
			"someone@notspam.example":     catalog.TrustUnverified, // a suffix of the name is not a parent domain
			"nobody":                      catalog.TrustUnverified,
		} {
			if got, err := s.TrustOfEmail(ctx, email); err != nil || got != want {
				t.Errorf("TrustOfEmail(%q) = %q, %v; want %q", email, got, err, want)
			}
		}

		// Setting a domain again replaces its rule.
		again := catalog.DomainTrust{Domain: "SPAM.example", Trust: catalog.TrustAllowed, Note: "cleaned up"}
		if err := s.SetDomainTrust(ctx, &again); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.TrustOfEmail(ctx, "a@spam.example"); got != catalog.TrustAllowed {
			t.Errorf("after replacing, trust = %q", got)
		}
		if list, _ := s.DomainTrusts(ctx); len(list) != 3 || list[2].Note != "cleaned up" || list[2].SetBy != 0 {
			t.Errorf("after replacing, rules = %+v", list)
		}

		if err := s.DeleteDomainTrust(ctx, "lab.city.example"); err != nil {
			t.Fatalf("DeleteDomainTrust: %v", err)
		}
		if got, _ := s.TrustOfEmail(ctx, "researcher@lab.city.example"); got != catalog.TrustTrusted {
			t.Errorf("after deleting the sub-domain's rule, trust = %q; want the parent's", got)
		}
		wantErr(t, "delete unknown", s.DeleteDomainTrust(ctx, "lab.city.example"), catalog.ErrNotFound)
		wantErr(t, "invalid domain", s.SetDomainTrust(ctx, &catalog.DomainTrust{Domain: "localhost", Trust: catalog.TrustBlocked}), catalog.ErrInvalid)
		wantErr(t, "invalid level", s.SetDomainTrust(ctx, &catalog.DomainTrust{Domain: "a.example", Trust: "x"}), catalog.ErrInvalid)
		err = s.SetDomainTrust(ctx, &catalog.DomainTrust{Domain: "b.example", Trust: catalog.TrustAllowed, SetBy: 404})
		if !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("unknown administrator: %v", err)
		}
	})
}
