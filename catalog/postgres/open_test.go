package postgres_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/ewsi/hub/internal/testenv"
)

func TestOpenErrors(t *testing.T) {
	const password = "s3cr3t-pa55"
	for _, tc := range []struct {
		name, url string
		want      string // prefix of the message
	}{
		{"nothing listening", "postgres://root:" + password + "@127.0.0.1:1/test?connect_timeout=5",
			"cannot connect to PostgreSQL at 127.0.0.1:1: "},
		{"malformed URL", "postgres://root:" + password + "@[::1/test",
			"open catalog: the PostgreSQL URL is not valid"},
		{"bad port", "postgres://root:" + password + "@localhost:99999/test",
			"open catalog: the PostgreSQL URL is not valid"},
		{"key=value form", "host=127.0.0.1 port=1 user=root password=" + password + " connect_timeout=5",
			"cannot connect to PostgreSQL at 127.0.0.1:1: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := postgres.Open(t.Context(), tc.url)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.want) {
				t.Errorf("error %q does not start with %q", msg, tc.want)
			}
			if strings.Contains(msg, password) {
				t.Errorf("error %q shows the password", msg)
			}
			t.Logf("%s", msg)
		})
	}
	t.Run("connect error type", func(t *testing.T) {
		_, err := postgres.Open(t.Context(), "postgres://root@127.0.0.1:1/test?connect_timeout=5")
		var ce *postgres.ConnectError
		if !errors.As(err, &ce) || ce.Addr != "127.0.0.1:1" || ce.Reason == "" {
			t.Errorf("Open error = %#v, want a *ConnectError for 127.0.0.1:1 with a reason", err)
		}
	})
	t.Run("bad schema name", func(t *testing.T) {
		for _, name := range []string{"Upper", "a-b", "1abc", `x"; DROP SCHEMA public; --`, strings.Repeat("a", 64)} {
			if s, err := postgres.Open(t.Context(), "postgres://root@127.0.0.1:1/test", postgres.WithSchema(name)); err == nil {
				s.Close()
				t.Errorf("WithSchema(%q) accepted", name)
			}
		}
	})
}

func TestOpenUnknownDatabase(t *testing.T) {
	url := testenv.PostgresURL(t)
	url = strings.Replace(url, "/test", "/no_such_database_ewsi", 1)
	if !strings.Contains(url, "no_such_database_ewsi") {
		t.Skipf("cannot derive a URL of an unknown database from %s", url)
	}
	_, err := postgres.Open(t.Context(), url)
	if err == nil || !strings.HasPrefix(err.Error(), "cannot connect to PostgreSQL at ") ||
		!strings.Contains(err.Error(), `database "no_such_database_ewsi" does not exist`) {
		t.Errorf("Open(unknown database) = %v", err)
	}
}

// TestOpenConcurrently opens several stores on one new schema at once, as
// processes starting together do: the schema and its tables must be
// created once, without error.
func TestOpenConcurrently(t *testing.T) {
	url, schema := newSchema(t)
	const n = 4
	stores := make([]*postgres.Store, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s, err := postgres.Open(t.Context(), url, postgres.WithSchema(schema))
			if err != nil {
				t.Errorf("Open %d: %v", i, err)
				return
			}
			stores[i] = s
		})
	}
	wg.Wait()
	for _, s := range stores {
		if s != nil {
			defer s.Close()
		}
	}
	if t.Failed() {
		return
	}
	src := &catalog.Source{Kind: catalog.KindFeed, URL: "https://shared.example/feed"}
	if err := stores[0].CreateSource(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	for i, s := range stores {
		if _, err := s.Source(t.Context(), src.ID); err != nil {
			t.Errorf("Source from store %d: %v", i, err)
		}
	}
}
