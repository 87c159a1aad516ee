// Package testenv finds the real servers that integration tests use:
// PostgreSQL and Redis. A test that needs one skips when none is reachable,
// except under CI (CI=true or EWSI_REQUIRE_SERVICES=1), where it fails, so a
// green CI run always means the tests ran against the real servers.
package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// Required reports whether missing services must fail tests rather than
// skip them.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("EWSI_REQUIRE_SERVICES") == "1"
}

// PostgresURL returns the connection URL of the test PostgreSQL server
// (EWSI_TEST_POSTGRES, default postgres://root@127.0.0.1:5432/test) after
// checking that it accepts connections.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("EWSI_TEST_POSTGRES")
	if u == "" {
		u = "postgres://root@127.0.0.1:5432/test?sslmode=disable"
	}
	need(t, "PostgreSQL", hostPort(u, "5432"))
	return u
}

// RedisAddr returns host:port of the test Redis server (EWSI_TEST_REDIS,
// default 127.0.0.1:6379) after checking that it accepts connections.
func RedisAddr(t testing.TB) string {
	t.Helper()
	a := os.Getenv("EWSI_TEST_REDIS")
	if a == "" {
		a = "127.0.0.1:6379"
	}
	need(t, "Redis", a)
	return a
}

func need(t testing.TB, what, addr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err == nil {
		c.Close()
		return
	}
	msg := fmt.Sprintf("%s is not reachable at %s: %v", what, addr, err)
	if Required() {
		t.Fatal(msg + " (required under CI)")
	}
	t.Skip(msg)
}

// hostPort pulls host:port out of a postgres:// URL.
func hostPort(u, defPort string) string {
	s := u
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	if _, _, err := net.SplitHostPort(s); err != nil {
		s = net.JoinHostPort(s, defPort)
	}
	return s
}
