package portal

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the portal's dependencies to what DESIGN.md allows:
// the standard library, catalog, golang.org/x/net and golang.org/x/text,
// golang.org/x/crypto/argon2 for passwords, the hub's mailer for messages,
// plus goquery, gofeed, go-cmp, go-ical and kin-openapi in tests. Never the
// harvester, asynq or a SQL driver.
func TestImports(t *testing.T) {
	allowed := []string{"github.com/ewsi/hub/catalog", "github.com/ewsi/hub/portal", "golang.org/x/net/", "golang.org/x/text/",
		"golang.org/x/crypto/argon2", "github.com/ewsi/hub/mailer"}
	allowedInTests := []string{"github.com/PuerkitoBio/goquery", "github.com/mmcdole/gofeed", "github.com/google/go-cmp", "github.com/emersion/go-ical", "github.com/getkin/kin-openapi"}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			first, _, _ := strings.Cut(p, "/")
			if !strings.Contains(first, ".") {
				continue // standard library
			}
			ok := hasAnyPrefix(p, allowed) || strings.HasSuffix(path, "_test.go") && hasAnyPrefix(p, allowedInTests)
			if !ok {
				t.Errorf("%s imports %s", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, strings.TrimSuffix(p, "/")+"/") {
			return true
		}
	}
	return false
}
