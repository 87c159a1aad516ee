-- Editors' corrections of documents' classification, and the rules that
-- corrections become for their source. Times are INTEGER microseconds
-- since the Unix epoch (UTC).

-- +goose Up
CREATE TABLE corrections (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	field       TEXT    NOT NULL,
	old_value   TEXT    NOT NULL DEFAULT '',
	new_value   TEXT    NOT NULL DEFAULT '',
	editor      TEXT    NOT NULL,
	at          INTEGER NOT NULL
) STRICT;

CREATE INDEX corrections_document ON corrections (document_id, id);

CREATE TABLE source_rules (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	url_prefix    TEXT    NOT NULL DEFAULT '',
	title_keyword TEXT    NOT NULL DEFAULT '',
	field         TEXT    NOT NULL,
	value         TEXT    NOT NULL,
	remove        INTEGER NOT NULL DEFAULT 0,
	correction_id INTEGER REFERENCES corrections (id) ON DELETE SET NULL,
	created_by    TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX source_rules_source ON source_rules (source_id, id);

-- +goose Down
DROP TABLE source_rules;
DROP TABLE corrections;
