package catalogtest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// fullDocument has every field set.
func fullDocument(sourceID int64) catalog.Document {
	return catalog.Document{
		SourceID:     sourceID,
		Key:          "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
		URL:          "https://news.example/2024/03/integration",
		CanonicalURL: "https://news.example/integration",
		Title:        "Intégration des réfugiés",
		Summary:      "Un rapport sur l'intégration.",
		Text:         "Le texte complet du rapport.",
		HTML:         "<p>Le texte complet du rapport.</p>",
		Language:     "fr",
		Languages:    []string{"fr", "en"},
		LanguageFrom: "feed",
		Authors:      []string{"A. Auteur", "B. Autrice"},
		Themes:       []string{"social-inclusion", "social-cohesion"},
		ContentType:  "report",
		Countries:    []string{"FR", "EU"},
		Labels: []catalog.Label{
			{Kind: catalog.LabelTheme, Slug: "social-cohesion", Confidence: 0.8, From: "title"},
			{Kind: catalog.LabelSubTheme, Slug: "social-inclusion", Confidence: 0.8, From: "title"},
			{Kind: catalog.LabelType, Slug: "report", Confidence: 0.7, From: "url"},
			{Kind: catalog.LabelType, Slug: "research", Confidence: 0.3, From: "text"},
			{Kind: catalog.LabelCountry, Slug: "FR", Confidence: 0.9, From: "source"},
		},
		Published: t0.Add(-24 * time.Hour).In(cet),
		Updated:   t0.Add(-time.Hour),
		Harvested: t0,
		Event: &catalog.Event{Start: t0.Add(48 * time.Hour).In(cet), End: t0.Add(54 * time.Hour),
			TimeZone: "Europe/Paris", Location: "Lyon, Hôtel de Ville", URL: "https://news.example/register",
			RegistrationDeadline: t0.Add(24 * time.Hour), Organiser: "Ville de Lyon"},
		Funding: &catalog.Funding{Programme: "AMIF", CallID: "AMIF-2027-TF2-AG-INTE", Opens: t0,
			Deadline: t0.Add(30 * 24 * time.Hour), TimeZone: "Europe/Brussels", Budget: 2500000, Currency: "EUR",
			EligibleCountries: []string{"EU"}, URL: "https://news.example/call"},
		Legislation: &catalog.Legislation{CELEX: "32024R1347", ELI: "http://data.europa.eu/eli/reg/2024/1347/oj", Adopted: t0},
		CaseStudy: &catalog.CaseStudy{Region: "Lyon", TargetGroups: []string{"refugees", "young adults"},
			Aims: "Jobs within a year.", Activities: "Mentoring.", Outcomes: "60 jobs.", Evaluation: "External, 2025.",
			Budget: 120000.5, Currency: "EUR", FundingBy: "AMIF", Partners: []string{"Pôle emploi", "Ville de Lyon"},
			Started: t0.Add(-365 * 24 * time.Hour).In(cet), Ended: t0, Contact: "contact@news.example",
			Links: []string{"https://news.example/mentoring"}, Evaluated: true},
		TranslationKey: "https://news.example/integration",
		Publisher:      "Ville de Lyon",
		Licence:        "https://creativecommons.org/licenses/by/4.0/",
		Translations: []catalog.Translation{
			{Language: "de", URL: "https://news.example/de/integration"},
			{Language: "en", URL: "https://news.example/en/integration"},
		},
	}
}

func testDocuments(t *testing.T, open func(t *testing.T) Store) {
	t.Run("StructuredFieldsMakeUpdates", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		d := fullDocument(src.ID)
		mustUpsert(t, s, d, catalog.Created)
		d.ContentHash = ""
		d.Funding.Deadline = d.Funding.Deadline.Add(24 * time.Hour)
		got := mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Updated).ID)
		if !got.Funding.Deadline.Equal(d.Funding.Deadline) {
			t.Errorf("deadline %v, want %v", got.Funding.Deadline, d.Funding.Deadline)
		}
		d.ContentHash, d.Event = "", nil
		got = mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Updated).ID)
		if got.Event != nil {
			t.Errorf("Event %+v, want none after it was removed", got.Event)
		}
		d.ContentHash = ""
		d.Labels[0].Confidence = 0.9
		mustUpsert(t, s, d, catalog.Updated)
	})
	t.Run("ProvenanceMakesUpdates", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		d := fullDocument(src.ID)
		mustUpsert(t, s, d, catalog.Created)
		for _, tc := range []struct {
			name   string
			change func(*catalog.Document)
		}{
			{"publisher", func(d *catalog.Document) { d.Publisher = "Métropole de Lyon" }},
			{"licence", func(d *catalog.Document) { d.Licence = "CC0 1.0" }},
			{"translation added", func(d *catalog.Document) {
				d.Translations = append(d.Translations, catalog.Translation{Language: "it", URL: "https://news.example/it/integrazione"})
			}},
			{"translations removed", func(d *catalog.Document) { d.Translations = nil }},
			{"publisher and licence removed", func(d *catalog.Document) { d.Publisher, d.Licence = "", "" }},
		} {
			tc.change(&d)
			d.ContentHash = ""
			got := mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Updated).ID)
			if got.Publisher != d.Publisher || got.Licence != d.Licence {
				t.Errorf("%s: Publisher, Licence = %q, %q; want %q, %q", tc.name, got.Publisher, got.Licence, d.Publisher, d.Licence)
			}
			if diff := cmp.Diff(d.Translations, got.Translations); diff != "" {
				t.Errorf("%s: Translations (-want +got):\n%s", tc.name, diff)
			}
		}
	})
	t.Run("CaseStudyAndContributor", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		u := mustUser(t, s, catalog.User{Email: "author@city.example", Name: "A"})
		d := fullDocument(src.ID)
		d.ContributorID = u.ID
		got := mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Created).ID)
		if got.ContributorID != u.ID {
			t.Errorf("ContributorID = %d, want %d", got.ContributorID, u.ID)
		}
		if !got.CaseStudy.Started.Equal(d.CaseStudy.Started) || got.CaseStudy.Budget != d.CaseStudy.Budget {
			t.Errorf("CaseStudy = %+v, want %+v", got.CaseStudy, d.CaseStudy)
		}
		d.ContentHash = ""
		d.CaseStudy.Outcomes = "75 jobs."
		got = mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Updated).ID)
		if got.CaseStudy.Outcomes != "75 jobs." {
			t.Errorf("Outcomes = %q after an update, want 75 jobs.", got.CaseStudy.Outcomes)
		}
		d.ContentHash, d.CaseStudy = "", nil
		got = mustGetDocument(t, s, mustUpsert(t, s, d, catalog.Updated).ID)
		if got.CaseStudy != nil {
			t.Errorf("CaseStudy %+v, want none after it was removed", got.CaseStudy)
		}
		d.ContentHash, d.ContributorID = "", -1
		if _, err := s.UpsertDocument(t.Context(), &d); !errors.Is(err, catalog.ErrInvalid) {
			t.Errorf("negative contributor: err = %v, want ErrInvalid", err)
		}
	})
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		want := fullDocument(src.ID)
		got := mustUpsert(t, s, want, catalog.Created)
		if got.ID <= 0 {
			t.Fatalf("ID = %d, want > 0", got.ID)
		}
		// An operator's source is trusted: its items publish at once.
		want.ID, want.ContentHash, want.State = got.ID, want.Hash(), catalog.StatePublished
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("UpsertDocument set (-want +got):\n%s", diff)
		}
		byID, err := s.Document(t.Context(), got.ID)
		if err != nil {
			t.Fatalf("Document: %v", err)
		}
		if diff := cmp.Diff(want, *byID); diff != "" {
			t.Errorf("Document (-want +got):\n%s", diff)
		}
		checkUTC(t, "Document", byID.Published, byID.Updated, byID.Harvested)
		byKey, err := s.DocumentByKey(t.Context(), src.ID, want.Key)
		if err != nil {
			t.Fatalf("DocumentByKey: %v", err)
		}
		if diff := cmp.Diff(want, *byKey); diff != "" {
			t.Errorf("DocumentByKey (-want +got):\n%s", diff)
		}
	})

	t.Run("Defaults", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		before := time.Now().Add(-time.Second)
		d := mustUpsert(t, s, doc(src.ID, "minimal"), catalog.Created)
		got, err := s.Document(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Harvested.Before(before) || got.Harvested.After(time.Now().Add(time.Second)) {
			t.Errorf("Harvested = %v, want about now", got.Harvested)
		}
		if !got.Published.IsZero() || !got.Updated.IsZero() {
			t.Errorf("Published, Updated = %v, %v; want zero times", got.Published, got.Updated)
		}
		if got.Languages != nil || got.Authors != nil || got.Themes != nil || got.Countries != nil {
			t.Errorf("empty lists read back as %q %q %q %q, want nil", got.Languages, got.Authors, got.Themes, got.Countries)
		}
		if want := doc(src.ID, "minimal"); got.ContentHash != want.Hash() {
			t.Errorf("ContentHash = %q, want Hash() %q", got.ContentHash, want.Hash())
		}
		explicit := doc(src.ID, "hashed")
		explicit.ContentHash = "given-by-caller"
		explicit = mustUpsert(t, s, explicit, catalog.Created)
		if got, _ := s.Document(t.Context(), explicit.ID); got == nil || got.ContentHash != "given-by-caller" {
			t.Errorf("a given ContentHash was not kept: %+v", got)
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		first := mustUpsert(t, s, fullDocument(src.ID), catalog.Created)
		again := fullDocument(src.ID)
		// Same content, other non-content fields: nothing is written.
		again.URL = "https://news.example/moved"
		again.Harvested = t0.Add(time.Hour)
		again = mustUpsert(t, s, again, catalog.Unchanged)
		if again.ID != first.ID {
			t.Errorf("unchanged upsert set ID %d, want %d", again.ID, first.ID)
		}
		if n := mustCount(t, s); n != 1 {
			t.Errorf("CountDocuments = %d, want 1", n)
		}
		stored, err := s.Document(t.Context(), first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.URL != first.URL || !stored.Harvested.Equal(first.Harvested) {
			t.Errorf("unchanged upsert wrote: URL %q, Harvested %v; want %q, %v",
				stored.URL, stored.Harvested, first.URL, first.Harvested)
		}
	})

	t.Run("UpdateByHash", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		first := mustUpsert(t, s, fullDocument(src.ID), catalog.Created)
		changed := fullDocument(src.ID)
		changed.Title = "Intégration des réfugiés (mise à jour)"
		changed.Themes = []string{"housing"}
		changed.Authors = nil
		changed.Harvested = t0.Add(time.Hour)
		changed = mustUpsert(t, s, changed, catalog.Updated)
		if changed.ID != first.ID {
			t.Errorf("updated document ID = %d, want %d", changed.ID, first.ID)
		}
		got, err := s.Document(t.Context(), first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(changed, *got, equateEmpty); diff != "" {
			t.Errorf("Document after update (-want +got):\n%s", diff)
		}
		if got.ContentHash == first.ContentHash {
			t.Errorf("ContentHash unchanged by an update")
		}
		if n := mustCount(t, s); n != 1 {
			t.Errorf("CountDocuments = %d, want 1", n)
		}
		mustUpsert(t, s, changed, catalog.Unchanged)
	})

	t.Run("SameKeyOtherSource", func(t *testing.T) {
		s := open(t)
		a := mustSource(t, s, feed("https://a.example/feed"))
		b := mustSource(t, s, feed("https://b.example/feed"))
		da := mustUpsert(t, s, doc(a.ID, "item-1"), catalog.Created)
		db := mustUpsert(t, s, doc(b.ID, "item-1"), catalog.Created)
		if da.ID == db.ID {
			t.Errorf("same key in two sources share ID %d", da.ID)
		}
		got, err := s.DocumentByKey(t.Context(), b.ID, "item-1")
		if err != nil || got.ID != db.ID {
			t.Errorf("DocumentByKey(b, item-1) = %v, %v; want ID %d", got, err, db.ID)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		for _, tc := range []struct {
			name string
			edit func(*catalog.Document)
			want error
		}{
			{"no source", func(d *catalog.Document) { d.SourceID = 0 }, catalog.ErrInvalid},
			{"no key", func(d *catalog.Document) { d.Key = "" }, catalog.ErrInvalid},
			{"blank title", func(d *catalog.Document) { d.Title = " \t" }, catalog.ErrInvalid},
			{"long title", func(d *catalog.Document) { d.Title = strings.Repeat("é", catalog.MaxTitle+1) }, catalog.ErrInvalid},
			{"huge text", func(d *catalog.Document) { d.Text = strings.Repeat("a", catalog.MaxText+1) }, catalog.ErrInvalid},
			{"NUL in text", func(d *catalog.Document) { d.Text = "a\x00b" }, catalog.ErrInvalid},
			{"invalid UTF-8 title", func(d *catalog.Document) { d.Title = "caf\xe9" }, catalog.ErrInvalid},
			{"NUL in a theme", func(d *catalog.Document) { d.Themes = []string{"\x00"} }, catalog.ErrInvalid},
			{"NUL in publisher", func(d *catalog.Document) { d.Publisher = "a\x00b" }, catalog.ErrInvalid},
			{"invalid UTF-8 licence", func(d *catalog.Document) { d.Licence = "caf\xe9" }, catalog.ErrInvalid},
			{"NUL in a translation URL", func(d *catalog.Document) {
				d.Translations = []catalog.Translation{{Language: "fr", URL: "https://news.example/\x00"}}
			}, catalog.ErrInvalid},
			{"unknown source", func(d *catalog.Document) { d.SourceID = 424242 }, catalog.ErrNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				d := doc(src.ID, "bad")
				tc.edit(&d)
				_, err := s.UpsertDocument(t.Context(), &d)
				wantErr(t, "UpsertDocument", err, tc.want)
			})
		}
		if n := mustCount(t, s); n != 0 {
			t.Errorf("CountDocuments after invalid upserts = %d, want 0", n)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		mustUpsert(t, s, doc(src.ID, "present"), catalog.Created)
		_, err := s.Document(t.Context(), 424242)
		wantErr(t, "Document(424242)", err, catalog.ErrNotFound)
		_, err = s.DocumentByKey(t.Context(), src.ID, "absent")
		wantErr(t, "DocumentByKey(absent)", err, catalog.ErrNotFound)
		_, err = s.DocumentByKey(t.Context(), src.ID+1, "present")
		wantErr(t, "DocumentByKey(other source)", err, catalog.ErrNotFound)
	})

	t.Run("ConcurrentSameKey", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		const workers = 8
		var (
			wg      sync.WaitGroup
			results [workers]catalog.UpsertResult
			ids     [workers]int64
			errs    [workers]error
		)
		for i := range workers {
			wg.Go(func() {
				d := fullDocument(src.ID)
				results[i], errs[i] = s.UpsertDocument(t.Context(), &d)
				ids[i] = d.ID
			})
		}
		wg.Wait()
		created := 0
		for i := range workers {
			if errs[i] != nil {
				t.Errorf("worker %d: %v", i, errs[i])
				continue
			}
			if results[i] == catalog.Created {
				created++
			} else if results[i] != catalog.Unchanged {
				t.Errorf("worker %d: %v, want created or unchanged", i, results[i])
			}
			if ids[i] != ids[0] {
				t.Errorf("worker %d got ID %d, worker 0 got %d", i, ids[i], ids[0])
			}
		}
		if created != 1 {
			t.Errorf("%d workers created the document, want exactly 1", created)
		}
		if n := mustCount(t, s); n != 1 {
			t.Errorf("CountDocuments = %d, want 1", n)
		}
		res, err := s.Search(t.Context(), catalog.Query{Text: "réfugiés"})
		if err != nil || res.Total != 1 {
			t.Errorf("Search after concurrent upserts: total %v, %v; want 1 hit", res, err)
		}
	})

	t.Run("ConcurrentWriters", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		const workers, each = 8, 10
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					d := doc(src.ID, fmt.Sprintf("w%d-%d", w, i))
					if _, err := s.UpsertDocument(t.Context(), &d); err != nil {
						errs <- err
					}
					if _, err := s.RecordHarvest(t.Context(), catalog.HarvestOutcome{SourceID: src.ID, Finished: t0}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent write: %v", err)
		}
		if n := mustCount(t, s); n != workers*each {
			t.Errorf("CountDocuments = %d, want %d", n, workers*each)
		}
	})

	t.Run("Huge", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		// The largest body allowed, of words that are all different, and a
		// long summary: the index bounds what it takes and must not fail.
		var body strings.Builder
		for i := 0; body.Len() < catalog.MaxText-20; i++ {
			fmt.Fprintf(&body, "w%x ", i)
		}
		d := doc(src.ID, "huge")
		d.Title = strings.Repeat("ö", catalog.MaxTitle)
		d.Summary = strings.Repeat("résumé ", 100000)
		d.Text = "needle " + body.String()
		d = mustUpsert(t, s, d, catalog.Created)
		for _, text := range []string{"needle", "w0", "résumé"} {
			res, err := s.Search(t.Context(), catalog.Query{Text: text})
			if err != nil || res.Total != 1 {
				t.Errorf("Search(%q) = %+v, %v; want the huge document", text, res, err)
			}
		}
		got, err := s.Document(t.Context(), d.ID)
		if err != nil {
			t.Fatalf("Document: %v", err)
		}
		if got.Text != d.Text || got.Summary != d.Summary {
			t.Errorf("Document: %d bytes of text, %d of summary; want %d, %d",
				len(got.Text), len(got.Summary), len(d.Text), len(d.Summary))
		}
	})

	t.Run("IndexFollowsUpdates", func(t *testing.T) {
		s := open(t)
		src := mustSource(t, s, feed("https://news.example/feed"))
		d := doc(src.ID, "moving")
		d.Title = "Alpha programme"
		d = mustUpsert(t, s, d, catalog.Created)
		mustUpsert(t, s, d, catalog.Unchanged)
		total := func(text string) int {
			t.Helper()
			res, err := s.Search(t.Context(), catalog.Query{Text: text})
			if err != nil {
				t.Fatalf("Search(%q): %v", text, err)
			}
			return res.Total
		}
		if n := total("alpha"); n != 1 {
			t.Errorf("Search(alpha) before update = %d hits, want 1", n)
		}
		d.Title = "Beta programme"
		d.ContentHash = "" // recomputed from the new title
		mustUpsert(t, s, d, catalog.Updated)
		if n := total("alpha"); n != 0 {
			t.Errorf("Search(alpha) after update = %d hits, want 0", n)
		}
		if n := total("beta"); n != 1 {
			t.Errorf("Search(beta) after update = %d hits, want 1", n)
		}
	})
}
