-- Country information sheets: one row per (country, section) with its
-- text, when and by whom it was last edited and verified, and when the
-- reminder of its current stale period went out; every edit and every
-- verification is kept in sheet_revisions.

-- +goose Up
CREATE TABLE sheet_sections (
	country     TEXT    NOT NULL,
	section     TEXT    NOT NULL,
	text        TEXT    NOT NULL,
	language    TEXT    NOT NULL,
	verified_at INTEGER NOT NULL,
	verified_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
	edited_at   INTEGER NOT NULL,
	edited_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	reminded_at INTEGER,
	PRIMARY KEY (country, section)
) STRICT;
CREATE INDEX sheet_sections_verified ON sheet_sections (verified_at);

CREATE TABLE sheet_revisions (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	country   TEXT    NOT NULL,
	section   TEXT    NOT NULL,
	kind      TEXT    NOT NULL CHECK (kind IN ('edited', 'verified')),
	text      TEXT    NOT NULL,
	language  TEXT    NOT NULL,
	editor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
	at        INTEGER NOT NULL,
	FOREIGN KEY (country, section) REFERENCES sheet_sections (country, section) ON DELETE CASCADE
) STRICT;
CREATE INDEX sheet_revisions_section ON sheet_revisions (country, section, id);

-- +goose Down
DROP TABLE sheet_revisions;
DROP TABLE sheet_sections;
