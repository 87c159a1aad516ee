package portal

import (
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ewsi/hub/catalog"
)

// TestTemplateKeysExist fails when a template passes t a key that a
// catalogue lacks. New checks the same and refuses to start.
func TestTemplateKeysExist(t *testing.T) {
	b := mustBundle(t)
	pages, err := parseTemplates(b)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for lang, byName := range pages {
		for name, tmpl := range byName {
			keys, err := templateKeys(tmpl)
			if err != nil {
				t.Fatalf("%s/%s: %v", lang, name, err)
			}
			total += len(keys)
			for _, k := range keys {
				if !b.Locale(lang).Has(k) {
					t.Errorf("%s/%s uses %q, missing in %s", lang, name, k, lang)
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("no key found in the templates: the walker is broken")
	}
}

func TestTemplateKeysWalker(t *testing.T) {
	tmpl := template.Must(template.New("x").Funcs(template.FuncMap{"t": func(string, ...any) string { return "" }}).Parse(
		`{{define "a"}}{{t "one"}}{{if .X}}{{t "two" .Y}}{{else}}{{range .Z}}{{t "three"}}{{end}}{{end}}{{with .W}}<a title="{{t "four"}}">{{end}}{{end}}`))
	keys, err := templateKeys(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, ",") != "four,one,three,two" {
		t.Errorf("keys %v", keys)
	}
	tmpl = template.Must(template.New("y").Funcs(template.FuncMap{"t": func(string, ...any) string { return "" }}).Parse(`{{t .Key}}`))
	if _, err := templateKeys(tmpl); err == nil {
		t.Error("a computed key was accepted")
	}
}

// TestCodeKeysExist checks the keys the Go code asks for: the literal
// ones, found in the source, and those it builds from vocabularies.
func TestCodeKeysExist(t *testing.T) {
	b := mustBundle(t)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\b(?:T|Has|Plural|termOr)\((?:loc, )?"([a-z0-9_.-]+)"`)
	var keys []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") { // a prefix: its keys are built below
				keys = append(keys, m[1])
			}
		}
	}
	if len(keys) < 10 {
		t.Fatalf("found only %d literal keys in the code: the pattern is broken", len(keys))
	}
	var built []string
	for i, k := range keys {
		switch k {
		case "search.total", "sources.health.silent", "funding.closes", "themes.count", "countries.days", "directory.count", "people.count", "casestudies.total":
			built = append(built, k+".one", k+".other")
			keys[i] = ""
		}
	}
	for _, k := range catalog.SourceKinds {
		built = append(built, "kind."+string(k))
	}
	for _, s := range []catalog.SourceStatus{catalog.StatusNew, catalog.StatusOK, catalog.StatusFailing, catalog.StatusDisabled} {
		built = append(built, "status."+string(s))
	}
	for _, f := range facetOrder {
		built = append(built, "facet."+f.name, "param."+f.param)
	}
	for _, k := range []string{"error.not_found", "error.bad_request", "error.internal"} {
		built = append(built, k+".title", k+".text")
	}
	for _, r := range []string{"malformed", "repeated", "too_long", "invalid_utf8", "not_integer", "out_of_range", "unknown_value", "too_many_values"} {
		built = append(built, "error.param."+r)
	}
	built = append(built, "param.q", "param.page", "param.sort", "date.pattern", "date.day.1")
	for _, p := range []string{"view", "month", "when", "mode", "programme"} {
		built = append(built, "param."+p)
	}
	for _, w := range []string{viewMonth, whenUpcoming, whenPast} {
		built = append(built, "events.empty."+w)
	}
	for _, name := range catalog.SheetSections {
		built = append(built, "sheet.section."+name)
	}
	built = append(built, "editor.country.revision."+catalog.RevisionEdited, "editor.country.revision."+catalog.RevisionVerified, "param.section")
	for m := 1; m <= 12; m++ {
		built = append(built, "date.month."+strconv.Itoa(m))
	}
	for _, f := range caseStudyFacets {
		built = append(built, "casestudies.facet."+f.name)
	}
	for _, k := range templateFieldKeys {
		built = append(built, "casestudy.field."+k)
	}
	for _, k := range []string{errCompareCount.key, errCompareUnknown.key} {
		built = append(built, k+".title", k+".text")
	}
	built = append(built, "casestudy.criteria."+criterionEvaluated, "casestudy.criteria."+criterionInnovative)
	for _, lang := range b.Languages() {
		loc := b.Locale(lang)
		for _, k := range append(keys, built...) {
			if k != "" && !loc.Has(k) {
				t.Errorf("%s: code uses %q, missing", lang, k)
			}
		}
	}
}
