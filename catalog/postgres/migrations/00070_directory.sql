-- The directory of organisations: what each declares (type, country,
-- themes, languages, contact) and the harvested sources it publishes,
-- whose documents add to the themes and countries partner search finds it
-- by. name_key is the name folded in Go (catalog/analysis.Fold), so both
-- stores search names alike.

-- +goose Up
CREATE TABLE organisations (
	id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name         text        NOT NULL,
	name_key     text        COLLATE "C" NOT NULL,
	org_type     text        NOT NULL,
	country      text        NOT NULL,
	city         text        NOT NULL DEFAULT '',
	website      text        NOT NULL DEFAULT '',
	description  text        NOT NULL DEFAULT '',
	languages    text[]      NOT NULL DEFAULT '{}',
	email        text        NOT NULL DEFAULT '',
	email_public boolean     NOT NULL DEFAULT false,
	created_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
	verified_at  timestamptz,
	created_at   timestamptz NOT NULL,
	updated_at   timestamptz NOT NULL
);

CREATE INDEX organisations_name ON organisations (name_key, id);
CREATE INDEX organisations_type ON organisations (org_type);
CREATE INDEX organisations_country ON organisations (country);
CREATE INDEX organisations_creator ON organisations (created_by);

CREATE TABLE organisation_themes (
	organisation_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	theme           text   NOT NULL,
	PRIMARY KEY (organisation_id, theme)
);

CREATE INDEX organisation_themes_theme ON organisation_themes (theme);

CREATE TABLE organisation_sources (
	organisation_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	source_id       bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	PRIMARY KEY (organisation_id, source_id)
);

CREATE INDEX organisation_sources_source ON organisation_sources (source_id);

-- +goose Down
DROP TABLE organisation_sources;
DROP TABLE organisation_themes;
DROP TABLE organisations;
