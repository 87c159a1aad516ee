-- Editors' changes of documents: the fields they locked against later
-- harvests, and every revision (who, when, which fields, the values before
-- and after) so that any can be restored.

-- +goose Up
ALTER TABLE documents ADD COLUMN locked_fields text[] NOT NULL DEFAULT '{}';

CREATE TABLE document_revisions (
	id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	document_id bigint      NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	editor_id   bigint      REFERENCES users (id) ON DELETE SET NULL,
	at          timestamptz NOT NULL,
	fields      text[]      NOT NULL,
	before      jsonb       NOT NULL,
	after       jsonb       NOT NULL
);
CREATE INDEX document_revisions_document ON document_revisions (document_id, id);

-- +goose Down
DROP TABLE document_revisions;
ALTER TABLE documents DROP COLUMN locked_fields;
