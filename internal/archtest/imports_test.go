// Package archtest keeps the design's import rules true: arrows point to
// catalog, the portal never imports the harvester, only the harvester and
// cmd use Asynq, and only the store packages use SQL drivers.
package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ewsi/hub"

// imports maps each package directory (relative to the module root) to the
// imports of its non-test files.
func imports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if out[rel] == nil {
			out[rel] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[rel][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func under(pkg, dir string) bool { return pkg == dir || strings.HasPrefix(pkg, dir+"/") }

func TestImportRules(t *testing.T) {
	sqlDrivers := []string{"modernc.org/sqlite", "github.com/jackc/pgx", "database/sql", "github.com/mattn/go-sqlite3", "github.com/lib/pq"}
	rules := []struct {
		name    string
		applies func(pkg string) bool
		banned  func(imp string) bool
	}{
		{"catalog imports only the standard library",
			func(p string) bool { return p == "catalog" },
			func(imp string) bool { return strings.Contains(strings.Split(imp, "/")[0], ".") }},
		{"portal never imports the harvester",
			func(p string) bool { return under(p, "portal") },
			func(imp string) bool { return under(imp, module+"/harvester") }},
		{"only harvester and cmd import asynq",
			func(p string) bool { return !under(p, "harvester") && !under(p, "cmd") },
			func(imp string) bool { return under(imp, "github.com/hibiken/asynq") }},
		{"only the stores import SQL drivers",
			func(p string) bool { return !under(p, "catalog/sqlite") && !under(p, "catalog/postgres") },
			func(imp string) bool {
				for _, d := range sqlDrivers {
					if under(imp, d) {
						return true
					}
				}
				return false
			}},
		{"nothing but cmd imports the stores",
			func(p string) bool {
				return !under(p, "cmd") && !under(p, "catalog/sqlite") && !under(p, "catalog/postgres")
			},
			func(imp string) bool {
				return under(imp, module+"/catalog/sqlite") || under(imp, module+"/catalog/postgres")
			}},
		{"arrows point inward: catalog imports no other part of the hub",
			func(p string) bool { return under(p, "catalog") },
			func(imp string) bool {
				for _, part := range []string{"harvester", "normalizer", "portal", "cmd", "config", "fixtureweb"} {
					if under(imp, module+"/"+part) {
						return true
					}
				}
				return false
			}},
		{"normalizer imports neither harvester nor portal",
			func(p string) bool { return under(p, "normalizer") },
			func(imp string) bool { return under(imp, module+"/harvester") || under(imp, module+"/portal") }},
		{"mailer imports no other part of the hub",
			func(p string) bool { return under(p, "mailer") },
			func(imp string) bool { return under(imp, module) }},
		{"config imports only the standard library",
			func(p string) bool { return under(p, "config") },
			func(imp string) bool { return strings.Contains(strings.Split(imp, "/")[0], ".") }},
	}
	pkgs := imports(t)
	if len(pkgs) < 6 {
		t.Fatalf("found only %d packages; is the walk right?", len(pkgs))
	}
	for pkg, imps := range pkgs {
		for _, r := range rules {
			if !r.applies(pkg) {
				continue
			}
			for imp := range imps {
				if r.banned(imp) {
					t.Errorf("%s imports %s: breaks %q", pkg, imp, r.name)
				}
			}
		}
	}
}
