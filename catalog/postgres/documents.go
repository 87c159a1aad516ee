package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// documentColumns is the column list that scanDocument reads.
const documentColumns = `id, source_id, key, url, canonical_url, title, summary, text, html,
	language, languages, language_from, authors, themes, content_type, countries,
	published_at, updated_at, harvested_at, content_hash, labels, event, funding, legislation,
	duplicate_of, translation_key, gone_at, publisher, licence, translations, state, embargo_until, state_reason,
	case_study, contributor_id, summary_en`

func scanDocument(r pgx.Row) (*catalog.Document, error) {
	var (
		d                  catalog.Document
		published, updated pgtype.Timestamptz
		harvested, gone    pgtype.Timestamptz
		labels             []byte
		event, funding     []byte
		legislation        []byte
		duplicateOf        pgtype.Int8
		translations       []byte
		state              string
		embargo            pgtype.Timestamptz
		caseStudy          []byte
		contributor        pgtype.Int8
	)
	err := r.Scan(&d.ID, &d.SourceID, &d.Key, &d.URL, &d.CanonicalURL, &d.Title, &d.Summary,
		&d.Text, &d.HTML, &d.Language, &d.Languages, &d.LanguageFrom, &d.Authors, &d.Themes,
		&d.ContentType, &d.Countries, &published, &updated, &harvested, &d.ContentHash, &labels,
		&event, &funding, &legislation, &duplicateOf, &d.TranslationKey, &gone,
		&d.Publisher, &d.Licence, &translations, &state, &embargo, &d.StateReason,
		&caseStudy, &contributor, &d.SummaryEN)
	if err != nil {
		return nil, err
	}
	d.State, d.Embargo = catalog.DocumentState(state), timeOf(embargo)
	if d.Labels, err = arrayOf[catalog.Label]("labels", labels); err != nil {
		return nil, err
	}
	if err := setStructured(&d, event, funding, legislation); err != nil {
		return nil, err
	}
	if d.CaseStudy, err = caseStudyOf(caseStudy); err != nil {
		return nil, err
	}
	d.ContributorID = contributor.Int64
	if d.Translations, err = arrayOf[catalog.Translation]("translations", translations); err != nil {
		return nil, err
	}
	d.DuplicateOf = duplicateOf.Int64
	d.Languages, d.Authors = listOf(d.Languages), listOf(d.Authors)
	d.Themes, d.Countries = listOf(d.Themes), listOf(d.Countries)
	d.Published, d.Updated, d.Harvested = timeOf(published), timeOf(updated), timeOf(harvested)
	d.GoneAt = timeOf(gone)
	return &d, nil
}

// checkDocument validates d for UpsertDocument; errors wrap
// catalog.ErrInvalid.
func checkDocument(d *catalog.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	fields := []string{d.Key, d.URL, d.CanonicalURL, d.Title, d.Summary, d.SummaryEN, d.Text, d.HTML,
		d.Language, d.LanguageFrom, d.ContentType, d.ContentHash, d.TranslationKey, d.Publisher, d.Licence}
	for _, l := range [][]string{d.Languages, d.Authors, d.Themes, d.Countries} {
		fields = append(fields, l...)
	}
	for _, tr := range d.Translations {
		fields = append(fields, tr.Language, tr.URL)
	}
	return checkText(fmt.Sprintf("document %q", d.Key), fields...)
}

// UpsertDocument stores d under (d.SourceID, d.Key), keeping the search
// index in step in the same statement. It validates d (errors wrap
// catalog.ErrInvalid), sets d.ContentHash to d.Hash() when empty and
// Harvested to now when zero, and sets d.ID. A new key is inserted
// (Created); a stored one with the same ContentHash is left as it is
// (Unchanged, nothing written); one with another hash is overwritten
// (Updated). Calls for the same key from several goroutines or processes
// never duplicate it nor fail: one creates it, the others find it. An
// unknown source yields an error wrapping catalog.ErrNotFound.
func (s *Store) UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error) {
	if err := prepareDocument(d); err != nil {
		return 0, err
	}

	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	defer tx.Rollback(ctx)
	// Read committed: each statement sees what other transactions have
	// committed by then, so after losing an insert race the next look-up
	// finds the winner's row. Three rounds are plenty: a round is only lost
	// to a concurrent insert, and there is no deletion.
	res, err := upsertRetrying(ctx, tx, d)
	if err != nil || res == catalog.Unchanged {
		return res, err
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if res == catalog.Created {
		s.analyzeAfter(ctx, 1)
	}
	return res, nil
}

// errRetry says that a concurrent writer changed the row between the
// look-up and the write.
var errRetry = errors.New("retry")

func upsertDocument(ctx context.Context, tx pgx.Tx, d *catalog.Document) (catalog.UpsertResult, error) {
	var (
		hash, state string
		embargo     pgtype.Timestamptz
		locked      []string
	)
	// The editorial state is the editors': a re-harvest reads it back and
	// never writes it.
	err := tx.QueryRow(ctx, `SELECT id, content_hash, state, embargo_until, state_reason, locked_fields FROM documents
		WHERE source_id = $1 AND key = $2`, d.SourceID, d.Key).Scan(&d.ID, &hash, &state, &embargo, &d.StateReason, &locked)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return insertDocument(ctx, tx, d)
	case err != nil:
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	d.State, d.Embargo = catalog.DocumentState(state), timeOf(embargo)
	if hash == d.ContentHash {
		return catalog.Unchanged, nil
	}
	x := derivedOf(tx, d)
	if len(locked) > 0 {
		// Editors' values stay whatever the harvest brings.
		stored, err := scanDocument(tx.QueryRow(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1`, d.ID))
		if err != nil {
			return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
		}
		catalog.FieldsOf(stored).Apply(d, locked)
		d.DuplicateOf = stored.DuplicateOf
		x = derive(d)
	}
	args := documentArgs(d, x)
	args["id"] = d.ID
	// The hash condition makes a writer that waited for a concurrent
	// update of the same content write nothing.
	const q = `UPDATE documents SET
		url = @url, canonical_url = @canonical_url, title = @title, summary = @summary,
		text = @text, html = @html, language = @language, languages = @languages,
		language_from = @language_from, authors = @authors, themes = @themes,
		content_type = @content_type, countries = @countries, published_at = @published_at,
		updated_at = @updated_at, harvested_at = @harvested_at, content_hash = @content_hash,
		search = @search, labels = @labels::jsonb, event = @event::jsonb,
		funding = @funding::jsonb, legislation = @legislation::jsonb, case_study = @case_study::jsonb, summary_en = @summary_en,
		translation_key = @translation_key, text_hash = @text_hash,
		publisher = @publisher, licence = @licence, translations = @translations::jsonb,
		search_head = @search_head, theme_roots = @theme_roots, subthemes = @subthemes,
		deadline = @deadline
	WHERE id = @id AND content_hash <> @content_hash`
	tag, err := tx.Exec(ctx, q, args)
	if err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if tag.RowsAffected() == 0 {
		return catalog.Unchanged, nil
	}
	if slices.Contains(locked, catalog.FieldDuplicateOf) {
		// An editor merged it: its group is theirs.
		return catalog.Updated, nil
	}
	if err := linkDuplicates(ctx, tx, d, x, false); err != nil {
		return 0, fmt.Errorf("upsert document %q: duplicates: %w", d.Key, err)
	}
	if err := addTerms(ctx, tx, x.terms); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	return catalog.Updated, nil
}

func insertDocument(ctx context.Context, tx pgx.Tx, d *catalog.Document) (catalog.UpsertResult, error) {
	if err := initialState(ctx, tx, d); err != nil {
		return 0, err
	}
	// A concurrent insert of the same key makes this one wait for it, then
	// do nothing and return no row: the caller looks again.
	const q = `INSERT INTO documents (source_id, key, url, canonical_url, title, summary, text, html,
		language, languages, language_from, authors, themes, content_type, countries,
		published_at, updated_at, harvested_at, content_hash, search, labels, event, funding,
		legislation, translation_key, text_hash, publisher, licence, translations,
		search_head, theme_roots, subthemes, deadline, state, embargo_until, state_reason,
		case_study, contributor_id, summary_en)
	VALUES (@source_id, @key, @url, @canonical_url, @title, @summary, @text, @html,
		@language, @languages, @language_from, @authors, @themes, @content_type, @countries,
		@published_at, @updated_at, @harvested_at, @content_hash, @search, @labels::jsonb,
		@event::jsonb, @funding::jsonb, @legislation::jsonb, @translation_key, @text_hash,
		@publisher, @licence, @translations::jsonb,
		@search_head, @theme_roots, @subthemes, @deadline, @state, @embargo_until, @state_reason,
		@case_study::jsonb, @contributor_id, @summary_en)
	ON CONFLICT (source_id, key) DO NOTHING
	RETURNING id`
	x := derivedOf(tx, d)
	err := tx.QueryRow(ctx, q, documentArgs(d, x)).Scan(&d.ID)
	switch {
	case isForeignKey(err):
		return 0, fmt.Errorf("upsert document %q: source %d: %w", d.Key, d.SourceID, catalog.ErrNotFound)
	case errors.Is(err, pgx.ErrNoRows):
		return 0, errRetry
	case err != nil:
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if err := linkDuplicates(ctx, tx, d, x, true); err != nil {
		return 0, fmt.Errorf("upsert document %q: duplicates: %w", d.Key, err)
	}
	if err := addTerms(ctx, tx, x.terms); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	return catalog.Created, nil
}

// initialState sets the state of a new document, unless its caller set
// one, from its source's trust, and its embargo to UTC. An unknown source
// yields an error wrapping catalog.ErrNotFound.
func initialState(ctx context.Context, tx pgx.Tx, d *catalog.Document) error {
	if d.State == "" {
		trust, err := sourceTrust(ctx, tx, d.SourceID)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return fmt.Errorf("upsert document %q: source %d: %w", d.Key, d.SourceID, catalog.ErrNotFound)
		case err != nil:
			return fmt.Errorf("upsert document %q: %w", d.Key, err)
		}
		d.State = catalog.InitialState(trust)
	}
	d.Embargo = utc(d.Embargo)
	return nil
}

// sourceTrust reads a source's trust, once per batch.
func sourceTrust(ctx context.Context, tx pgx.Tx, id int64) (catalog.Trust, error) {
	b, _ := tx.(*batchTx)
	if t, ok := b.trust(id); ok {
		return t, nil
	}
	var trust string
	if err := tx.QueryRow(ctx, `SELECT trust FROM sources WHERE id = $1`, id).Scan(&trust); err != nil {
		return "", err
	}
	b.setTrust(id, catalog.Trust(trust))
	return catalog.Trust(trust), nil
}

// addTerms adds words to the vocabulary of "did you mean".
func addTerms(ctx context.Context, tx pgx.Tx, words []string) error {
	if b, ok := tx.(*batchTx); ok {
		b.terms = append(b.terms, words...)
		return nil
	}
	const q = `INSERT INTO search_terms (term) SELECT unnest(@terms::text[]) ON CONFLICT DO NOTHING`
	if _, err := tx.Exec(ctx, q, pgx.NamedArgs{"terms": words}); err != nil {
		return fmt.Errorf("search terms: %w", err)
	}
	return nil
}

// documentArgs names every column of d, its search vectors and derived
// columns (x, derived from d).
func documentArgs(d *catalog.Document, x *derived) pgx.NamedArgs {
	themes, subthemes := catalog.ThemeFacets(d.Themes)
	event, funding, legislation := structuredJSON(d)
	return pgx.NamedArgs{
		"labels":          jsonArray(d.Labels),
		"event":           event,
		"funding":         funding,
		"legislation":     legislation,
		"case_study":      caseStudyJSON(d),
		"summary_en":      d.SummaryEN,
		"contributor_id":  nullID(d.ContributorID),
		"translation_key": d.TranslationKey,
		"text_hash":       x.textHash,
		"publisher":       d.Publisher,
		"licence":         d.Licence,
		"translations":    jsonArray(d.Translations),
		"theme_roots":     list(themes),
		"subthemes":       list(subthemes),
		"deadline":        nullTime(deadline(d)),
		"source_id":       d.SourceID,
		"key":             d.Key,
		"url":             d.URL,
		"canonical_url":   d.CanonicalURL,
		"title":           d.Title,
		"summary":         d.Summary,
		"text":            d.Text,
		"html":            d.HTML,
		"language":        d.Language,
		"languages":       list(d.Languages),
		"language_from":   d.LanguageFrom,
		"authors":         list(d.Authors),
		"themes":          list(d.Themes),
		"content_type":    d.ContentType,
		"countries":       list(d.Countries),
		"published_at":    nullTime(d.Published),
		"updated_at":      nullTime(d.Updated),
		"harvested_at":    d.Harvested,
		"content_hash":    d.ContentHash,
		"search":          x.search,
		"search_head":     x.head,
		"state":           string(d.State),
		"embargo_until":   nullTime(d.Embargo),
		"state_reason":    d.StateReason,
	}
}

// Document returns the document with the given ID; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) Document(ctx context.Context, id int64) (*catalog.Document, error) {
	const q = `SELECT ` + documentColumns + ` FROM documents WHERE id = $1`
	d, err := scanDocument(s.pool.QueryRow(ctx, q, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("document %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	return d, nil
}

// DocumentByKey returns the document stored under (sourceID, key); none
// yields an error wrapping catalog.ErrNotFound.
func (s *Store) DocumentByKey(ctx context.Context, sourceID int64, key string) (*catalog.Document, error) {
	if checkText("key", key) != nil {
		return nil, fmt.Errorf("document %q of source %d: %w", key, sourceID, catalog.ErrNotFound)
	}
	const q = `SELECT ` + documentColumns + ` FROM documents WHERE source_id = $1 AND key = $2`
	d, err := scanDocument(s.pool.QueryRow(ctx, q, sourceID, key))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("document %q of source %d: %w", key, sourceID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %q of source %d: %w", key, sourceID, err)
	}
	return d, nil
}

// CountDocuments returns how many documents the catalog holds.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// bumpGeneration marks a write of documents, in its transaction (see
// search.CountCache). Writers of documents queue on its one row until
// they commit, which keeps the generation true to what each snapshot sees.
func bumpGeneration(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `UPDATE search_generation SET n = n + 1`); err != nil {
		return fmt.Errorf("search generation: %w", err)
	}
	return nil
}
