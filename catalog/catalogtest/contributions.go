package catalogtest

import (
	"context"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
)

// Contributions is what every store keeps of what registered users
// contribute. Errors wrap catalog.ErrInvalid, catalog.ErrNotFound or
// catalog.ErrConflict.
type Contributions interface {
	// ContributionSource returns the never-harvested source of
	// contributions, made disabled on first use.
	ContributionSource(ctx context.Context) (*catalog.Source, error)
	// SubmitContribution stores a document and its contribution together.
	SubmitContribution(ctx context.Context, d *catalog.Document, c *catalog.Contribution) error
	Contribution(ctx context.Context, documentID int64) (*catalog.Contribution, error)
	// ContributionsByUser lists newest first, with titles and states.
	ContributionsByUser(ctx context.Context, userID int64) ([]catalog.ContributedItem, error)
	// MarkContributionAcknowledged is true only for the call that records it.
	MarkContributionAcknowledged(ctx context.Context, documentID int64, ack catalog.Ack, at time.Time) (bool, error)
	// ContributorReport counts a year's contributions per user, kind and state.
	ContributorReport(ctx context.Context, year int) ([]catalog.ContributorCount, error)
	// RegularContributors: at least min published since a time.
	RegularContributors(ctx context.Context, since time.Time, min int) ([]catalog.RegularContributor, error)
}

// contributed is a contribution of kind k by user, submitted at at.
func contributed(t *testing.T, s Store, src int64, user int64, key string, k catalog.ContributionKind, st catalog.DocumentState, at time.Time) catalog.Document {
	t.Helper()
	d := doc(src, key)
	d.URL, d.State, d.Harvested, d.ContentType = "", st, at, k.ContentType()
	c := &catalog.Contribution{UserID: user, Kind: k, Credit: true}
	if err := s.SubmitContribution(t.Context(), &d, c); err != nil {
		t.Fatalf("SubmitContribution(%s): %v", key, err)
	}
	return d
}

func testContributions(t *testing.T, open func(t *testing.T) Store) {
	t.Run("SourceIsNeverDue", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src, err := s.ContributionSource(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.ContributionSource(ctx)
		if err != nil || again.ID != src.ID {
			t.Fatalf("second ContributionSource = %v, %v; want the same source %d", again, err, src.ID)
		}
		if src.Kind != catalog.KindContributions || src.Status != catalog.StatusDisabled {
			t.Errorf("source = %s %s, want %s disabled", src.Kind, src.Status, catalog.KindContributions)
		}
		// Even enabled by hand, it is never due.
		src.Status = catalog.StatusOK
		src.NextCheck = t0
		if err := s.UpdateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueSources(ctx, time.Now().Add(48*time.Hour), 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range due {
			if d.ID == src.ID {
				t.Errorf("DueSources lists the contributions source")
			}
		}
	})
	t.Run("SubmitAndRead", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src, _ := s.ContributionSource(ctx)
		u := mustUser(t, s, catalog.User{Email: "ana@ngo.example", Name: "Ana", Organisation: "NGO", OrganisationType: "civil-society", Country: "PT"})
		d := doc(src.ID, "contribution/1")
		d.Language, d.State, d.ContentType = "pt", catalog.StatePending, "case-study"
		d.CaseStudy = &catalog.CaseStudy{Region: "Porto", Aims: "Jobs", Evaluated: true}
		c := &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeCaseStudy, Credit: false, SummaryEN: " In English. "}
		if err := s.SubmitContribution(ctx, &d, c); err != nil {
			t.Fatal(err)
		}
		if d.ID == 0 || c.DocumentID != d.ID || c.Submitted.IsZero() {
			t.Fatalf("ids not set: document %d, contribution %+v", d.ID, c)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ContributorID != u.ID || got.State != catalog.StatePending || got.CaseStudy == nil || got.CaseStudy.Region != "Porto" {
			t.Errorf("document = contributor %d, state %s, case study %+v", got.ContributorID, got.State, got.CaseStudy)
		}
		gc, err := s.Contribution(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := catalog.Contribution{DocumentID: d.ID, UserID: u.ID, Kind: catalog.ContributeCaseStudy, SummaryEN: "In English.", Submitted: c.Submitted}
		if diff := cmp.Diff(want, *gc); diff != "" {
			t.Errorf("Contribution (-want +got):\n%s", diff)
		}
		checkUTC(t, "contribution", gc.Submitted)
		// The same key again is a conflict, not an update.
		d2 := doc(src.ID, "contribution/1")
		d2.State = catalog.StatePending
		err = s.SubmitContribution(ctx, &d2, &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeNews})
		wantErr(t, "same key", err, catalog.ErrConflict)
		err = s.SubmitContribution(ctx, &catalog.Document{SourceID: src.ID, Key: "x", Title: "t"}, &catalog.Contribution{UserID: u.ID, Kind: "poem"})
		wantErr(t, "unknown kind", err, catalog.ErrInvalid)
		_, err = s.Contribution(ctx, 9999)
		wantErr(t, "unknown contribution", err, catalog.ErrNotFound)
		list, err := s.ContributionsByUser(ctx, u.ID)
		if err != nil || len(list) != 1 || list[0].Title != d.Title || list[0].State != catalog.StatePending || list[0].Language != "pt" {
			t.Fatalf("ContributionsByUser = %+v, %v", list, err)
		}
	})
	t.Run("EnglishSummarySearched", func(t *testing.T) {
		// A contribution in German is found by a word of its English
		// summary alone, before and after the index is rebuilt.
		s := open(t)
		ctx := t.Context()
		src, _ := s.ContributionSource(ctx)
		u := mustUser(t, s, catalog.User{Email: "lea@ngo.example", Name: "Lea"})
		d := doc(src.ID, "contribution/en")
		d.Title, d.Text, d.Language, d.State = "Werkstatt für Neuankömmlinge", "Ein Projekt in Graz.", "de", catalog.StatePublished
		c := &catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeDocument, SummaryEN: "Woodworking apprenticeships for newcomers in Graz."}
		if err := s.SubmitContribution(ctx, &d, c); err != nil {
			t.Fatal(err)
		}
		if got := mustGetDocument(t, s, d.ID); got.SummaryEN != c.SummaryEN {
			t.Errorf("stored SummaryEN = %q, want %q", got.SummaryEN, c.SummaryEN)
		}
		find := func(when string) {
			t.Helper()
			for _, text := range []string{"woodworking", "apprenticeship"} {
				res, err := s.Search(ctx, catalog.Query{Text: text, NoExpand: true})
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != d.ID {
					t.Errorf("%s: %q finds %d documents, want the German contribution", when, text, res.Total)
				}
			}
		}
		find("after submitting")
		if err := s.Reindex(ctx); err != nil {
			t.Fatal(err)
		}
		find("after a reindex")
	})
	t.Run("AcknowledgedOnce", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src, _ := s.ContributionSource(ctx)
		u := mustUser(t, s, catalog.User{Email: "bo@ngo.example", Name: "Bo"})
		d := contributed(t, s, src.ID, u.ID, "c/1", catalog.ContributeNews, catalog.StatePending, t0)
		for _, ack := range []catalog.Ack{catalog.AckReceived, catalog.AckPublished} {
			first, err := s.MarkContributionAcknowledged(ctx, d.ID, ack, t0.In(cet))
			if err != nil || !first {
				t.Fatalf("first %s = %v, %v; want true", ack, first, err)
			}
			again, err := s.MarkContributionAcknowledged(ctx, d.ID, ack, t0.Add(time.Hour))
			if err != nil || again {
				t.Fatalf("second %s = %v, %v; want false", ack, again, err)
			}
		}
		c, _ := s.Contribution(ctx, d.ID)
		if !c.ReceivedAck.Equal(t0) || !c.PublishedAck.Equal(t0) {
			t.Errorf("acks at %v and %v, want %v", c.ReceivedAck, c.PublishedAck, t0)
		}
		checkUTC(t, "acks", c.ReceivedAck, c.PublishedAck)
		_, err := s.MarkContributionAcknowledged(ctx, 9999, catalog.AckReceived, t0)
		wantErr(t, "unknown document", err, catalog.ErrNotFound)
		_, err = s.MarkContributionAcknowledged(ctx, d.ID, "thanks", t0)
		wantErr(t, "unknown ack", err, catalog.ErrInvalid)
	})
	t.Run("ReportAndRegulars", func(t *testing.T) {
		s := open(t)
		ctx := t.Context()
		src, _ := s.ContributionSource(ctx)
		ana := mustUser(t, s, catalog.User{Email: "ana@city.example", Name: "Ana", Organisation: "City", OrganisationType: "regional-local-authority", Country: "PT"})
		bo := mustUser(t, s, catalog.User{Email: "bo@ngo.example", Name: "Bo", Organisation: "NGO", OrganisationType: "civil-society", Country: "DE"})
		in := t0 // 2024
		contributed(t, s, src.ID, ana.ID, "a1", catalog.ContributeCaseStudy, catalog.StatePublished, in)
		contributed(t, s, src.ID, ana.ID, "a2", catalog.ContributeCaseStudy, catalog.StatePublished, in.AddDate(0, 1, 0))
		contributed(t, s, src.ID, ana.ID, "a3", catalog.ContributeCaseStudy, catalog.StatePending, in)
		contributed(t, s, src.ID, ana.ID, "a4", catalog.ContributeEvent, catalog.StatePublished, in)
		contributed(t, s, src.ID, bo.ID, "b1", catalog.ContributeNews, catalog.StateRefused, in)
		contributed(t, s, src.ID, bo.ID, "b2", catalog.ContributeNews, catalog.StatePublished, time.Date(2023, 12, 31, 23, 0, 0, 0, time.UTC))
		got, err := s.ContributorReport(ctx, 2024)
		if err != nil {
			t.Fatal(err)
		}
		row := func(u catalog.User, k catalog.ContributionKind, st catalog.DocumentState, n int) catalog.ContributorCount {
			return catalog.ContributorCount{UserID: u.ID, Name: u.Name, Organisation: u.Organisation,
				OrganisationType: u.OrganisationType, Country: u.Country, Kind: k, State: st, Count: n}
		}
		want := []catalog.ContributorCount{
			row(ana, catalog.ContributeCaseStudy, catalog.StatePending, 1),
			row(ana, catalog.ContributeCaseStudy, catalog.StatePublished, 2),
			row(ana, catalog.ContributeEvent, catalog.StatePublished, 1),
			row(bo, catalog.ContributeNews, catalog.StateRefused, 1),
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ContributorReport(2024) (-want +got):\n%s", diff)
		}
		if got, _ := s.ContributorReport(ctx, 2022); len(got) != 0 {
			t.Errorf("ContributorReport(2022) = %v, want none", got)
		}
		regs, err := s.RegularContributors(ctx, time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), 1)
		if err != nil {
			t.Fatal(err)
		}
		wantRegs := []catalog.RegularContributor{
			{UserID: ana.ID, Name: "Ana", Organisation: "City", OrganisationType: "regional-local-authority", Country: "PT", Credit: true, Published: 3},
			{UserID: bo.ID, Name: "Bo", Organisation: "NGO", OrganisationType: "civil-society", Country: "DE", Credit: true, Published: 1},
		}
		if diff := cmp.Diff(wantRegs, regs); diff != "" {
			t.Errorf("RegularContributors (-want +got):\n%s", diff)
		}
		regs, _ = s.RegularContributors(ctx, time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC), 2)
		if len(regs) != 1 || regs[0].UserID != ana.ID {
			t.Errorf("RegularContributors(min 2) = %+v, want Ana alone", regs)
		}
	})
}
