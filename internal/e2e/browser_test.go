package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ewsi/hub/internal/testenv"
)

// The package shares one hub and one browser: starting either is the
// slow part. Each test opens its own tab.
var (
	setupOnce sync.Once
	setupErr  error
	theHub    *hub
	browser   context.Context
	stopAll   []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(stopAll) - 1; i >= 0; i-- {
		stopAll[i]()
	}
	os.Exit(code)
}

// chromiumPath finds the browser: EWSI_CHROMIUM, else Debian's chromium.
func chromiumPath() (string, error) {
	if p := os.Getenv("EWSI_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium on PATH (scripts/browser.sh installs it)")
}

// need skips the test, or fails it under CI, when a tool is missing.
func need(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if testenv.Required() {
		t.Fatalf("%v (required under CI)", err)
	}
	t.Skip(err)
}

// tab returns a new browser tab on the shared hub, closed at the end of
// the test, and the hub's address.
func tab(t *testing.T) (context.Context, string) {
	t.Helper()
	return tabFor(t, 60*time.Second)
}

// tabFor is tab with a time limit of its own, for the tests that walk
// many pages (axe takes seconds per page on a loaded machine).
func tabFor(t *testing.T, limit time.Duration) (context.Context, string) {
	t.Helper()
	path, err := chromiumPath()
	need(t, err)
	setupOnce.Do(func() { setupErr = setup(path) })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	ctx, cancel := chromedp.NewContext(browser)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx, theHub.URL
}

// privateTab returns a tab in a browser context of its own, with its own
// cookies, so that signing in there leaves the other tests' tabs alone.
func privateTab(t *testing.T) context.Context {
	t.Helper()
	tab(t)
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, axeLimit)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

// signIn signs the tab in as email (password testPassword) through the
// sign-in form, and checks that the header then names the account.
func signIn(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/en/login"),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")),
	)
	waitLoaded(t, ctx, "/en/")
	if got := eval[string](t, ctx, `(document.querySelector("header ul.account a") || {}).textContent || ""`); !strings.HasPrefix(got, "Test ") {
		t.Fatalf("signed in as %s, the header shows %q", email, got)
	}
}

func setup(chromium string) error {
	dir, err := os.MkdirTemp("", "ewsi-e2e-")
	if err != nil {
		return err
	}
	stopAll = append(stopAll, func() { os.RemoveAll(dir) })
	theHub, err = startHub(dir)
	if err != nil {
		return err
	}
	stopAll = append(stopAll, theHub.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b, cancelBrowser := chromedp.NewContext(alloc)
	stopAll = append(stopAll, cancelAlloc, cancelBrowser)
	// Start the browser now, so a broken install fails here, once. The
	// browser lives as long as the context of this first call: no timeout.
	if err := chromedp.Do(b); err != nil {
		return fmt.Errorf("starting %s: %w", chromium, err)
	}
	browser = b
	return nil
}

// artefactDir is where screenshots go: EWSI_ARTEFACTS, else
// testdata/artefacts/browser at the module root.
func artefactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("EWSI_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "artefacts", "browser")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// screenshot saves the whole page in the tab as name.png.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(artefactDir(t), name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// text returns the visible text of the first element matching the CSS
// selector, failing the test when there is none.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.60q: %v", expr, err)
	}
	return v
}

// do runs steps in the tab, failing the test on error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// follow clicks the link sel selects, as a user would, and waits until
// the browser has loaded the address it points to.
func follow(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	href := eval[string](t, ctx, `document.querySelector(`+strconv.Quote(sel)+`).getAttribute("href")`)
	do(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	waitLoaded(t, ctx, href)
}

// waitLoaded waits until the tab shows path (with its query) fully
// loaded; evaluation errors while the page changes are expected.
func waitLoaded(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	const probe = `document.readyState === "complete" ? location.pathname + location.search : ""`
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](probe))
		if err == nil && got == path {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the browser did not load %s", path)
}
