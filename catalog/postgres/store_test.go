package postgres_test

import (
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog/catalogtest"
	"github.com/ewsi/hub/catalog/postgres"
	"github.com/ewsi/hub/internal/testenv"
	"github.com/jackc/pgx/v5"
)

// mustOpen opens a store in a fresh schema of the test server, dropped
// with everything in it when the test ends.
func mustOpen(t testing.TB) *postgres.Store {
	t.Helper()
	url, schema := newSchema(t)
	s, err := postgres.Open(t.Context(), url, postgres.WithSchema(schema))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// newSchema returns the test server's URL and the name of a schema that
// does not exist yet, dropped (if created) when the test ends, after the
// stores opened on it are closed.
func newSchema(t testing.TB) (url, schema string) {
	t.Helper()
	url = testenv.PostgresURL(t)
	schema = "t_" + strings.ToLower(rand.Text())
	t.Cleanup(func() { dropSchema(t, url, schema) })
	return url, schema
}

func dropSchema(t testing.TB, url, schema string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
}

func TestConformance(t *testing.T) {
	catalogtest.Run(t, func(t *testing.T) catalogtest.Store { return mustOpen(t) })
}
