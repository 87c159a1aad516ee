package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ewsi/hub/catalog"
	"github.com/ewsi/hub/catalog/analysis"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// orgColumns is the column list that scanOrganisation reads.
const orgColumns = `o.id, o.name, o.org_type, o.country, o.city, o.website, o.description, o.languages,
	o.email, o.email_public, o.created_by, o.verified_at, o.created_at, o.updated_at`

func scanOrganisation(r pgx.Row) (*catalog.Organisation, error) {
	var (
		o                catalog.Organisation
		langs            []string
		creator          pgtype.Int8
		verified         pgtype.Timestamptz
		created, updated time.Time
	)
	err := r.Scan(&o.ID, &o.Name, &o.Type, &o.Country, &o.City, &o.Website, &o.Description, &langs,
		&o.Email, &o.EmailPublic, &creator, &verified, &created, &updated)
	if err != nil {
		return nil, err
	}
	o.Languages = listOf(langs)
	o.CreatedBy = creator.Int64
	o.VerifiedAt = timeOf(verified)
	o.CreatedAt, o.UpdatedAt = created.UTC(), updated.UTC()
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
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		const q = `INSERT INTO organisations (name, name_key, org_type, country, city, website,
			description, languages, email, email_public, created_by, verified_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`
		err := tx.QueryRow(ctx, q, o.Name, analysis.Fold(o.Name), o.Type, o.Country, o.City,
			o.Website, o.Description, list(o.Languages), o.Email, o.EmailPublic, nullID(o.CreatedBy),
			nullTime(o.VerifiedAt), o.CreatedAt, o.UpdatedAt).Scan(&o.ID)
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
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		const q = `UPDATE organisations SET name = $1, name_key = $2, org_type = $3, country = $4, city = $5,
			website = $6, description = $7, languages = $8, email = $9, email_public = $10, verified_at = $11,
			updated_at = $12
		WHERE id = $13`
		tag, err := tx.Exec(ctx, q, o.Name, analysis.Fold(o.Name), o.Type, o.Country, o.City,
			o.Website, o.Description, list(o.Languages), o.Email, o.EmailPublic, nullTime(utc(o.VerifiedAt)),
			now(), o.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return catalog.ErrNotFound
		}
		for _, del := range []string{`DELETE FROM organisation_themes WHERE organisation_id = $1`,
			`DELETE FROM organisation_sources WHERE organisation_id = $1`} {
			if _, err := tx.Exec(ctx, del, o.ID); err != nil {
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

func writeOrgLinks(ctx context.Context, tx pgx.Tx, o *catalog.Organisation) error {
	if len(o.Themes) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO organisation_themes (organisation_id, theme)
			SELECT $1, unnest($2::text[])`, o.ID, o.Themes); err != nil {
			return err
		}
	}
	if len(o.SourceIDs) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO organisation_sources (organisation_id, source_id)
			SELECT $1, unnest($2::bigint[])`, o.ID, o.SourceIDs); err != nil {
			return err
		}
	}
	return writeOrgTags(ctx, tx, o.ID)
}

// writeOrgTags rebuilds the organisation_tags of one organisation (id >
// 0) or of all (id 0) from what they declare and what their sources'
// published documents hold now.
func writeOrgTags(ctx context.Context, tx pgx.Tx, id int64) error {
	args := pgx.NamedArgs{"vis": time.Now(), "org": id}
	const all = `(@org::bigint = 0 OR %s = @org)`
	stmts := []string{
		`DELETE FROM organisation_tags WHERE ` + fmt.Sprintf(all, "organisation_id"),
		`INSERT INTO organisation_tags (organisation_id, facet, value, derived)
			SELECT id, 'type', org_type, false FROM organisations WHERE ` + fmt.Sprintf(all, "id") + `
			UNION ALL SELECT id, 'country', country, false FROM organisations WHERE ` + fmt.Sprintf(all, "id") + `
			UNION ALL SELECT organisation_id, 'theme', theme, false FROM organisation_themes WHERE ` + fmt.Sprintf(all, "organisation_id"),
		`INSERT INTO organisation_tags (organisation_id, facet, value, derived)
			SELECT org_id, facet, value, true FROM (` + derivedTags + `) x WHERE ` + fmt.Sprintf(all, "org_id"),
	}
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q, args); err != nil {
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
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return writeOrgTags(ctx, tx, 0) })
	if err != nil {
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

// DeleteOrganisation removes a directory entry; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) DeleteOrganisation(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM organisations WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete organisation %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete organisation %d: %w", id, catalog.ErrNotFound)
	}
	return nil
}

// Organisation returns a directory entry with its themes, sources and
// what its sources' published documents hold; an unknown ID yields an
// error wrapping catalog.ErrNotFound.
func (s *Store) Organisation(ctx context.Context, id int64) (*catalog.Organisation, error) {
	o, err := scanOrganisation(s.pool.QueryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("organisation %d: %w", id, catalog.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	list := []catalog.Organisation{*o}
	if err := s.fillOrganisations(ctx, list); err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT source_id FROM organisation_sources WHERE organisation_id = $1 ORDER BY source_id`, id)
	if err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("organisation %d: %w", id, err)
	}
	list[0].SourceIDs = ids
	return &list[0], nil
}

// derivedTags are the themes (documents.theme_roots: the six only) and
// countries of the published, visible documents of each organisation's
// sources, as of @vis.
const derivedTags = `SELECT os.organisation_id AS org_id, 'theme' AS facet, r AS value
	FROM organisation_sources os JOIN documents d ON d.source_id = os.source_id, unnest(d.theme_roots) r
	WHERE ` + docVisible + `
	UNION SELECT os.organisation_id, 'country', c
	FROM organisation_sources os JOIN documents d ON d.source_id = os.source_id, unnest(d.countries) c
	WHERE ` + docVisible

const docVisible = `d.state = 'published' AND (d.embargo_until IS NULL OR d.embargo_until <= @vis) AND d.gone_at IS NULL`

// fillOrganisations reads the declared themes and the documents' themes
// and countries of list.
func (s *Store) fillOrganisations(ctx context.Context, list []catalog.Organisation) error {
	if len(list) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(list))
	for i, o := range list {
		at[o.ID], ids[i] = i, o.ID
	}
	q := `SELECT organisation_id, facet, value COLLATE "C", derived FROM organisation_tags
	WHERE organisation_id = ANY(@ids) AND (derived OR facet = 'theme')
	ORDER BY 1, 2, 3`
	rows, err := s.pool.Query(ctx, q, pgx.NamedArgs{"ids": ids})
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

// orgConds returns the WHERE conditions of q over organisations o and
// their arguments, leaving out the facet skip ("" for none).
func orgConds(q catalog.OrganisationQuery, skip string) (string, pgx.NamedArgs) {
	conds, args := []string{"true"}, pgx.NamedArgs{}
	tag := func(facet, v string) {
		if v != "" && facet != skip {
			conds = append(conds, `o.id IN (SELECT organisation_id FROM organisation_tags WHERE facet = '`+facet+`' AND value = @f_`+facet+`)`)
			args["f_"+facet] = v
		}
	}
	tag(catalog.FacetOrgType, q.Type)
	tag(catalog.FacetOrgCountry, q.Country)
	tag(catalog.FacetOrgTheme, q.Theme)
	if k := analysis.Fold(q.Text); k != "" {
		conds = append(conds, `o.name_key LIKE @text`)
		args["text"] = "%" + likeEscape(k) + "%"
	}
	if q.VerifiedOnly {
		conds = append(conds, `o.verified_at IS NOT NULL`)
	}
	return strings.Join(conds, " AND "), args
}

// likeEscape escapes the wildcards of LIKE with a backslash, PostgreSQL's
// default escape character.
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
	args["limit"], args["offset"] = q.Limit, q.Offset
	rows, err := s.pool.Query(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE `+where+
		` ORDER BY o.name_key, o.id LIMIT @limit OFFSET @offset`, args)
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
	delete(args, "limit")
	delete(args, "offset")
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM organisations o WHERE `+where, args).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	for _, f := range []string{catalog.FacetOrgType, catalog.FacetOrgCountry, catalog.FacetOrgTheme} {
		where, args := orgConds(q, f)
		args["facet"] = f
		fq := `SELECT value, count(DISTINCT organisation_id)::int FROM organisation_tags WHERE facet = @facet AND organisation_id IN
			(SELECT o.id FROM organisations o WHERE ` + where + `) GROUP BY value ORDER BY 2 DESC, 1`
		counts, err := s.facetCounts(ctx, fq, args)
		if err != nil {
			return nil, fmt.Errorf("organisations: facet %s: %w", f, err)
		}
		res.Facets[f] = counts
	}
	return res, nil
}

func (s *Store) facetCounts(ctx context.Context, q string, args ...any) ([]catalog.FacetCount, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.FacetCount, error) {
		var c catalog.FacetCount
		err := r.Scan(&c.Value, &c.Count)
		return c, err
	})
}

// peopleConds returns the conditions of q over users, leaving out the
// facet skip. Only verified accounts that chose to be listed appear.
func peopleConds(q catalog.PeopleQuery, skip string) (string, pgx.NamedArgs) {
	conds, args := []string{"listed", "email_verified_at IS NOT NULL"}, pgx.NamedArgs{}
	if q.Country != "" && skip != catalog.FacetOrgCountry {
		conds, args["country"] = append(conds, "country = @country"), q.Country
	}
	if q.OrganisationType != "" && skip != catalog.FacetOrgType {
		conds, args["type"] = append(conds, "organisation_type = @type"), q.OrganisationType
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
	page := pgx.NamedArgs{"limit": q.Limit, "offset": q.Offset}
	for k, v := range args {
		page[k] = v
	}
	rows, err := s.pool.Query(ctx, `SELECT id, name, organisation, organisation_type, country
		FROM users WHERE `+where+` ORDER BY name COLLATE "C", id LIMIT @limit OFFSET @offset`, page)
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	res.People, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.Person, error) {
		var p catalog.Person
		err := r.Scan(&p.ID, &p.Name, &p.Organisation, &p.OrganisationType, &p.Country)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM users WHERE `+where, args).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	for f, col := range map[string]string{catalog.FacetOrgType: "organisation_type", catalog.FacetOrgCountry: "country"} {
		where, args := peopleConds(q, f)
		counts, err := s.facetCounts(ctx, `SELECT `+col+`, count(*)::int FROM users WHERE `+where+` AND `+col+` <> ''
			GROUP BY 1 ORDER BY 2 DESC, 1`, args)
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
	const q = `SELECT t, c, sum(a)::int, sum(o)::int FROM (
		SELECT organisation_type AS t, country AS c, 1 AS a, 0 AS o FROM users WHERE email_verified_at IS NOT NULL
		UNION ALL SELECT org_type, country, 0, 1 FROM organisations
	) x GROUP BY t, c`
	rows, err := s.pool.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("registration figures: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (catalog.RegistrationFigure, error) {
		var f catalog.RegistrationFigure
		err := r.Scan(&f.Type, &f.Country, &f.Accounts, &f.Organisations)
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("registration figures: %w", err)
	}
	catalog.SortFigures(out)
	return out, nil
}
