-- The directory of organisations: what each declares (type, country,
-- themes, languages, contact) and the harvested sources it publishes,
-- whose documents add to the themes and countries partner search finds it
-- by. name_key is the name folded in Go (catalog/analysis.Fold), so both
-- stores search names alike.

-- +goose Up
CREATE TABLE organisations (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	name         TEXT    NOT NULL,
	name_key     TEXT    NOT NULL,
	org_type     TEXT    NOT NULL,
	country      TEXT    NOT NULL,
	city         TEXT    NOT NULL DEFAULT '',
	website      TEXT    NOT NULL DEFAULT '',
	description  TEXT    NOT NULL DEFAULT '',
	languages    TEXT    NOT NULL DEFAULT '[]',
	email        TEXT    NOT NULL DEFAULT '',
	email_public INTEGER NOT NULL DEFAULT 0 CHECK (email_public IN (0, 1)),
	created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	verified_at  INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX organisations_name ON organisations (name_key, id);
CREATE INDEX organisations_type ON organisations (org_type);
CREATE INDEX organisations_country ON organisations (country);
CREATE INDEX organisations_creator ON organisations (created_by);

CREATE TABLE organisation_themes (
	organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	theme           TEXT    NOT NULL,
	PRIMARY KEY (organisation_id, theme)
) STRICT, WITHOUT ROWID;

CREATE INDEX organisation_themes_theme ON organisation_themes (theme);

CREATE TABLE organisation_sources (
	organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	PRIMARY KEY (organisation_id, source_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX organisation_sources_source ON organisation_sources (source_id);

-- +goose Down
DROP TABLE organisation_sources;
DROP TABLE organisation_themes;
DROP TABLE organisations;
