package catalogtest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
)

func testSheets(t *testing.T, open func(t *testing.T) Store) {
	t.Run("EditVerifyHistory", func(t *testing.T) { testSheetEdits(t, open) })
	t.Run("Invalid", func(t *testing.T) { testSheetInvalid(t, open) })
	t.Run("Reminders", func(t *testing.T) { testSheetReminders(t, open) })
	t.Run("UsersByRole", func(t *testing.T) { testUsersByRole(t, open) })
}

func testSheetEdits(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	ed := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "Edith Editor", Role: catalog.RoleEditor})
	co := mustUser(t, s, catalog.User{Email: "co@hub.example", Name: "Colin Coordinator",
		Role: catalog.RoleCountryCoordinator, Countries: []string{"FR"}})
	if secs, err := s.SheetSections(ctx, "FR"); err != nil || len(secs) != 0 {
		t.Fatalf("SheetSections of an empty catalog = %v, %v", secs, err)
	}
	past := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	rev, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "FR", Section: catalog.SectionStrategy,
		Text: "  The national strategy.\r\n\r\nSee https://strategy.example/  ", Language: "fr", EditorID: ed.ID, At: past})
	if err != nil || rev == nil {
		t.Fatalf("SaveSheetSection: %+v, %v", rev, err)
	}
	if rev.ID <= 0 || rev.Kind != catalog.RevisionEdited || rev.Text != "The national strategy.\n\nSee https://strategy.example/" ||
		rev.EditorID != ed.ID || rev.EditorName != "Edith Editor" || !rev.At.Equal(past) {
		t.Errorf("revision = %+v", rev)
	}
	if _, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "DE", Section: catalog.SectionKeyFacts,
		Text: "Key facts.", Language: "de", EditorID: co.ID}); err != nil {
		t.Fatal(err)
	}
	secs, err := s.SheetSections(ctx, "FR")
	if err != nil || len(secs) != 1 {
		t.Fatalf("SheetSections(FR) = %+v, %v", secs, err)
	}
	got := secs[0]
	if got.Country != "FR" || got.Section != catalog.SectionStrategy || got.Language != "fr" ||
		!got.VerifiedAt.Equal(past) || !got.EditedAt.Equal(past) || got.VerifiedBy != ed.ID || got.EditedBy != ed.ID ||
		got.VerifierName != "Edith Editor" || got.EditorName != "Edith Editor" || !got.RemindedAt.IsZero() {
		t.Errorf("section = %+v", got)
	}
	if all, err := s.SheetSections(ctx, ""); err != nil || len(all) != 2 || all[0].Country != "DE" || all[1].Country != "FR" {
		t.Errorf("SheetSections(\"\") = %+v, %v", all, err)
	}

	// The same text again changes nothing.
	if again, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "FR", Section: catalog.SectionStrategy,
		Text: "The national strategy.\n\nSee https://strategy.example/", Language: "fr", EditorID: co.ID}); err != nil || again != nil {
		t.Errorf("an edit changing nothing: %+v, %v", again, err)
	}
	// Verifying moves only the date and the verifier.
	later := past.Add(48 * time.Hour)
	vrev, err := s.VerifySheetSection(ctx, "FR", catalog.SectionStrategy, co.ID, later)
	if err != nil || vrev.Kind != catalog.RevisionVerified || vrev.EditorName != "Colin Coordinator" || !vrev.At.Equal(later) {
		t.Fatalf("VerifySheetSection: %+v, %v", vrev, err)
	}
	secs, _ = s.SheetSections(ctx, "FR")
	if got := secs[0]; !got.VerifiedAt.Equal(later) || got.VerifiedBy != co.ID || !got.EditedAt.Equal(past) || got.EditedBy != ed.ID {
		t.Errorf("after verifying: %+v", got)
	}
	if _, err := s.VerifySheetSection(ctx, "FR", catalog.SectionStatistics, co.ID, time.Time{}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("verifying a section never written: %v, want ErrNotFound", err)
	}
	// A new text by the coordinator; the history keeps every step.
	before := time.Now().Add(-time.Second)
	if _, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "FR", Section: catalog.SectionStrategy,
		Text: "The strategy, revised.", Language: "en", EditorID: co.ID}); err != nil {
		t.Fatal(err)
	}
	secs, _ = s.SheetSections(ctx, "FR")
	if got := secs[0]; got.Text != "The strategy, revised." || got.Language != "en" || got.EditedBy != co.ID || got.VerifiedAt.Before(before) {
		t.Errorf("after the second edit: %+v", got)
	}
	hist, err := s.SheetRevisions(ctx, "FR", catalog.SectionStrategy, 0)
	if err != nil || len(hist) != 3 {
		t.Fatalf("SheetRevisions = %d, %v", len(hist), err)
	}
	kinds := []string{hist[0].Kind, hist[1].Kind, hist[2].Kind}
	if !slices.Equal(kinds, []string{catalog.RevisionEdited, catalog.RevisionVerified, catalog.RevisionEdited}) ||
		hist[0].Text != "The strategy, revised." || hist[2].Text != "The national strategy.\n\nSee https://strategy.example/" {
		t.Errorf("history kinds %v, newest %q, oldest %q", kinds, hist[0].Text, hist[2].Text)
	}
	if short, _ := s.SheetRevisions(ctx, "FR", "", 1); len(short) != 1 || short[0].ID != hist[0].ID {
		t.Errorf("SheetRevisions limit 1 = %+v", short)
	}
	// An unknown editor is refused and leaves nothing behind.
	if _, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: "IS", Section: catalog.SectionContacts,
		Text: "x", Language: "is", EditorID: 9999}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("an unknown editor: %v, want ErrNotFound", err)
	}
	if secs, _ := s.SheetSections(ctx, "IS"); len(secs) != 0 {
		t.Errorf("a refused edit was stored: %+v", secs)
	}
}

func testSheetInvalid(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	for name, e := range map[string]catalog.SheetEdit{
		"the EU has no sheet": {Country: "EU", Section: catalog.SectionKeyFacts, Text: "x", Language: "en"},
		"unknown country":     {Country: "US", Section: catalog.SectionKeyFacts, Text: "x", Language: "en"},
		"unknown section":     {Country: "FR", Section: "weather", Text: "x", Language: "en"},
		"empty text":          {Country: "FR", Section: catalog.SectionKeyFacts, Text: " \n ", Language: "en"},
		"NUL in text":         {Country: "FR", Section: catalog.SectionKeyFacts, Text: "a\x00b", Language: "en"},
		"invalid UTF-8":       {Country: "FR", Section: catalog.SectionKeyFacts, Text: "a\xffb", Language: "en"},
		"bad language":        {Country: "FR", Section: catalog.SectionKeyFacts, Text: "x", Language: "French"},
		"too long":            {Country: "FR", Section: catalog.SectionKeyFacts, Text: string(make([]rune, catalog.MaxSectionLength+1)), Language: "en"},
	} {
		if _, err := s.SaveSheetSection(ctx, &e); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if secs, _ := s.SheetSections(ctx, ""); len(secs) != 0 {
		t.Errorf("invalid edits were stored: %+v", secs)
	}
}

func testSheetReminders(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	maxAge := 365 * 24 * time.Hour
	save := func(country, section string, at time.Time) {
		t.Helper()
		if _, err := s.SaveSheetSection(ctx, &catalog.SheetEdit{Country: country, Section: section,
			Text: "Text of " + section, Language: "en", At: at}); err != nil {
			t.Fatal(err)
		}
	}
	save("AT", catalog.SectionKeyFacts, now.AddDate(-2, 0, 0))        // stale
	save("AT", catalog.SectionGovernance, now.AddDate(0, -1, 0))      // current
	save("NO", catalog.SectionStatistics, now.Add(-maxAge-time.Hour)) // just stale
	// Only the countries asked for are claimed; none asked, none claimed.
	if c, err := s.ClaimSheetReminders(ctx, []string{}, now.Add(-maxAge), now); err != nil || len(c) != 0 {
		t.Errorf("claiming for no country = %+v, %v", c, err)
	}
	if c, err := s.ClaimSheetReminders(ctx, []string{"NO", "IS"}, now.Add(-maxAge), now); err != nil || len(c) != 1 || c[0].Country != "NO" {
		t.Errorf("claiming for Norway and Iceland = %+v, %v", c, err)
	}
	claimed, err := s.ClaimSheetReminders(ctx, nil, now.Add(-maxAge), now)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range claimed {
		keys = append(keys, c.Country+"/"+c.Section)
		if !c.RemindedAt.Equal(now) {
			t.Errorf("%s/%s reminded at %v, want %v", c.Country, c.Section, c.RemindedAt, now)
		}
	}
	if want := []string{"AT/key-facts"}; !slices.Equal(keys, want) {
		t.Errorf("claimed %v, want %v", keys, want)
	}
	// Once per stale period: asking again, even later, claims nothing.
	if again, err := s.ClaimSheetReminders(ctx, nil, now.AddDate(0, 0, 7).Add(-maxAge), now.AddDate(0, 0, 7)); err != nil || len(again) != 0 {
		t.Errorf("second claim = %+v, %v; want none", again, err)
	}
	// Verified again, the section starts a new period: stale again a year
	// later, it is reminded once more.
	if _, err := s.VerifySheetSection(ctx, "AT", catalog.SectionKeyFacts, 0, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	next := now.Add(time.Hour).Add(maxAge + 24*time.Hour)
	claimed, err = s.ClaimSheetReminders(ctx, nil, next.Add(-maxAge), next)
	if err != nil {
		t.Fatal(err)
	}
	keys = keys[:0]
	for _, c := range claimed {
		keys = append(keys, c.Country+"/"+c.Section)
	}
	if want := []string{"AT/governance", "AT/key-facts"}; !slices.Equal(keys, want) {
		t.Errorf("claimed a year later %v, want %v", keys, want)
	}
}

func testUsersByRole(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	ed := mustUser(t, s, catalog.User{Email: "ed@hub.example", Name: "E", Role: catalog.RoleEditor})
	mustUser(t, s, catalog.User{Email: "p@hub.example", Name: "P"})
	co := mustUser(t, s, catalog.User{Email: "co@hub.example", Name: "C", Role: catalog.RoleCountryCoordinator, Countries: []string{"BE", "LU"}})
	got, err := s.UsersByRole(ctx, catalog.RoleCountryCoordinator, catalog.RoleEditor)
	if err != nil || len(got) != 2 || got[0].ID != ed.ID || got[1].ID != co.ID || !slices.Equal(got[1].Countries, []string{"BE", "LU"}) {
		t.Errorf("UsersByRole = %+v, %v", got, err)
	}
	if none, err := s.UsersByRole(ctx, catalog.RoleAdministrator); err != nil || len(none) != 0 {
		t.Errorf("UsersByRole(administrator) = %+v, %v", none, err)
	}
}
