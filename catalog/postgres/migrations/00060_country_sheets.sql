-- Country information sheets: one row per (country, section) with its
-- text, when and by whom it was last edited and verified, and when the
-- reminder of its current stale period went out; every edit and every
-- verification is kept in sheet_revisions.

-- +goose Up
CREATE TABLE sheet_sections (
	country     text        NOT NULL,
	section     text        NOT NULL,
	text        text        NOT NULL,
	language    text        NOT NULL,
	verified_at timestamptz NOT NULL,
	verified_by bigint      REFERENCES users (id) ON DELETE SET NULL,
	edited_at   timestamptz NOT NULL,
	edited_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
	reminded_at timestamptz,
	PRIMARY KEY (country, section)
);
CREATE INDEX sheet_sections_verified ON sheet_sections (verified_at);

CREATE TABLE sheet_revisions (
	id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	country   text        NOT NULL,
	section   text        NOT NULL,
	kind      text        NOT NULL CHECK (kind IN ('edited', 'verified')),
	text      text        NOT NULL,
	language  text        NOT NULL,
	editor_id bigint      REFERENCES users (id) ON DELETE SET NULL,
	at        timestamptz NOT NULL,
	FOREIGN KEY (country, section) REFERENCES sheet_sections (country, section) ON DELETE CASCADE
);
CREATE INDEX sheet_revisions_section ON sheet_revisions (country, section, id);

-- +goose Down
DROP TABLE sheet_revisions;
DROP TABLE sheet_sections;
