package normalizer

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ewsi/hub/fixtureweb"
)

// fixtureBase replaces the test server's address in golden files, which
// would otherwise change with every run.
const fixtureBase = "http://fixture.test"

// TestGoldenFixtureWeb normalises every item page of the fixture web as
// served over HTTP and compares the documents with
// testdata/golden/fixtureweb/*.json (regenerate with -update). It also
// checks them against the fixture web's own ground truth: title,
// language, canonical URL and translations.
func TestGoldenFixtureWeb(t *testing.T) {
	srv := httptest.NewServer(fixtureweb.Handler())
	defer srv.Close()
	n := mustNormalizer(t)
	dir := filepath.Join("testdata", "golden", "fixtureweb")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var sum match
	defer func() {
		p, r, f := sum.scores()
		t.Logf("extraction against the fixture web's own texts: P %.4f  R %.4f  F1 %.4f", p, r, f)
		if f < fixtureFloor {
			t.Errorf("extraction F1 on the fixture web %.4f is under %.2f", f, fixtureFloor)
		}
	}()
	for _, it := range fixtureweb.Items() {
		name := strings.ReplaceAll(strings.Trim(it.Path, "/"), "/", "_")
		t.Run(name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + it.Path)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			d, err := n.Normalize(Input{SourceID: 1, URL: srv.URL + it.Path, HTML: string(body),
				ContentType: resp.Header.Get("Content-Type")})
			if err != nil {
				t.Fatal(err)
			}

			m := shingleMatch(extractedText(t, n, name, string(body)), it.Text)
			if p, r, f := m.scores(); f < 0.97 {
				t.Logf("%s: P %.3f R %.3f F1 %.3f", name, p, r, f)
			}
			sum.tp, sum.got, sum.want = sum.tp+m.tp, sum.got+m.got, sum.want+m.want

			if d.Title != it.Title {
				t.Errorf("title %q, want %q", d.Title, it.Title)
			}
			if d.Language != it.Language {
				t.Errorf("language %q, want %q", d.Language, it.Language)
			}
			if want := CanonicalURL(srv.URL + it.Canonical); d.CanonicalURL != want {
				t.Errorf("canonical %q, want %q", d.CanonicalURL, want)
			}
			var gotTr, wantTr []string
			for _, tr := range d.Translations {
				gotTr = append(gotTr, strings.TrimPrefix(tr.URL, srv.URL))
			}
			wantTr = append(wantTr, it.Translations...)
			slices.Sort(gotTr)
			slices.Sort(wantTr)
			if !slices.Equal(gotTr, wantTr) {
				t.Errorf("translations %v, want %v", gotTr, wantTr)
			}

			// Item pages quote their own address, which holds the test
			// server's port, so the content hash changes with every run.
			view := *d
			view.ContentHash = "(varies with the server's address)"
			got, err := json.MarshalIndent(struct {
				Doc  any
				HTML string
			}{goldenView(&view), d.HTML}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append([]byte(strings.ReplaceAll(string(got), srv.URL, fixtureBase)), '\n')
			compareGolden(t, filepath.Join(dir, name+".json"), string(got))
		})
	}
}

// fixtureFloor is the least extraction F1 accepted on the fixture web's
// pages scored against Item.Text (measured: see the test's log).
const fixtureFloor = 0.95

// compareGolden compares got with the golden file at path, or writes it
// there with -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
