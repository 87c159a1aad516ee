package catalogtest

import (
	"errors"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// mustUser creates u and returns it as stored.
func mustUser(t testing.TB, s Store, u catalog.User) catalog.User {
	t.Helper()
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
	return u
}

func testUsers(t *testing.T, open func(t *testing.T) Store) {
	t.Run("CreateDefaultsAndReads", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		before := time.Now().Add(-time.Second)
		u := mustUser(t, s, catalog.User{
			Email: "  Ana.Lopez@Ciudad.example  ", Name: " Ana López ",
			Organisation: "Ayuntamiento", OrganisationType: "regional-local-authority", Country: "ES",
		})
		if u.ID <= 0 {
			t.Errorf("ID = %d, want > 0", u.ID)
		}
		if u.Email != "Ana.Lopez@Ciudad.example" || u.Name != "Ana López" {
			t.Errorf("Email, Name = %q, %q; want them trimmed", u.Email, u.Name)
		}
		if u.Role != catalog.RolePractitioner || u.EmailLanguage != "en" || u.Listed || u.Verified() {
			t.Errorf("defaults: role %q, email language %q, listed %v, verified %v", u.Role, u.EmailLanguage, u.Listed, u.Verified())
		}
		if u.CreatedAt.Before(before) || u.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("CreatedAt = %v", u.CreatedAt)
		}
		checkUTC(t, "created user", u.CreatedAt)
		got, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatalf("User: %v", err)
		}
		if diff := cmp.Diff(u, *got, equateEmpty); diff != "" {
			t.Errorf("User (-want +got):\n%s", diff)
		}
		for _, addr := range []string{"ana.lopez@ciudad.example", " ANA.LOPEZ@CIUDAD.EXAMPLE "} {
			got, err := s.UserByEmail(ctx, addr)
			if err != nil {
				t.Fatalf("UserByEmail(%q): %v", addr, err)
			}
			if got.ID != u.ID {
				t.Errorf("UserByEmail(%q) = user %d, want %d", addr, got.ID, u.ID)
			}
		}
	})

	t.Run("CreateKeepsEveryField", func(t *testing.T) {
		s := open(t)
		u := catalog.User{
			Email: "coord@ministere.example", Name: "Claire", Organisation: "Ministère",
			OrganisationType: "national-government", Country: "FR",
			Role: catalog.RoleCountryCoordinator, Countries: []string{"FR", "BE"},
			EmailVerifiedAt: t0.In(cet), Listed: true, EmailLanguage: "fr",
		}
		created := mustUser(t, s, u)
		got, err := s.User(t.Context(), created.ID)
		if err != nil {
			t.Fatal(err)
		}
		u.ID, u.CreatedAt, u.EmailVerifiedAt = created.ID, created.CreatedAt, t0
		if diff := cmp.Diff(u, *got); diff != "" {
			t.Errorf("User (-want +got):\n%s", diff)
		}
		checkUTC(t, "User", got.EmailVerifiedAt, got.CreatedAt)
	})

	t.Run("EmailUniqueWhateverTheCase", func(t *testing.T) {
		s := open(t)
		mustUser(t, s, catalog.User{Email: "info@ngo.example", Name: "A"})
		err := s.CreateUser(t.Context(), &catalog.User{Email: "INFO@Ngo.Example", Name: "B"})
		if !errors.Is(err, catalog.ErrConflict) {
			t.Errorf("second account with the same address: err = %v, want ErrConflict", err)
		}
	})

	t.Run("CreateRefusesInvalid", func(t *testing.T) {
		s := open(t)
		for name, u := range map[string]catalog.User{
			"empty email":                  {Name: "A"},
			"not an address":               {Email: "no-at-sign", Name: "A"},
			"display name":                 {Email: "A <a@b.example>", Name: "A"},
			"no name":                      {Email: "a@b.example"},
			"unknown role":                 {Email: "a@b.example", Name: "A", Role: "king"},
			"unknown org type":             {Email: "a@b.example", Name: "A", OrganisationType: "guild"},
			"unknown country":              {Email: "a@b.example", Name: "A", Country: "XX"},
			"countries, not a coordinator": {Email: "a@b.example", Name: "A", Countries: []string{"FR"}},
			"bad email language":           {Email: "a@b.example", Name: "A", EmailLanguage: "it"},
			"invalid UTF-8":                {Email: "a@b.example", Name: "A\xff"},
			"NUL byte":                     {Email: "a@b.example", Name: "A", Organisation: "x\x00y"},
		} {
			if err := s.CreateUser(t.Context(), &u); !errors.Is(err, catalog.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", name, err)
			}
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		if _, err := s.User(ctx, 404); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("User(404): %v, want ErrNotFound", err)
		}
		if _, err := s.UserByEmail(ctx, "nobody@x.example"); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("UserByEmail(unknown): %v, want ErrNotFound", err)
		}
		if _, err := s.UserByEmail(ctx, "bad\xff\x00@x.example"); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("UserByEmail(invalid UTF-8): %v, want ErrNotFound", err)
		}
		err := s.UpdateUser(ctx, &catalog.User{ID: 404, Email: "a@b.example", Name: "A"})
		if !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("UpdateUser(404): %v, want ErrNotFound", err)
		}
		if err := s.SetPassword(ctx, 404, "h"); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("SetPassword(404): %v, want ErrNotFound", err)
		}
		if _, err := s.PasswordHash(ctx, 404); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("PasswordHash(404): %v, want ErrNotFound", err)
		}
	})

	t.Run("Update", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "Ed"})
		verified := t0.Add(time.Hour)
		edit := u
		edit.Email = "other@hub.example" // not saved: the address does not change here
		edit.Name, edit.Organisation, edit.OrganisationType, edit.Country = "Edith", "Hub", "eu-institution", "BE"
		edit.Role, edit.Countries = catalog.RoleCountryCoordinator, []string{"BE", "LU"}
		edit.Listed, edit.EmailLanguage, edit.EmailVerifiedAt = true, "de", verified
		if err := s.UpdateUser(ctx, &edit); err != nil {
			t.Fatalf("UpdateUser: %v", err)
		}
		want := u
		want.Name, want.Organisation, want.OrganisationType, want.Country = "Edith", "Hub", "eu-institution", "BE"
		want.Role, want.Countries = catalog.RoleCountryCoordinator, []string{"BE", "LU"}
		want.Listed, want.EmailLanguage, want.EmailVerifiedAt = true, "de", verified
		if diff := cmp.Diff(want, edit); diff != "" {
			t.Errorf("UpdateUser reloaded (-want +got):\n%s", diff)
		}
		// A zero EmailVerifiedAt keeps the stored one.
		edit.EmailVerifiedAt, edit.Role, edit.Countries = time.Time{}, catalog.RoleEditor, nil
		if err := s.UpdateUser(ctx, &edit); err != nil {
			t.Fatalf("UpdateUser: %v", err)
		}
		got, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.EmailVerifiedAt.Equal(verified) || got.Role != catalog.RoleEditor || len(got.Countries) != 0 {
			t.Errorf("after second update: verified %v, role %q, countries %v", got.EmailVerifiedAt, got.Role, got.Countries)
		}
		bad := *got
		bad.Role = "emperor"
		if err := s.UpdateUser(ctx, &bad); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("UpdateUser with an unknown role: %v, want ErrInvalid", err)
		}
	})

	t.Run("Password", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		u := mustUser(t, s, catalog.User{Email: "pw@hub.example", Name: "P"})
		if h, err := s.PasswordHash(ctx, u.ID); err != nil || h != "" {
			t.Errorf("PasswordHash of a new user = %q, %v; want \"\", nil", h, err)
		}
		const hash = "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaA"
		if err := s.SetPassword(ctx, u.ID, hash); err != nil {
			t.Fatalf("SetPassword: %v", err)
		}
		if h, err := s.PasswordHash(ctx, u.ID); err != nil || h != hash {
			t.Errorf("PasswordHash = %q, %v; want %q", h, err, hash)
		}
		// The user record never carries the hash.
		got, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(u, *got, equateEmpty); diff != "" {
			t.Errorf("User after SetPassword (-want +got):\n%s", diff)
		}
	})
}
