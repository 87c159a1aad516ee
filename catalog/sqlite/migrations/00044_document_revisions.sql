-- Editors' changes of documents: the fields they locked against later
-- harvests, and every revision (who, when, which fields, the values before
-- and after) so that any can be restored.

-- +goose Up
ALTER TABLE documents ADD COLUMN locked_fields TEXT NOT NULL DEFAULT '[]';

CREATE TABLE document_revisions (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	editor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
	at          INTEGER NOT NULL,
	fields      TEXT    NOT NULL,
	before      TEXT    NOT NULL,
	after       TEXT    NOT NULL
) STRICT;
CREATE INDEX document_revisions_document ON document_revisions (document_id, id);

-- +goose Down
DROP TABLE document_revisions;
ALTER TABLE documents DROP COLUMN locked_fields;
