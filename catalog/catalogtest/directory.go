package catalogtest

import (
	"context"
	"testing"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Directory is what every store keeps of the directory of organisations
// and what it shows of people. Errors wrap catalog.ErrInvalid (a field or
// query breaking a rule) or catalog.ErrNotFound (an unknown entry, source
// or creator).
type Directory interface {
	// CreateOrganisation validates o and sets ID, CreatedAt and UpdatedAt.
	CreateOrganisation(ctx context.Context, o *catalog.Organisation) error
	// Organisation reads an entry with its themes, sources and what the
	// published documents of its sources hold (DocumentThemes, the six
	// themes only, and DocumentCountries).
	Organisation(ctx context.Context, id int64) (*catalog.Organisation, error)
	// UpdateOrganisation saves all but CreatedBy and CreatedAt and reloads o.
	UpdateOrganisation(ctx context.Context, o *catalog.Organisation) error
	DeleteOrganisation(ctx context.Context, id int64) error
	// Organisations lists a page by folded name; Country and Theme match
	// declared values or those of the published documents of its sources;
	// each facet is counted with the other filters applied.
	Organisations(ctx context.Context, q catalog.OrganisationQuery) (*catalog.OrganisationResult, error)
	// People lists verified accounts with Listed set, by name.
	People(ctx context.Context, q catalog.PeopleQuery) (*catalog.PeopleResult, error)
	// RegistrationFigures counts verified accounts and entries per
	// organisation type × country.
	RegistrationFigures(ctx context.Context) ([]catalog.RegistrationFigure, error)
	// RefreshOrganisationTags brings what documents add to every entry up
	// to date; saving an entry brings its own.
	RefreshOrganisationTags(ctx context.Context) error
}

// mustOrganisation creates o and returns it as stored.
func mustOrganisation(t testing.TB, s Store, o catalog.Organisation) catalog.Organisation {
	t.Helper()
	if err := s.CreateOrganisation(t.Context(), &o); err != nil {
		t.Fatalf("CreateOrganisation(%s): %v", o.Name, err)
	}
	return o
}

// orgNames returns the names of a directory page.
func orgNames(res *catalog.OrganisationResult) []string {
	var out []string
	for _, o := range res.Organisations {
		out = append(out, o.Name)
	}
	return out
}

func testDirectory(t *testing.T, open func(t *testing.T) Store) {
	t.Run("CreateReadUpdateDelete", func(t *testing.T) { testOrganisationLifecycle(t, open(t)) })
	t.Run("Invalid", func(t *testing.T) { testOrganisationInvalid(t, open(t)) })
	t.Run("PartnerSearch", func(t *testing.T) { testPartnerSearch(t, open(t)) })
	t.Run("People", func(t *testing.T) { testPeople(t, open(t)) })
	t.Run("Figures", func(t *testing.T) { testFigures(t, open(t)) })
}

func testOrganisationLifecycle(t *testing.T, s Store) {
	ctx := t.Context()
	owner := mustUser(t, s, catalog.User{Email: "owner@ngo.example", Name: "Owner"})
	src := mustSource(t, s, feed("https://ngo.example/feed"))
	o := mustOrganisation(t, s, catalog.Organisation{
		Name: "  Réseau Accueil ", Type: "civil-society", Country: "FR", City: "Lyon",
		Website: "https://reseau.example/", Description: "Welcomes newcomers.",
		Themes: []string{"social-cohesion", "social-cohesion", "education-culture"}, Languages: []string{"fr", "en"},
		Email: "contact@reseau.example", EmailPublic: true, SourceIDs: []int64{src.ID}, CreatedBy: owner.ID,
	})
	if o.ID <= 0 || o.Name != "Réseau Accueil" || o.CreatedAt.IsZero() || !o.UpdatedAt.Equal(o.CreatedAt) {
		t.Fatalf("created %+v", o)
	}
	checkUTC(t, "organisation", o.CreatedAt, o.UpdatedAt)
	got, err := s.Organisation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	ignoreOrder := cmpopts.SortSlices(func(a, b string) bool { return a < b })
	if diff := cmp.Diff(o, *got, equateEmpty, ignoreOrder); diff != "" {
		t.Errorf("Organisation (-want +got):\n%s", diff)
	}
	got.Name, got.Themes, got.SourceIDs, got.EmailPublic = "Réseau Accueil France", []string{"tools-techniques"}, nil, false
	got.VerifiedAt = t0.In(cet)
	if err := s.UpdateOrganisation(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, err := s.Organisation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Name != "Réseau Accueil France" || !cmp.Equal(again.Themes, []string{"tools-techniques"}) ||
		len(again.SourceIDs) != 0 || again.EmailPublic || !again.VerifiedAt.Equal(t0) || again.CreatedBy != owner.ID {
		t.Errorf("after update: %+v", again)
	}
	checkUTC(t, "verified", again.VerifiedAt)
	if again.UpdatedAt.Before(again.CreatedAt) {
		t.Errorf("UpdatedAt %v before CreatedAt %v", again.UpdatedAt, again.CreatedAt)
	}
	wantErr(t, "update unknown", s.UpdateOrganisation(ctx, &catalog.Organisation{ID: o.ID + 99, Name: "x", Type: "business", Country: "DE"}), catalog.ErrNotFound)
	wantErr(t, "delete", s.DeleteOrganisation(ctx, o.ID), nil)
	_, err = s.Organisation(ctx, o.ID)
	wantErr(t, "read deleted", err, catalog.ErrNotFound)
	wantErr(t, "delete again", s.DeleteOrganisation(ctx, o.ID), catalog.ErrNotFound)
}

func testOrganisationInvalid(t *testing.T, s Store) {
	ctx := t.Context()
	base := catalog.Organisation{Name: "Valid", Type: "business", Country: "DE"}
	for name, tc := range map[string]struct {
		change func(o *catalog.Organisation)
		want   error
	}{
		"empty name":       {func(o *catalog.Organisation) { o.Name = "  " }, catalog.ErrInvalid},
		"unknown type":     {func(o *catalog.Organisation) { o.Type = "guild" }, catalog.ErrInvalid},
		"unknown country":  {func(o *catalog.Organisation) { o.Country = "XX" }, catalog.ErrInvalid},
		"sub-theme":        {func(o *catalog.Organisation) { o.Themes = []string{"employment"} }, catalog.ErrInvalid},
		"bad website":      {func(o *catalog.Organisation) { o.Website = "javascript:alert(1)" }, catalog.ErrInvalid},
		"bad email":        {func(o *catalog.Organisation) { o.Email = "not-an-address" }, catalog.ErrInvalid},
		"public no email":  {func(o *catalog.Organisation) { o.EmailPublic = true }, catalog.ErrInvalid},
		"NUL byte":         {func(o *catalog.Organisation) { o.City = "a\x00b" }, catalog.ErrInvalid},
		"unknown language": {func(o *catalog.Organisation) { o.Languages = []string{"xx"} }, catalog.ErrInvalid},
		"unknown source":   {func(o *catalog.Organisation) { o.SourceIDs = []int64{4242} }, catalog.ErrNotFound},
		"unknown creator":  {func(o *catalog.Organisation) { o.CreatedBy = 4242 }, catalog.ErrNotFound},
	} {
		o := base
		tc.change(&o)
		wantErr(t, name, s.CreateOrganisation(ctx, &o), tc.want)
	}
	res, err := s.Organisations(ctx, catalog.OrganisationQuery{})
	if err != nil || res.Total != 0 {
		t.Errorf("after refused creations: %+v, %v; want none stored", res, err)
	}
	for name, q := range map[string]catalog.OrganisationQuery{
		"type": {Type: "guild"}, "country": {Country: "XX"}, "sub-theme": {Theme: "employment"},
		"limit": {Limit: catalog.MaxOrganisationLimit + 1}, "offset": {Offset: -1},
	} {
		_, err := s.Organisations(ctx, q)
		wantErr(t, "query "+name, err, catalog.ErrInvalid)
	}
	_, err = s.People(ctx, catalog.PeopleQuery{Country: "XX"})
	wantErr(t, "people query", err, catalog.ErrInvalid)
}

// testPartnerSearch: declared themes and countries, and those of the
// published documents of linked sources, find an organisation; a pending
// document adds nothing; facets count with the other filters applied.
func testPartnerSearch(t *testing.T, s Store) {
	ctx := t.Context()
	src := mustSource(t, s, feed("https://accueil.example/feed"))
	d := doc(src.ID, "jobs")
	d.Themes, d.Countries = []string{"employment"}, []string{"DE"}
	mustUpsert(t, s, d, catalog.Created)
	hidden := doc(src.ID, "draft")
	hidden.Themes, hidden.Countries, hidden.State = []string{"health"}, []string{"PL"}, catalog.StatePending
	mustUpsert(t, s, hidden, catalog.Created)

	accueil := mustOrganisation(t, s, catalog.Organisation{Name: "Accueil Lyon", Type: "civil-society", Country: "FR",
		Themes: []string{"social-cohesion"}, SourceIDs: []int64{src.ID}})
	mustOrganisation(t, s, catalog.Organisation{Name: "Institut für Bildung", Type: "academia", Country: "DE",
		Themes: []string{"education-culture"}})
	mustOrganisation(t, s, catalog.Organisation{Name: "Étude 100% Roma", Type: "civil-society", Country: "IT", VerifiedAt: t0})

	// A document harvested after the entry was saved counts once the tags
	// are refreshed; a pending one never.
	later := doc(src.ID, "later")
	later.Themes, later.Countries = []string{"school-education"}, []string{"AT"}
	mustUpsert(t, s, later, catalog.Created)
	res, err := s.Organisations(ctx, catalog.OrganisationQuery{Country: "AT"})
	if err != nil || res.Total != 0 {
		t.Fatalf("before the refresh: %v, %v; want nothing in AT yet", orgNames(res), err)
	}
	wantErr(t, "RefreshOrganisationTags", s.RefreshOrganisationTags(ctx), nil)
	res, err = s.Organisations(ctx, catalog.OrganisationQuery{Country: "AT", Theme: "education-culture"})
	if err != nil || !cmp.Equal(orgNames(res), []string{"Accueil Lyon"}) {
		t.Fatalf("after the refresh: %v, %v; want Accueil Lyon", orgNames(res), err)
	}
	ed := mustUser(t, s, catalog.User{Email: "ed@x.example", Name: "Ed", Role: catalog.RoleEditor})
	if _, err := s.SetDocumentState(ctx, &catalog.StateChange{IDs: []int64{mustDocByKey(t, s, src.ID, "later")}, State: catalog.StateArchived, EditorID: ed.ID}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "RefreshOrganisationTags", s.RefreshOrganisationTags(ctx), nil)

	got, err := s.Organisation(ctx, accueil.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(got.DocumentThemes, []string{"economic-participation"}) || !cmp.Equal(got.DocumentCountries, []string{"DE"}) {
		t.Errorf("documents' themes %v and countries %v; want [economic-participation] [DE] (the pending one adds nothing)",
			got.DocumentThemes, got.DocumentCountries)
	}
	if want := []string{"economic-participation", "social-cohesion"}; !cmp.Equal(got.AllThemes(), want) {
		t.Errorf("AllThemes = %v, want %v", got.AllThemes(), want)
	}

	for _, tc := range []struct {
		name string
		q    catalog.OrganisationQuery
		want []string
	}{
		{"all by name", catalog.OrganisationQuery{}, []string{"Accueil Lyon", "Étude 100% Roma", "Institut für Bildung"}},
		{"theme from documents", catalog.OrganisationQuery{Theme: "economic-participation"}, []string{"Accueil Lyon"}},
		{"theme declared", catalog.OrganisationQuery{Theme: "social-cohesion"}, []string{"Accueil Lyon"}},
		{"pending document's theme", catalog.OrganisationQuery{Theme: "social-cohesion", Country: "PL"}, nil},
		{"country declared or from documents", catalog.OrganisationQuery{Country: "DE"}, []string{"Accueil Lyon", "Institut für Bildung"}},
		{"theme X in country Y", catalog.OrganisationQuery{Theme: "education-culture", Country: "DE"}, []string{"Institut für Bildung"}},
		{"type", catalog.OrganisationQuery{Type: "civil-society"}, []string{"Accueil Lyon", "Étude 100% Roma"}},
		{"name folded", catalog.OrganisationQuery{Text: "ETUDE"}, []string{"Étude 100% Roma"}},
		{"name with wildcard", catalog.OrganisationQuery{Text: "100%"}, []string{"Étude 100% Roma"}},
		{"wildcard is literal", catalog.OrganisationQuery{Text: "_"}, nil},
		{"verified only", catalog.OrganisationQuery{VerifiedOnly: true}, []string{"Étude 100% Roma"}},
		{"page", catalog.OrganisationQuery{Limit: 1, Offset: 1}, []string{"Étude 100% Roma"}},
	} {
		res, err := s.Organisations(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, orgNames(res), equateEmpty); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if tc.q.Limit == 0 && res.Total != len(tc.want) {
			t.Errorf("%s: total %d, want %d", tc.name, res.Total, len(tc.want))
		}
	}
	res, err = s.Organisations(ctx, catalog.OrganisationQuery{Country: "DE", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Organisations) != 1 {
		t.Errorf("page of 1: total %d, %d entries", res.Total, len(res.Organisations))
	}
	want := map[string][]catalog.FacetCount{
		// The country facet ignores the country filter.
		catalog.FacetOrgCountry: {{Value: "DE", Count: 2}, {Value: "FR", Count: 1}, {Value: "IT", Count: 1}},
		catalog.FacetOrgType:    {{Value: "academia", Count: 1}, {Value: "civil-society", Count: 1}},
		catalog.FacetOrgTheme:   {{Value: "economic-participation", Count: 1}, {Value: "education-culture", Count: 1}, {Value: "social-cohesion", Count: 1}},
	}
	if diff := cmp.Diff(want, res.Facets, equateEmpty); diff != "" {
		t.Errorf("facets with country DE (-want +got):\n%s", diff)
	}
}

func testPeople(t *testing.T, s Store) {
	ctx := t.Context()
	at := time.Now()
	mustUser(t, s, catalog.User{Email: "b@x.example", Name: "Bea", OrganisationType: "academia", Country: "DE", Listed: true, EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "a@x.example", Name: "Ana", Organisation: "Ciudad", OrganisationType: "regional-local-authority", Country: "ES", Listed: true, EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "c@x.example", Name: "Cem", OrganisationType: "academia", Country: "ES", Listed: true, EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "hidden@x.example", Name: "Hidden", Country: "ES", EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "new@x.example", Name: "Unverified", Country: "ES", Listed: true})

	res, err := s.People(ctx, catalog.PeopleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range res.People {
		names = append(names, p.Name)
	}
	if !cmp.Equal(names, []string{"Ana", "Bea", "Cem"}) || res.Total != 3 {
		t.Errorf("listed people %v (total %d), want Ana, Bea, Cem", names, res.Total)
	}
	if p := res.People[0]; p.Organisation != "Ciudad" || p.OrganisationType != "regional-local-authority" || p.Country != "ES" || p.ID <= 0 {
		t.Errorf("person %+v", p)
	}
	res, err = s.People(ctx, catalog.PeopleQuery{Country: "ES", OrganisationType: "academia"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.People[0].Name != "Cem" {
		t.Errorf("ES academia: %+v", res.People)
	}
	want := map[string][]catalog.FacetCount{
		catalog.FacetOrgCountry: {{Value: "DE", Count: 1}, {Value: "ES", Count: 1}},
		catalog.FacetOrgType:    {{Value: "academia", Count: 1}, {Value: "regional-local-authority", Count: 1}},
	}
	if diff := cmp.Diff(want, res.Facets); diff != "" {
		t.Errorf("people facets (-want +got):\n%s", diff)
	}
}

func testFigures(t *testing.T, s Store) {
	at := time.Now()
	mustUser(t, s, catalog.User{Email: "a@x.example", Name: "A", OrganisationType: "academia", Country: "DE", EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "b@x.example", Name: "B", OrganisationType: "academia", Country: "DE", EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "c@x.example", Name: "C", EmailVerifiedAt: at})
	mustUser(t, s, catalog.User{Email: "d@x.example", Name: "D", OrganisationType: "business", Country: "FR"}) // unverified
	mustOrganisation(t, s, catalog.Organisation{Name: "Uni", Type: "academia", Country: "DE"})
	mustOrganisation(t, s, catalog.Organisation{Name: "Mairie", Type: "regional-local-authority", Country: "FR"})
	got, err := s.RegistrationFigures(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.RegistrationFigure{
		{Type: "regional-local-authority", Country: "FR", Organisations: 1},
		{Type: "academia", Country: "DE", Accounts: 2, Organisations: 1},
		{Type: "", Country: "", Accounts: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RegistrationFigures (-want +got):\n%s", diff)
	}
}

// mustDocByKey returns the ID of a source's document.
func mustDocByKey(t testing.TB, s Store, sourceID int64, key string) int64 {
	t.Helper()
	d, err := s.DocumentByKey(t.Context(), sourceID, key)
	if err != nil {
		t.Fatalf("DocumentByKey(%q): %v", key, err)
	}
	return d.ID
}
