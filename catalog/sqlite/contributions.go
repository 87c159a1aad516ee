package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

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
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	defer tx.Rollback()
	btx := newBatchTx(tx)
	btx.bands = s.bands.begin()
	defer btx.bands.end()
	res, err := upsertDocument(ctx, btx, d)
	if err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	if res != catalog.Created {
		return fmt.Errorf("submit contribution: %w: key %q is taken", catalog.ErrConflict, d.Key)
	}
	c.DocumentID, c.Submitted = d.ID, d.Harvested
	const q = `INSERT INTO contributions (document_id, user_id, kind, credit, summary_en, submitted_at)
	VALUES (?, ?, ?, ?, ?, ?)`
	if _, err := tx.ExecContext(ctx, q, c.DocumentID, c.UserID, string(c.Kind), c.Credit, c.SummaryEN,
		c.Submitted.UnixMicro()); err != nil {
		if isForeignKey(err) {
			return fmt.Errorf("submit contribution: user %d: %w", c.UserID, catalog.ErrNotFound)
		}
		return fmt.Errorf("submit contribution: %w", err)
	}
	if err := btx.commitUpserts(ctx); err != nil {
		return fmt.Errorf("submit contribution: %w", err)
	}
	return nil
}

const contributionColumns = `c.document_id, c.user_id, c.kind, c.credit, c.summary_en, c.submitted_at,
	c.received_ack_at, c.published_ack_at`

func scanContribution(r scanner, more ...any) (*catalog.Contribution, error) {
	var (
		c                  catalog.Contribution
		submitted          int64
		received, publishd sql.NullInt64
	)
	dest := append([]any{&c.DocumentID, &c.UserID, &c.Kind, &c.Credit, &c.SummaryEN, &submitted, &received, &publishd}, more...)
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	c.Submitted = time.UnixMicro(submitted).UTC()
	c.ReceivedAck, c.PublishedAck = timeOf(received), timeOf(publishd)
	return &c, nil
}

// Contribution returns the contribution of document id; a document that
// no user contributed yields an error wrapping catalog.ErrNotFound.
func (s *Store) Contribution(ctx context.Context, documentID int64) (*catalog.Contribution, error) {
	const q = `SELECT ` + contributionColumns + ` FROM contributions c WHERE c.document_id = ?`
	c, err := scanContribution(s.read.QueryRowContext(ctx, q, documentID))
	if errors.Is(err, sql.ErrNoRows) {
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
	WHERE c.user_id = ? ORDER BY c.submitted_at DESC, c.document_id DESC`
	rows, err := s.read.QueryContext(ctx, q, userID)
	if err != nil {
		return nil, fmt.Errorf("contributions of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := []catalog.ContributedItem{}
	for rows.Next() {
		var (
			it      catalog.ContributedItem
			embargo sql.NullInt64
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
		q = `UPDATE contributions SET received_ack_at = ? WHERE document_id = ? AND received_ack_at IS NULL`
	case catalog.AckPublished:
		q = `UPDATE contributions SET published_ack_at = ? WHERE document_id = ? AND published_ack_at IS NULL`
	default:
		return false, fmt.Errorf("acknowledge contribution %d: %w: unknown acknowledgement %q", documentID, catalog.ErrInvalid, ack)
	}
	res, err := s.write.ExecContext(ctx, q, utc(at).UnixMicro(), documentID)
	if err != nil {
		return false, fmt.Errorf("acknowledge contribution %d: %w", documentID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("acknowledge contribution %d: %w", documentID, err)
	}
	if n == 0 {
		if _, err := s.Contribution(ctx, documentID); err != nil {
			return false, fmt.Errorf("acknowledge: %w", err)
		}
	}
	return n == 1, nil
}

// ContributorReport counts the contributions submitted in year (UTC) per
// contributor, kind and current state, ordered by contributor name, user,
// kind and state. Errors are the database's only.
func (s *Store) ContributorReport(ctx context.Context, year int) ([]catalog.ContributorCount, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	const q = `SELECT u.id, u.name, u.organisation, u.organisation_type, u.country, c.kind, d.state, count(*)
	FROM contributions c JOIN documents d ON d.id = c.document_id JOIN users u ON u.id = c.user_id
	WHERE c.submitted_at >= ? AND c.submitted_at < ?
	GROUP BY u.id, c.kind, d.state
	ORDER BY u.name, u.id, c.kind, d.state`
	rows, err := s.read.QueryContext(ctx, q, from.UnixMicro(), from.AddDate(1, 0, 0).UnixMicro())
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
	const q = `SELECT u.id, u.name, u.organisation, u.organisation_type, u.country, min(c.credit), count(*)
	FROM contributions c JOIN documents d ON d.id = c.document_id JOIN users u ON u.id = c.user_id
	WHERE c.submitted_at >= ? AND d.state = 'published'
	GROUP BY u.id HAVING count(*) >= ?
	ORDER BY count(*) DESC, u.name, u.id`
	rows, err := s.read.QueryContext(ctx, q, utc(since).UnixMicro(), max(min, 1))
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
