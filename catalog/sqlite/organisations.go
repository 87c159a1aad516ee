package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
)

// orgColumns is the column list that scanOrganisation reads.
const orgColumns = `o.id, o.name, o.org_type, o.country, o.city, o.website, o.description, o.languages,
	o.email, o.email_public, o.created_by, o.verified_at, o.created_at, o.updated_at`

func scanOrganisation(r scanner) (*catalog.Organisation, error) {
	var (
		o                 catalog.Organisation
		langs             string
		creator, verified sql.NullInt64
		created, updated  int64
	)
	err := r.Scan(&o.ID, &o.Name, &o.Type, &o.Country, &o.City, &o.Website, &o.Description, &langs,
		&o.Email, &o.EmailPublic, &creator, &verified, &created, &updated)
	if err != nil {
		return nil, err
	}
	if o.Languages, err = listOf(langs); err != nil {
		return nil, err
	}
	o.CreatedBy = creator.Int64
	o.VerifiedAt = timeOf(verified)
	o.CreatedAt, o.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &o, nil
}

// checkOrganisation validates o for CreateOrganisation and
// UpdateOrganisation; errors wrap catalog.ErrInvalid.
func checkOrganisation(o *catalog.Organisation) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return checkText("organisation", o.Name, o.City, o.Website, o.Description, o.Email)
}

// CreateOrganisation stores a new directory entry with its themes and
// sources, and sets o.ID, o.CreatedAt and o.UpdatedAt. Errors wrap
// catalog.ErrInvalid (a field breaking a rule) or catalog.ErrNotFound (an
// unknown source or creator).
func (s *Store) CreateOrganisation(ctx context.Context, o *catalog.Organisation) error {
	if err := checkOrganisation(o); err != nil {
		return fmt.Errorf("create organisation: %w", err)
	}
	o.CreatedAt = now()
	o.UpdatedAt, o.VerifiedAt = o.CreatedAt, utc(o.VerifiedAt)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		const q = `INSERT INTO organisations (name, name_key, org_type, country, city, website,
			description, languages, email, email_public, created_by, verified_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
		err := tx.QueryRowContext(ctx, q, o.Name, analysis.Fold(o.Name), o.Type, o.Country, o.City,
			o.Website, o.Description, list(o.Languages), o.Email, o.EmailPublic, nullID(o.CreatedBy),
			micros(o.VerifiedAt), o.CreatedAt.UnixMicro(), o.UpdatedAt.UnixMicro()).Scan(&o.ID)
		if err != nil {
			return err
		}
		return writeOrgLinks(ctx, tx, o)
	})
	if err != nil {
		return fmt.Errorf("create organisation: %w", orgError(err))
	}
	return nil
}

// UpdateOrganisation saves every field of o but CreatedBy and CreatedAt,
// replacing its themes and sources, and reloads o. Errors wrap
// catalog.ErrInvalid, or catalog.ErrNotFound (no entry o.ID, an unknown
// source).
func (s *Store) UpdateOrganisation(ctx context.Context, o *catalog.Organisation) error {
	if err := checkOrganisation(o); err != nil {
		return fmt.Errorf("update organisation %d: %w", o.ID, err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		const q = `UPDATE organisations SET name = ?, name_key = ?, org_type = ?, country = ?, city = ?,
			website = ?, description = ?, languages = ?, email = ?, email_public = ?, verified_at = ?,
			updated_at = ?
		WHERE id = ?`
		res, err := tx.ExecContext(ctx, q, o.Name, analysis.Fold(o.Name), o.Type, o.Country, o.City,
			o.Website, o.Description, list(o.Languages), o.Email, o.EmailPublic, micros(utc(o.VerifiedAt)),
			now().UnixMicro(), o.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return catalog.ErrNotFound
		}
		for _, del := range []string{`DELETE FROM organisation_themes WHERE organisation_id = ?`,
			`DELETE FROM organisation_sources WHERE organisation_id = ?`} {
			if _, err := tx.ExecContext(ctx, del, o.ID); err != nil {
				return err
			}
		}
		return writeOrgLinks(ctx, tx, o)
	})
	if err != nil {
		return fmt.Errorf("update organisation %d: %w", o.ID, orgError(err))
	}
	got, err := s.Organisation(ctx, o.ID)
	if err != nil {
		return err
	}
	*o = *got
	return nil
}

func writeOrgLinks(ctx context.Context, tx *sql.Tx, o *catalog.Organisation) error {
	for _, t := range o.Themes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO organisation_themes (organisation_id, theme) VALUES (?, ?)`, o.ID, t); err != nil {
			return err
		}
	}
	for _, id := range o.SourceIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO organisation_sources (organisation_id, source_id) VALUES (?, ?)`, o.ID, id); err != nil {
			return err
		}
	}
	return writeOrgTags(ctx, tx, o.ID)
}

// writeOrgTags rebuilds the organisation_tags of one organisation (id >
// 0) or of all (id 0) from what they declare and what their sources'
// published documents hold now.
func writeOrgTags(ctx context.Context, tx *sql.Tx, id int64) error {
	one, args := "", []any{}
	if id > 0 {
		one, args = " AND organisation_id = ?", []any{id}
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM organisation_tags WHERE 1 = 1` + one, args},
		{`INSERT INTO organisation_tags (organisation_id, facet, value, derived)
			SELECT id, 'type', org_type, 0 FROM organisations WHERE 1 = 1` + strings.Replace(one, "organisation_id", "id", 1) + `
			UNION ALL SELECT id, 'country', country, 0 FROM organisations WHERE 1 = 1` + strings.Replace(one, "organisation_id", "id", 1) + `
			UNION ALL SELECT organisation_id, 'theme', theme, 0 FROM organisation_themes WHERE 1 = 1` + one, append(append(append([]any{}, args...), args...), args...)},
		{`INSERT INTO organisation_tags (organisation_id, facet, value, derived)
			SELECT org_id, facet, value, 1 FROM (` + strings.Replace(derivedTags, "ROOTS", rootList, 1) + `) WHERE 1 = 1` +
			strings.Replace(one, "organisation_id", "org_id", 1), append([]any{time.Now().UnixMicro()}, args...)},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// RefreshOrganisationTags rebuilds what partner search matches every
// organisation by from the documents the catalog holds now: documents
// harvested, published, gone or past their embargo since an
// organisation was saved count from then on.
func (s *Store) RefreshOrganisationTags(ctx context.Context) error {
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return writeOrgTags(ctx, tx, 0) }); err != nil {
		return fmt.Errorf("refresh organisation tags: %w", err)
	}
	return nil
}

// orgError turns a foreign key failure into ErrNotFound.
func orgError(err error) error {
	if isForeignKey(err) {
		return fmt.Errorf("%w: unknown source or user", catalog.ErrNotFound)
	}
	return err
}

func (s *Store) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteOrganisation removes a directory entry; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) DeleteOrganisation(ctx context.Context, id int64) error {
	res, err := s.write.ExecContext(ctx, `DELETE FROM organisations WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete organisation %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("delete organisation %d: %w", id, catalog.ErrNotFound)
	}
	return nil
}

// Organisation returns a directory entry with its themes, sources and
// what its sources' published documents hold; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) Organisation(ctx context.Context, id int64) (*catalog.Organisation, error) {
	o, err := scanOrganisation(s.read.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("organisation %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	list := []catalog.Organisation{*o}
	if err := s.fillOrganisations(ctx, list); err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT source_id FROM organisation_sources WHERE organisation_id = ? ORDER BY source_id`, id)
	if err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		if err := rows.Scan(&sid); err != nil {
			return nil, err
		}
		list[0].SourceIDs = append(list[0].SourceIDs, sid)
	}
	return &list[0], rows.Err()
}

// rootList is the six themes as an SQL list of literals (constant slugs).
var rootList = func() string {
	var b strings.Builder
	for i, t := range catalog.Themes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + t.Slug + "'")
	}
	return b.String()
}()

// derivedTags are the themes (the six) and countries of the published,
// visible documents of each organisation's sources; the first argument is
// the visibility instant.
const derivedTags = `SELECT DISTINCT os.organisation_id AS org_id, t.facet AS facet, t.value AS value
	FROM organisation_sources os
	JOIN documents d ON d.source_id = os.source_id
	JOIN document_tags t ON t.doc_id = d.id
	WHERE d.state = 'published' AND (d.embargo_until IS NULL OR d.embargo_until <= ?) AND d.gone_at IS NULL
	  AND (t.facet = 'country' OR (t.facet = 'theme' AND t.value IN (` + "ROOTS" + `)))`

// orgTags names organisation_tags as the tags that conditions and facets
// read.
const orgTags = `WITH tags (org_id, facet, value) AS (SELECT organisation_id, facet, value FROM organisation_tags) `

// fillOrganisations reads the declared themes and the documents' themes
// and countries of list.
func (s *Store) fillOrganisations(ctx context.Context, list []catalog.Organisation) error {
	if len(list) == 0 {
		return nil
	}
	at := map[int64]int{}
	ph := make([]string, len(list))
	args := make([]any, len(list))
	for i, o := range list {
		at[o.ID], ph[i], args[i] = i, "?", o.ID
	}
	q := `SELECT organisation_id, facet, value, derived FROM organisation_tags
	WHERE organisation_id IN (` + strings.Join(ph, ", ") + `) AND (derived = 1 OR facet = 'theme')
	ORDER BY 1, 2, 3`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id           int64
			facet, value string
			derived      bool
		)
		if err := rows.Scan(&id, &facet, &value, &derived); err != nil {
			return err
		}
		o := &list[at[id]]
		switch {
		case !derived:
			o.Themes = append(o.Themes, value)
		case facet == "theme":
			o.DocumentThemes = append(o.DocumentThemes, value)
		default:
			o.DocumentCountries = append(o.DocumentCountries, value)
		}
	}
	return rows.Err()
}

// orgConds returns the WHERE conditions of q over organisations o,
// leaving out the facet skip ("" for none).
func orgConds(q catalog.OrganisationQuery, skip string) (string, []any) {
	conds, args := []string{"1 = 1"}, []any{}
	tag := func(facet, v string) {
		if v != "" && facet != skip {
			conds = append(conds, `o.id IN (SELECT org_id FROM tags WHERE facet = ? AND value = ?)`)
			args = append(args, facet, v)
		}
	}
	tag(catalog.FacetOrgType, q.Type)
	tag(catalog.FacetOrgCountry, q.Country)
	tag(catalog.FacetOrgTheme, q.Theme)
	if k := analysis.Fold(q.Text); k != "" {
		conds = append(conds, `o.name_key LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(k)+"%")
	}
	if q.VerifiedOnly {
		conds = append(conds, `o.verified_at IS NOT NULL`)
	}
	return strings.Join(conds, " AND "), args
}

// likeEscape escapes the wildcards of LIKE with a backslash.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Organisations returns a page of the directory matching q, by name, with
// the total and the facets (type, country, theme), each counted with the
// other filters applied. A query breaking a rule yields an error wrapping
// catalog.ErrInvalid.
func (s *Store) Organisations(ctx context.Context, q catalog.OrganisationQuery) (*catalog.OrganisationResult, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	where, args := orgConds(q, "")
	res := &catalog.OrganisationResult{Facets: map[string][]catalog.FacetCount{}}
	list := orgTags + `SELECT ` + orgColumns + ` FROM organisations o WHERE ` + where + ` ORDER BY o.name_key, o.id LIMIT ? OFFSET ?`
	rows, err := s.read.QueryContext(ctx, list, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("organisations: %w", err)
		}
		res.Organisations = append(res.Organisations, *o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	if err := s.fillOrganisations(ctx, res.Organisations); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	count := orgTags + `SELECT count(*) FROM organisations o WHERE ` + where
	if err := s.read.QueryRowContext(ctx, count, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	for _, f := range []string{catalog.FacetOrgType, catalog.FacetOrgCountry, catalog.FacetOrgTheme} {
		where, args := orgConds(q, f)
		fq := orgTags + `SELECT value, count(DISTINCT org_id) FROM tags WHERE facet = ? AND org_id IN
			(SELECT o.id FROM organisations o WHERE ` + where + `) GROUP BY value ORDER BY 2 DESC, 1`
		counts, err := s.facetCounts(ctx, fq, append([]any{f}, args...)...)
		if err != nil {
			return nil, fmt.Errorf("organisations: facet %s: %w", f, err)
		}
		res.Facets[f] = counts
	}
	return res, nil
}

func (s *Store) facetCounts(ctx context.Context, q string, args ...any) ([]catalog.FacetCount, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalog.FacetCount
	for rows.Next() {
		var c catalog.FacetCount
		if err := rows.Scan(&c.Value, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// peopleConds returns the conditions of q over users, leaving out the
// facet skip. Only verified accounts that chose to be listed appear.
func peopleConds(q catalog.PeopleQuery, skip string) (string, []any) {
	conds, args := []string{"listed = 1", "email_verified_at IS NOT NULL"}, []any{}
	if q.Country != "" && skip != catalog.FacetOrgCountry {
		conds, args = append(conds, "country = ?"), append(args, q.Country)
	}
	if q.OrganisationType != "" && skip != catalog.FacetOrgType {
		conds, args = append(conds, "organisation_type = ?"), append(args, q.OrganisationType)
	}
	return strings.Join(conds, " AND "), args
}

// People returns a page of the accounts that chose to be listed in the
// people directory (verified ones only), by name, with what they agreed to
// show, the total and the facets (type, country). A query breaking a rule
// yields an error wrapping catalog.ErrInvalid.
func (s *Store) People(ctx context.Context, q catalog.PeopleQuery) (*catalog.PeopleResult, error) {
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	where, args := peopleConds(q, "")
	res := &catalog.PeopleResult{Facets: map[string][]catalog.FacetCount{}}
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, organisation, organisation_type, country
		FROM users WHERE `+where+` ORDER BY name, id LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	for rows.Next() {
		var p catalog.Person
		if err := rows.Scan(&p.ID, &p.Name, &p.Organisation, &p.OrganisationType, &p.Country); err != nil {
			rows.Close()
			return nil, fmt.Errorf("people: %w", err)
		}
		res.People = append(res.People, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE `+where, args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	for f, col := range map[string]string{catalog.FacetOrgType: "organisation_type", catalog.FacetOrgCountry: "country"} {
		where, args := peopleConds(q, f)
		counts, err := s.facetCounts(ctx, `SELECT `+col+`, count(*) FROM users WHERE `+where+` AND `+col+` <> ''
			GROUP BY 1 ORDER BY 2 DESC, 1`, args...)
		if err != nil {
			return nil, fmt.Errorf("people: facet %s: %w", f, err)
		}
		res.Facets[f] = counts
	}
	return res, nil
}

// RegistrationFigures counts verified accounts and directory entries per
// organisation type and country, ordered by catalog.SortFigures.
func (s *Store) RegistrationFigures(ctx context.Context) ([]catalog.RegistrationFigure, error) {
	const q = `SELECT t, c, sum(a), sum(o) FROM (
		SELECT organisation_type AS t, country AS c, 1 AS a, 0 AS o FROM users WHERE email_verified_at IS NOT NULL
		UNION ALL SELECT org_type, country, 0, 1 FROM organisations
	) GROUP BY t, c`
	rows, err := s.read.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("registration figures: %w", err)
	}
	defer rows.Close()
	var out []catalog.RegistrationFigure
	for rows.Next() {
		var f catalog.RegistrationFigure
		if err := rows.Scan(&f.Type, &f.Country, &f.Accounts, &f.Organisations); err != nil {
			return nil, fmt.Errorf("registration figures: %w", err)
		}
		out = append(out, f)
	}
	catalog.SortFigures(out)
	return out, rows.Err()
}
