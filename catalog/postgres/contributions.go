package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/ewsi/hub/catalog"
)

// ContributionSource returns the one source that holds contributed
// documents, making it on first use: kind catalog.KindContributions,
// disabled, so no harvest ever fetches it.
func (s *Store) ContributionSource(ctx context.Context) (*catalog.Source, error) {
	src, err := s.SourceByURL(ctx, catalog.ContributionsSourceURL)
	if !errors.Is(err, catalog.ErrNotFound) {
		return src, err
	}
	src = &catalog.Source{Kind: catalog.KindContributions, URL: catalog.ContributionsSourceURL,
		Name: "Contributions", Publisher: "EWSI Hub contributors", Status: catalog.StatusDisabled,
		Interval: catalog.MaxInterval}
	err = s.CreateSource(ctx, src)
	if errors.Is(err, catalog.ErrConflict) { // made by a concurrent first use
		return s.SourceByURL(ctx, catalog.ContributionsSourceURL)
	}
	if err != nil {
		return nil, fmt.Errorf("contribution source: %w", err)
	}
	return src, nil
}

// SubmitContribution stores a contributed document d (with its State set
// by the caller) and c, its contribution, in one transaction; it sets
// d.ID, c.DocumentID and c.Submitted. Errors wrap catalog.ErrInvalid
// (either fails validation) or catalog.ErrConflict (d's key is taken).
func (s *Store) SubmitContribution(ctx context.Context, d *catalog.Document, c *catalog.Contribution) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	if err := checkText("contribution", c.SummaryEN); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	if err := checkDocument(d); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	d.ContributorID, d.SummaryEN = c.UserID, c.SummaryEN
	d.ContentHash = d.Hash()
	if d.Harvested.IsZero() {
		d.Harvested = now()
	}
	d.Published, d.Updated, d.Harvested = utc(d.Published), utc(d.Updated), utc(d.Harvested)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	defer tx.Rollback(ctx)
	res, err := upsertDocument(ctx, tx, d)
	if err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	if res != catalog.Created {
		return fmt.Errorf("submit contribution: %w: key %q is taken", catalog.ErrConflict, d.Key)
	}
	c.DocumentID, c.Submitted = d.ID, d.Harvested
	const q = `INSERT INTO contributions (document_id, user_id, kind, credit, summary_en, submitted_at)
	VALUES ($1, $2, $3, $4, $5, $6)`
	if _, err := tx.Exec(ctx, q, c.DocumentID, c.UserID, string(c.Kind), c.Credit, c.SummaryEN, c.Submitted); err != nil {
		if isForeignKey(err) {
			return fmt.Errorf("submit contribution: user %d: %w", c.UserID, catalog.ErrNotFound)
		}
		return fmt.Errorf("submit contribution: %w", err)
	}
	if err := bumpGeneration(ctx, tx); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	return nil
}

const contributionColumns = `c.document_id, c.user_id, c.kind, c.credit, c.summary_en, c.submitted_at,
	c.received_ack_at, c.published_ack_at`

func scanContribution(r pgx.Row, more ...any) (*catalog.Contribution, error) {
	var (
		c                  catalog.Contribution
		received, publishd pgtype.Timestamptz
	)
	dest := append([]any{&c.DocumentID, &c.UserID, &c.Kind, &c.Credit, &c.SummaryEN, &c.Submitted, &received, &publishd}, more...)
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	c.Submitted = utc(c.Submitted)
	c.ReceivedAck, c.PublishedAck = timeOf(received), timeOf(publishd)
	return &c, nil
}

// Contribution returns the contribution of document id; a document that
// no user contributed yields an error wrapping catalog.ErrNotFound.
func (s *Store) Contribution(ctx context.Context, documentID int64) (*catalog.Contribution, error) {
	const q = `SELECT ` + contributionColumns + ` FROM contributions c WHERE c.document_id = $1`
	c, err := scanContribution(s.pool.QueryRow(ctx, q, documentID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("contribution of document %d: %w", documentID, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("contribution of document %d: %w", documentID, err)
	}
	return c, nil
}

// ContributionsByUser lists a user's contributions with their documents'
// titles and states, newest first. Errors are the database's only.
func (s *Store) ContributionsByUser(ctx context.Context, userID int64) ([]catalog.ContributedItem, error) {
	const q = `SELECT ` + contributionColumns + `, d.title, d.language, d.state, d.embargo_until
	FROM contributions c JOIN documents d ON d.id = c.document_id
	WHERE c.user_id = $1 ORDER BY c.submitted_at DESC, c.document_id DESC`
	rows, err := s.pool.Query(ctx, q, userID)
	if err != nil {
		return nil, fmt.Errorf("contributions of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := []catalog.ContributedItem{}
	for rows.Next() {
		var (
			it      catalog.ContributedItem
			embargo pgtype.Timestamptz
		)
		c, err := scanContribution(rows, &it.Title, &it.Language, &it.State, &embargo)
		if err != nil {
			return nil, fmt.Errorf("contributions of user %d: %w", userID, err)
		}
		it.Contribution, it.Embargo = *c, timeOf(embargo)
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("contributions of user %d: %w", userID, err)
	}
	return out, nil
}

// MarkContributionAcknowledged records that acknowledgement ack of
// document id's contribution was queued at at, and reports whether this
// call recorded it: false when it already was, so a mail goes out once
// whoever asks. An unknown contribution yields an error wrapping
// catalog.ErrNotFound; an unknown ack one wrapping catalog.ErrInvalid.
func (s *Store) MarkContributionAcknowledged(ctx context.Context, documentID int64, ack catalog.Ack, at time.Time) (bool, error) {
	var q string
	switch ack {
	case catalog.AckReceived:
		q = `UPDATE contributions SET received_ack_at = $1 WHERE document_id = $2 AND received_ack_at IS NULL`
	case catalog.AckPublished:
		q = `UPDATE contributions SET published_ack_at = $1 WHERE document_id = $2 AND published_ack_at IS NULL`
	default:
		return false, fmt.Errorf("acknowledge contribution %d: %w: unknown acknowledgement %q", documentID, catalog.ErrInvalid, ack)
	}
	tag, err := s.pool.Exec(ctx, q, utc(at), documentID)
	if err != nil {
		return false, fmt.Errorf("acknowledge contribution %d: %w", documentID, err)
	}
	if tag.RowsAffected() == 0 {
		if _, err := s.Contribution(ctx, documentID); err != nil {
			return false, fmt.Errorf("acknowledge: %w", err)
		}
	}
	return tag.RowsAffected() == 1, nil
}

// ContributorReport counts the contributions submitted in year (UTC) per
// contributor, kind and current state, ordered by contributor name, user,
// kind and state. Errors are the database's only.
func (s *Store) ContributorReport(ctx context.Context, year int) ([]catalog.ContributorCount, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	const q = `SELECT u.id, u.name, u.organisation, u.organisation_type, u.country, c.kind, d.state, count(*)
	FROM contributions c JOIN documents d ON d.id = c.document_id JOIN users u ON u.id = c.user_id
	WHERE c.submitted_at >= $1 AND c.submitted_at < $2
	GROUP BY u.id, c.kind, d.state
	ORDER BY u.name COLLATE "C", u.id, c.kind, d.state`
	rows, err := s.pool.Query(ctx, q, from, from.AddDate(1, 0, 0))
	if err != nil {
		return nil, fmt.Errorf("contributor report %d: %w", year, err)
	}
	defer rows.Close()
	out := []catalog.ContributorCount{}
	for rows.Next() {
		var c catalog.ContributorCount
		if err := rows.Scan(&c.UserID, &c.Name, &c.Organisation, &c.OrganisationType, &c.Country,
			&c.Kind, &c.State, &c.Count); err != nil {
			return nil, fmt.Errorf("contributor report %d: %w", year, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("contributor report %d: %w", year, err)
	}
	return out, nil
}

// RegularContributors lists the users with at least min published
// contributions submitted since since, the most prolific first, then by
// name. Errors are the database's only.
func (s *Store) RegularContributors(ctx context.Context, since time.Time, min int) ([]catalog.RegularContributor, error) {
	const q = `SELECT u.id, u.name, u.organisation, u.organisation_type, u.country, bool_and(c.credit), count(*)
	FROM contributions c JOIN documents d ON d.id = c.document_id JOIN users u ON u.id = c.user_id
	WHERE c.submitted_at >= $1 AND d.state = 'published'
	GROUP BY u.id HAVING count(*) >= $2
	ORDER BY count(*) DESC, u.name COLLATE "C", u.id`
	rows, err := s.pool.Query(ctx, q, utc(since), max(min, 1))
	if err != nil {
		return nil, fmt.Errorf("regular contributors: %w", err)
	}
	defer rows.Close()
	out := []catalog.RegularContributor{}
	for rows.Next() {
		var r catalog.RegularContributor
		if err := rows.Scan(&r.UserID, &r.Name, &r.Organisation, &r.OrganisationType, &r.Country, &r.Credit, &r.Published); err != nil {
			return nil, fmt.Errorf("regular contributors: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("regular contributors: %w", err)
	}
	return out, nil
}
