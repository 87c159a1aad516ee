package sqlite

import (
	"testing"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// TestContentlessMigration applies 00120 to a catalog whose documents the
// search table of 00030 indexes: Migrate rebuilds the index, the
// documents are found again by word and by stem, and the index keeps no
// copy of their text.
func TestContentlessMigration(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	src := catalog.Source{Kind: catalog.KindFeed, URL: "https://news.example/feed", Name: "News"}
	if err := s.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	d := catalog.Document{SourceID: src.ID, Key: "a", URL: "https://news.example/a", Language: "en",
		Title: "Housing for newcomers", Text: "The council opens new language programmes for adults."}
	if _, err := s.UpsertDocument(ctx, &d); err != nil {
		t.Fatal(err)
	}

	// Back to the table of 00030, holding the document as it did.
	p, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 110); err != nil {
		t.Fatal(err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The row index wrote then (documents_head came later, in 00130).
	c := ftsOf(tx, &d)
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, summary, body, title_stems, summary_stems, body_stems)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.ID, c[0], c[1], c[2], c[3], c[4], c[5]); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := tables(t, s, "documents_fts_content"); n != 1 {
		t.Fatalf("before 00120: %d content tables, want 1", n)
	}

	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := tables(t, s, "documents_fts_content"); n != 0 {
		t.Errorf("after 00120: %d content tables, want none", n)
	}
	for _, q := range []string{"housing", "programme", `"language programmes"`} {
		res, err := s.Search(ctx, catalog.Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 {
			t.Errorf("Search(%s) after 00120: %d hits, want 1", q, res.Total)
		}
	}
}

// tables counts the tables of s named name.
func tables(t *testing.T, s *Store, name string) int {
	t.Helper()
	var n int
	if err := s.read.QueryRowContext(t.Context(), `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`,
		name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSearchHashSize checks that migration 00121 sets the FTS5 hash size
// of the search index.
func TestSearchHashSize(t *testing.T) {
	s, _ := openTemp(t)
	var n int
	if err := s.read.QueryRowContext(t.Context(), `SELECT v FROM documents_fts_config WHERE k = 'hashsize'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 16<<20 {
		t.Errorf("hashsize %d, want %d", n, 16<<20)
	}
}

// TestSummaryENMigration applies 00141 to a catalog holding a contribution
// whose English summary lay in contributions alone, unindexed: the
// document gets it and is found by it.
func TestSummaryENMigration(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	src, err := s.ContributionSource(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u := catalog.User{Email: "lea@ngo.example", Name: "Lea"}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	d := catalog.Document{SourceID: src.ID, Key: "c/1", URL: "https://hub.example/c/1", Language: "de",
		Title: "Werkstatt für Neuankömmlinge", Text: "Ein Projekt in Graz.", State: catalog.StatePublished}
	c := catalog.Contribution{UserID: u.ID, Kind: catalog.ContributeDocument, SummaryEN: "Woodworking for newcomers."}
	if err := s.SubmitContribution(ctx, &d, &c); err != nil {
		t.Fatal(err)
	}

	// Back to 00130: the summary in contributions only, the index
	// without it.
	p, err := s.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 130); err != nil {
		t.Fatal(err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	old := d
	old.SummaryEN = ""
	for _, q := range []string{`INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')`,
		`INSERT INTO documents_head (documents_head) VALUES ('delete-all')`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := insertFTS(ctx, tx, ftsRow{d.ID, ftsColumns(analysis.Document(&old))}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Search(ctx, catalog.Query{Text: "woodworking"}); err != nil || res.Total != 0 {
		t.Fatalf("before 00141: %v, %v; want no hit", res, err)
	}

	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SummaryEN != c.SummaryEN {
		t.Errorf("after 00141: SummaryEN = %q, want %q", got.SummaryEN, c.SummaryEN)
	}
	if res, err := s.Search(ctx, catalog.Query{Text: "woodworking"}); err != nil || res.Total != 1 {
		t.Errorf("after 00141: %v, %v; want the contribution", res, err)
	}
}
