package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/sqlite"
)

func TestUsersRole(t *testing.T) {
	data := t.TempDir()
	runOK(t, "migrate", "--data", data)
	store, err := sqlite.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	u := &catalog.User{Email: "Ada@Hub.example", Name: "Ada"}
	if err := store.CreateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	store.Close()

	if out := runOK(t, "users", "role", "--data", data, "ada@hub.example", "country_coordinator", "fr", "be"); !strings.Contains(out, "now country_coordinator") {
		t.Errorf("output %q", out)
	}
	store, err = sqlite.Open(t.Context(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	got, err := store.User(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Role != catalog.RoleCountryCoordinator || !slices.Equal(got.Countries, []string{"FR", "BE"}) {
		t.Errorf("user = %+v", got)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"users", "role", "--data", data, "ada@hub.example", "king"}, `"king" is not a role`},
		{[]string{"users", "role", "--data", data, "nobody@hub.example", "editor"}, "no account uses nobody@hub.example"},
		{[]string{"users", "role", "--data", data, "ada@hub.example", "country_coordinator"}, "needs at least one country"},
		{[]string{"users", "role", "--data", data, "ada@hub.example", "editor", "XX"}, "countries"},
		{[]string{"users"}, "needs role"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tt.args, &out, &errOut, noEnv)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ewsi %v: %v, want %q", tt.args, err, tt.want)
		}
	}
}
