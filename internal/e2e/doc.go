// Package e2e holds the hub's browser tests: they start the real portal
// over a real embedded catalog (SQLite) filled by the real harvester from
// the fixture web, and drive Debian's chromium through the DevTools
// protocol (chromedp). They check what only a browser sees: navigation by
// links and forms, the language switcher, keyboard focus, and WCAG 2.1
// A/AA conformance as axe-core (the npm package, installed beside this
// file by scripts/browser.sh) reports it. Screenshots of the main pages
// are written to EWSI_ARTEFACTS, else to testdata/artefacts/browser at the
// module root (ignored by git).
//
// The tests skip when chromium or axe-core is missing, except under CI
// (internal/testenv.Required), where they fail. The package has test
// files only: nothing imports it.
package e2e
