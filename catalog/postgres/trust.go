package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/ewsi/hub/catalog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// SetSourceTrust sets a source's trust level. Errors wrap
// catalog.ErrInvalid (unknown level) or catalog.ErrNotFound (no source id).
func (s *Store) SetSourceTrust(ctx context.Context, sourceID int64, t catalog.Trust) error {
	if !t.Valid() {
		return fmt.Errorf("set trust of source %d: %w: unknown trust level %q", sourceID, catalog.ErrInvalid, t)
	}
	tag, err := s.pool.Exec(ctx, `UPDATE sources SET trust = $1 WHERE id = $2`, string(t), sourceID)
	if err != nil {
		return fmt.Errorf("set trust of source %d: %w", sourceID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("set trust of source %d: %w", sourceID, catalog.ErrNotFound)
	}
	return nil
}

// SourceTrust returns a source's trust level: catalog.TrustTrusted for a
// source an operator added, catalog.TrustUnverified for one approved from
// its owner's proposal, until set. An unknown ID yields an error wrapping
// catalog.ErrNotFound.
func (s *Store) SourceTrust(ctx context.Context, sourceID int64) (catalog.Trust, error) {
	var t string
	err := s.pool.QueryRow(ctx, `SELECT trust FROM sources WHERE id = $1`, sourceID).Scan(&t)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("trust of source %d: %w", sourceID, catalog.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("trust of source %d: %w", sourceID, err)
	}
	return catalog.Trust(t), nil
}

// SetDomainTrust stores the rule of an email domain, replacing any it had,
// after validating (and normalising) d; it sets d.UpdatedAt. Errors wrap
// catalog.ErrInvalid (validation) or catalog.ErrNotFound (no user d.SetBy).
func (s *Store) SetDomainTrust(ctx context.Context, d *catalog.DomainTrust) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("set domain trust: %w", err)
	}
	if err := checkText("domain trust", d.Domain, d.Note); err != nil {
		return fmt.Errorf("set domain trust: %w", err)
	}
	d.UpdatedAt = now()
	var setBy any
	if d.SetBy != 0 {
		setBy = d.SetBy
	}
	const q = `INSERT INTO domain_trust (domain, trust, note, set_by, updated_at) VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT (domain) DO UPDATE SET trust = excluded.trust, note = excluded.note,
		set_by = excluded.set_by, updated_at = excluded.updated_at`
	_, err := s.pool.Exec(ctx, q, d.Domain, string(d.Trust), d.Note, setBy, d.UpdatedAt)
	if isForeignKey(err) {
		return fmt.Errorf("set domain trust: user %d: %w", d.SetBy, catalog.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("set domain trust: %w", err)
	}
	return nil
}

// DomainTrusts lists every domain rule in domain order.
func (s *Store) DomainTrusts(ctx context.Context) ([]catalog.DomainTrust, error) {
	rows, err := s.pool.Query(ctx, `SELECT domain, trust, note, set_by, updated_at FROM domain_trust ORDER BY domain COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("domain trusts: %w", err)
	}
	defer rows.Close()
	var out []catalog.DomainTrust
	for rows.Next() {
		var (
			d       catalog.DomainTrust
			trust   string
			setBy   pgtype.Int8
			updated pgtype.Timestamptz
		)
		if err := rows.Scan(&d.Domain, &trust, &d.Note, &setBy, &updated); err != nil {
			return nil, fmt.Errorf("domain trusts: %w", err)
		}
		d.Trust, d.SetBy, d.UpdatedAt = catalog.Trust(trust), setBy.Int64, timeOf(updated)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("domain trusts: %w", err)
	}
	return out, nil
}

// DeleteDomainTrust removes a domain's rule, so its addresses fall back to
// a parent domain's rule or to unverified. Errors wrap catalog.ErrNotFound
// (no rule for the domain).
func (s *Store) DeleteDomainTrust(ctx context.Context, domain string) error {
	domain = catalog.NormaliseDomain(domain)
	tag, err := s.pool.Exec(ctx, `DELETE FROM domain_trust WHERE domain = $1`, cleanText(domain))
	if err != nil {
		return fmt.Errorf("delete domain trust: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete domain trust %s: %w", domain, catalog.ErrNotFound)
	}
	return nil
}

// TrustOfEmail returns the trust of an address: the rule of its domain or,
// failing that, of the nearest parent domain that has one;
// catalog.TrustUnverified when none has. Errors are the database's only.
func (s *Store) TrustOfEmail(ctx context.Context, email string) (catalog.Trust, error) {
	suffixes := catalog.DomainSuffixes(catalog.EmailDomain(email))
	if len(suffixes) == 0 {
		return catalog.TrustUnverified, nil
	}
	for i, d := range suffixes {
		suffixes[i] = cleanText(d)
	}
	const q = `SELECT trust FROM domain_trust WHERE domain = ANY($1) ORDER BY length(domain) DESC LIMIT 1`
	var t string
	err := s.pool.QueryRow(ctx, q, suffixes).Scan(&t)
	if errors.Is(err, pgx.ErrNoRows) {
		return catalog.TrustUnverified, nil
	}
	if err != nil {
		return "", fmt.Errorf("trust of email: %w", err)
	}
	return catalog.Trust(t), nil
}
