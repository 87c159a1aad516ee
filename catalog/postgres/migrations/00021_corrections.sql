-- Editors' corrections of documents' classification, and the rules that
-- corrections become for their source.

-- +goose Up
CREATE TABLE corrections (
	id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id bigint      NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	field       text        NOT NULL,
	old_value   text        NOT NULL DEFAULT '',
	new_value   text        NOT NULL DEFAULT '',
	editor      text        NOT NULL,
	at          timestamptz NOT NULL
);

CREATE INDEX corrections_document ON corrections (document_id, id);

CREATE TABLE source_rules (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_id     bigint      NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
	url_prefix    text        NOT NULL DEFAULT '',
	title_keyword text        NOT NULL DEFAULT '',
	field         text        NOT NULL,
	value         text        NOT NULL,
	remove        boolean     NOT NULL DEFAULT false,
	correction_id bigint      REFERENCES corrections (id) ON DELETE SET NULL,
	created_by    text        NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL
);

CREATE INDEX source_rules_source ON source_rules (source_id, id);

-- +goose Down
DROP TABLE source_rules;
DROP TABLE corrections;
