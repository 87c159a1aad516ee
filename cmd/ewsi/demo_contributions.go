package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ewsi/hub/catalog"
)

// The demo's accounts: a contributor and an editor, with one password, so
// that whoever runs the demo can sign in and see the contribution pages,
// the review queue and the contributors report.
const (
	demoContributor = "contributor@demo.example"
	demoEditor      = "editor@demo.example"
)

// seedContributions makes the demo's accounts and what the contributor
// sent: published case studies in French and German (credited, with an
// English summary), a published event, and news waiting in the review
// queue. It does nothing when the accounts exist (a second run on the
// same data).
func (a *app) seedContributions(ctx context.Context) error {
	if _, err := a.store.UserByEmail(ctx, demoContributor); err == nil {
		return nil
	} else if !errors.Is(err, catalog.ErrNotFound) {
		return err
	}
	users := []*catalog.User{
		{Email: demoContributor, Name: "Ana Sousa", Organisation: "Associação Mentor", OrganisationType: "civil-society",
			Country: "PT", EmailLanguage: "fr", EmailVerifiedAt: time.Now()},
		{Email: demoEditor, Name: "Eda Editor", Organisation: "EWSI Hub", Role: catalog.RoleEditor, EmailVerifiedAt: time.Now()},
	}
	for _, u := range users {
		if err := a.store.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("demo account %s: %w", u.Email, err)
		}
	}
	src, err := a.store.ContributionSource(ctx)
	if err != nil {
		return err
	}
	for i, s := range demoContributionList(time.Now().UTC()) {
		s.doc.SourceID, s.doc.Key = src.ID, fmt.Sprintf("contribution/demo-%d", i)
		s.contrib.UserID = users[0].ID
		if err := a.store.SubmitContribution(ctx, s.doc, s.contrib); err != nil {
			return fmt.Errorf("demo contribution %q: %w", s.doc.Title, err)
		}
		// Acknowledged already: the demo mails no one.
		for _, ack := range []catalog.Ack{catalog.AckReceived, catalog.AckPublished} {
			if s.doc.State == catalog.StatePublished || ack == catalog.AckReceived {
				if _, err := a.store.MarkContributionAcknowledged(ctx, s.doc.ID, ack, time.Now()); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

type demoContribution struct {
	doc     *catalog.Document
	contrib *catalog.Contribution
}

func demoContributionList(now time.Time) []demoContribution {
	day := now.Truncate(24 * time.Hour)
	return []demoContribution{
		{&catalog.Document{Title: "Parrainage vers l’emploi à Lyon", Language: "fr", ContentType: "case-study",
			Summary:   "Des bénévoles accompagnent des personnes réfugiées vers un premier emploi.",
			Text:      "Un binôme par personne, six mois d’accompagnement et des visites d’entreprises.",
			Countries: []string{"FR"}, Themes: []string{"economic-participation"}, State: catalog.StatePublished, Published: day,
			CaseStudy: &catalog.CaseStudy{Region: "Lyon", TargetGroups: []string{"personnes réfugiées"},
				Aims: "Un premier emploi stable pour 80 personnes.", Activities: "Parrainage, ateliers CV, visites d’entreprises.",
				Outcomes: "52 contrats signés en 2025.", Evaluation: "Évaluation externe par l’université Lyon 2.",
				Budget: 90000, Currency: "EUR", FundingBy: "FAMI, Métropole de Lyon", Partners: []string{"Pôle emploi", "Entreprises du Rhône"},
				Started: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), Evaluated: true}},
			&catalog.Contribution{Kind: catalog.ContributeCaseStudy, Credit: true,
				SummaryEN: "Volunteers mentor refugees towards a first job in Lyon; 52 contracts signed in 2025."}},
		{&catalog.Document{Title: "Sprachcafé für Neuzugewanderte", Language: "de", ContentType: "case-study",
			Summary: "Ehrenamtliche laden jede Woche zum Gespräch auf Deutsch ein.", Text: "Sprachpraxis im Alltag, ohne Anmeldung.",
			Countries: []string{"DE"}, Themes: []string{"education-culture"}, State: catalog.StatePublished, Published: day,
			CaseStudy: &catalog.CaseStudy{Region: "Leipzig", TargetGroups: []string{"Neuzugewanderte"},
				Aims: "Mehr Sprachpraxis außerhalb des Kurses.", Activities: "Wöchentliche Treffen in der Stadtbibliothek.", Innovative: true}},
			&catalog.Contribution{Kind: catalog.ContributeCaseStudy, Credit: true, SummaryEN: "A weekly German conversation café for newcomers in Leipzig."}},
		{&catalog.Document{Title: "Fachtag Integration vor Ort", Language: "de", ContentType: "event",
			Summary: "Kommunen und Vereine tauschen Erfahrungen aus.", Countries: []string{"DE"}, State: catalog.StatePublished, Published: day,
			Event: &catalog.Event{Start: day.AddDate(0, 1, 0).Add(8 * time.Hour), End: day.AddDate(0, 1, 0).Add(15 * time.Hour),
				TimeZone: "Europe/Brussels", Location: "Leipzig, Rathaus", Organiser: "Associação Mentor"}},
			&catalog.Contribution{Kind: catalog.ContributeEvent, Credit: true, SummaryEN: "Municipalities and associations share experience."}},
		{&catalog.Document{Title: "New mentoring round opens in Lisbon", Language: "en", ContentType: "news",
			Summary: "Applications for mentors and mentees are open until the end of the month.", Countries: []string{"PT"},
			State: catalog.StatePending, Published: day},
			&catalog.Contribution{Kind: catalog.ContributeNews, Credit: true}},
	}
}
