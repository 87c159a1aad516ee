-- What partner search matches an organisation by, as rows an index finds:
-- its declared type, country and themes (derived = false) and the themes
-- (the six) and countries of the published documents of its sources
-- (derived = true). Computing the latter at query time read every linked
-- document once per facet (seconds for a few thousand documents).
-- Derived data: written with each save of an organisation and rebuilt
-- for all by RefreshOrganisationTags, which serving processes run
-- periodically.

-- +goose Up
CREATE TABLE organisation_tags (
	organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	facet           TEXT NOT NULL, -- 'type', 'country', 'theme'
	value           TEXT NOT NULL,
	derived         INTEGER NOT NULL CHECK (derived IN (0, 1)),
	PRIMARY KEY (facet, value, organisation_id, derived)
) STRICT, WITHOUT ROWID;

CREATE INDEX organisation_tags_org ON organisation_tags (organisation_id);

-- +goose Down
DROP TABLE organisation_tags;
