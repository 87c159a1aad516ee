package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/ewsi/hub/catalog"
)

// documentColumns is the column list that scanDocument reads.
const documentColumns = `id, source_id, key, url, canonical_url, title, summary, text, html,
	language, languages, language_from, authors, themes, content_type, countries,
	published_at, updated_at, harvested_at, content_hash, labels, event, funding, legislation,
	duplicate_of, translation_key, gone_at, publisher, licence, translations, state, embargo_until, state_reason,
	case_study, contributor_id, summary_en`

func scanDocument(r scanner) (*catalog.Document, error) {
	var (
		d                                  catalog.Document
		languages, authors, themes, places string
		published, updated, gone           sql.NullInt64
		harvested                          int64
		labels                             string
		event, funding, legislation        sql.NullString
		duplicateOf                        sql.NullInt64
		translations                       string
		embargo                            sql.NullInt64
		caseStudy                          sql.NullString
		contributor                        sql.NullInt64
	)
	err := r.Scan(&d.ID, &d.SourceID, &d.Key, &d.URL, &d.CanonicalURL, &d.Title, &d.Summary,
		&d.Text, &d.HTML, &d.Language, &languages, &d.LanguageFrom, &authors, &themes,
		&d.ContentType, &places, &published, &updated, &harvested, &d.ContentHash, &labels,
		&event, &funding, &legislation, &duplicateOf, &d.TranslationKey, &gone,
		&d.Publisher, &d.Licence, &translations, &d.State, &embargo, &d.StateReason,
		&caseStudy, &contributor, &d.SummaryEN)
	if err != nil {
		return nil, err
	}
	d.Embargo = timeOf(embargo)
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
	for _, l := range []struct {
		dst *[]string
		src string
	}{{&d.Languages, languages}, {&d.Authors, authors}, {&d.Themes, themes}, {&d.Countries, places}} {
		if *l.dst, err = listOf(l.src); err != nil {
			return nil, err
		}
	}
	d.Published, d.Updated, d.GoneAt = timeOf(published), timeOf(updated), timeOf(gone)
	d.Harvested = timeOf(sql.NullInt64{Int64: harvested, Valid: true})
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
// index in step in the same transaction. It validates d (errors wrap
// catalog.ErrInvalid), sets d.ContentHash to d.Hash() when empty and
// Harvested to now when zero, and sets d.ID. A new key is inserted
// (Created); a stored one with the same ContentHash is left as it is
// (Unchanged, nothing written); one with another hash is overwritten
// (Updated). Calls for the same key from several goroutines or processes
// never duplicate it. An unknown source yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) UpsertDocument(ctx context.Context, d *catalog.Document) (catalog.UpsertResult, error) {
	res, err := s.UpsertDocuments(ctx, []*catalog.Document{d})
	if err != nil {
		return 0, err
	}
	return res[0], nil
}

func upsertDocument(ctx context.Context, tx dbtx, d *catalog.Document) (catalog.UpsertResult, error) {
	var (
		id           int64
		hash, locked string
		embargo      sql.NullInt64
	)
	// The editorial state is the editors': a re-harvest reads it back and
	// never writes it.
	err := tx.QueryRowContext(ctx, `SELECT id, content_hash, state, embargo_until, state_reason, locked_fields
		FROM documents WHERE source_id = ? AND key = ?`, d.SourceID, d.Key).Scan(&id, &hash, &d.State, &embargo,
		&d.StateReason, &locked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return insertDocument(ctx, tx, d)
	case err != nil:
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	d.ID, d.Embargo = id, timeOf(embargo)
	if hash == d.ContentHash {
		return catalog.Unchanged, nil
	}
	forgetDerived(tx, d)
	lockedList, err := keepLocked(ctx, tx, d, locked)
	if err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	const q = `UPDATE documents SET
		url = @url, canonical_url = @canonical_url, title = @title, summary = @summary,
		text = @text, html = @html, language = @language, languages = @languages,
		language_from = @language_from, authors = @authors, themes = @themes,
		content_type = @content_type, countries = @countries, published_at = @published_at,
		updated_at = @updated_at, harvested_at = @harvested_at, content_hash = @content_hash,
		labels = @labels, event = @event, funding = @funding, legislation = @legislation,
		case_study = @case_study, summary_en = @summary_en,
		translation_key = @translation_key, text_hash = @text_hash,
		publisher = @publisher, licence = @licence, translations = @translations,
		theme_roots = @theme_roots, subthemes = @subthemes, deadline = @deadline
	WHERE id = @id`
	if _, err := tx.ExecContext(ctx, q, documentArgs(tx, d)...); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if err := index(ctx, tx, d, true); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if slices.Contains(lockedList, catalog.FieldDuplicateOf) {
		// An editor merged it: its group is theirs.
		return catalog.Updated, nil
	}
	if err := linkDuplicates(ctx, tx, d, false); err != nil {
		return 0, fmt.Errorf("upsert document %q: duplicates: %w", d.Key, err)
	}
	return catalog.Updated, nil
}

func insertDocument(ctx context.Context, tx dbtx, d *catalog.Document) (catalog.UpsertResult, error) {
	if d.State == "" {
		trust, err := sourceTrust(ctx, tx, d.SourceID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return 0, fmt.Errorf("upsert document %q: source %d: %w", d.Key, d.SourceID, catalog.ErrNotFound)
		case err != nil:
			return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
		}
		d.State = catalog.InitialState(catalog.Trust(trust))
	}
	d.Embargo = utc(d.Embargo)
	// ON CONFLICT is a safety net: the IMMEDIATE transaction already rules
	// out a concurrent insert of the same key.
	const q = `INSERT INTO documents (source_id, key, url, canonical_url, title, summary, text, html,
		language, languages, language_from, authors, themes, content_type, countries,
		published_at, updated_at, harvested_at, content_hash, labels, event, funding, legislation,
		translation_key, text_hash, publisher, licence, translations, theme_roots, subthemes, deadline,
		state, embargo_until, state_reason, case_study, contributor_id, summary_en)
	VALUES (@source_id, @key, @url, @canonical_url, @title, @summary, @text, @html,
		@language, @languages, @language_from, @authors, @themes, @content_type, @countries,
		@published_at, @updated_at, @harvested_at, @content_hash, @labels, @event, @funding, @legislation,
		@translation_key, @text_hash, @publisher, @licence, @translations, @theme_roots, @subthemes, @deadline,
		@state, @embargo_until, @state_reason, @case_study, @contributor_id, @summary_en)
	ON CONFLICT (source_id, key) DO NOTHING
	RETURNING id`
	err := tx.QueryRowContext(ctx, q, documentArgs(tx, d)...).Scan(&d.ID)
	switch {
	case isForeignKey(err):
		return 0, fmt.Errorf("upsert document %q: source %d: %w", d.Key, d.SourceID, catalog.ErrNotFound)
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("upsert document %q: inserted concurrently", d.Key)
	case err != nil:
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if err := index(ctx, tx, d, false); err != nil {
		return 0, fmt.Errorf("upsert document %q: %w", d.Key, err)
	}
	if err := linkDuplicates(ctx, tx, d, true); err != nil {
		return 0, fmt.Errorf("upsert document %q: duplicates: %w", d.Key, err)
	}
	return catalog.Created, nil
}

// sourceTrust returns the trust of the source id. A batch reads each
// source's once: its documents come from a few sources, and the write
// lock it holds keeps the trust from changing.
func sourceTrust(ctx context.Context, tx dbtx, id int64) (string, error) {
	b, batched := tx.(*batchTx)
	if batched {
		if trust, ok := b.trust[id]; ok {
			return trust, nil
		}
	}
	var trust string
	if err := tx.QueryRowContext(ctx, `SELECT trust FROM sources WHERE id = ?`, id).Scan(&trust); err != nil {
		return "", err
	}
	if batched {
		b.trust[id] = trust
	}
	return trust, nil
}

// documentArgs names every column of d for the insert and update, in tx.
func documentArgs(tx dbtx, d *catalog.Document) []any {
	event, funding, legislation := structuredJSON(d)
	themes, subthemes := catalog.ThemeFacets(d.Themes)
	return []any{
		sql.Named("labels", jsonArray(d.Labels)),
		sql.Named("event", event),
		sql.Named("funding", funding),
		sql.Named("legislation", legislation),
		sql.Named("case_study", caseStudyJSON(d)),
		sql.Named("contributor_id", nullID(d.ContributorID)),
		sql.Named("translation_key", d.TranslationKey),
		sql.Named("text_hash", textHash(tx, d)),
		sql.Named("publisher", d.Publisher),
		sql.Named("licence", d.Licence),
		sql.Named("translations", jsonArray(d.Translations)),
		sql.Named("theme_roots", list(themes)),
		sql.Named("subthemes", list(subthemes)),
		sql.Named("deadline", micros(deadline(d))),
		sql.Named("id", d.ID),
		sql.Named("source_id", d.SourceID),
		sql.Named("key", d.Key),
		sql.Named("url", d.URL),
		sql.Named("canonical_url", d.CanonicalURL),
		sql.Named("title", d.Title),
		sql.Named("summary", d.Summary),
		sql.Named("summary_en", d.SummaryEN),
		sql.Named("text", d.Text),
		sql.Named("html", d.HTML),
		sql.Named("language", d.Language),
		sql.Named("languages", list(d.Languages)),
		sql.Named("language_from", d.LanguageFrom),
		sql.Named("authors", list(d.Authors)),
		sql.Named("themes", list(d.Themes)),
		sql.Named("content_type", d.ContentType),
		sql.Named("countries", list(d.Countries)),
		sql.Named("published_at", micros(d.Published)),
		sql.Named("updated_at", micros(d.Updated)),
		sql.Named("harvested_at", micros(d.Harvested)),
		sql.Named("content_hash", d.ContentHash),
		sql.Named("state", string(d.State)),
		sql.Named("embargo_until", micros(d.Embargo)),
		sql.Named("state_reason", d.StateReason),
	}
}

// Document returns the document with the given ID; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) Document(ctx context.Context, id int64) (*catalog.Document, error) {
	const q = `SELECT ` + documentColumns + ` FROM documents WHERE id = ?`
	d, err := scanDocument(s.read.QueryRowContext(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	const q = `SELECT ` + documentColumns + ` FROM documents WHERE source_id = ? AND key = ?`
	d, err := scanDocument(s.read.QueryRowContext(ctx, q, sourceID, key))
	if errors.Is(err, sql.ErrNoRows) {
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
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// keepLocked puts back into d the stored values of the fields editors
// changed (locked, a JSON list), so a harvest never overwrites them.
// It returns the locked fields.
func keepLocked(ctx context.Context, tx dbtx, d *catalog.Document, locked string) ([]string, error) {
	fields, err := listOf(locked)
	if err != nil || len(fields) == 0 {
		return nil, err
	}
	stored, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, d.ID))
	if err != nil {
		return nil, err
	}
	catalog.FieldsOf(stored).Apply(d, fields)
	d.DuplicateOf = stored.DuplicateOf
	return fields, nil
}
