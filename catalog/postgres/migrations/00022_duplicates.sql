-- Duplicates and translations; see the SQLite migration of the same
-- number for what the columns and tables hold.

-- +goose Up
ALTER TABLE documents ADD COLUMN duplicate_of bigint REFERENCES documents (id) ON DELETE SET NULL;
ALTER TABLE documents ADD COLUMN translation_key text NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN text_hash text NOT NULL DEFAULT '';

CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX documents_translation_key ON documents (translation_key) WHERE translation_key <> '';
CREATE INDEX documents_canonical_url ON documents (canonical_url) WHERE canonical_url <> '';
CREATE INDEX documents_text_hash ON documents (text_hash) WHERE text_hash <> '';

CREATE TABLE document_signatures (
	document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
	signature   bytea  NOT NULL
);

CREATE TABLE document_bands (
	language    text   NOT NULL,
	band_key    bigint NOT NULL,
	document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	PRIMARY KEY (language, band_key, document_id)
);

CREATE INDEX document_bands_document ON document_bands (document_id);

-- +goose Down
DROP TABLE document_bands;
DROP TABLE document_signatures;
DROP INDEX documents_text_hash;
DROP INDEX documents_canonical_url;
DROP INDEX documents_translation_key;
DROP INDEX documents_duplicate_of;
ALTER TABLE documents DROP COLUMN text_hash;
ALTER TABLE documents DROP COLUMN translation_key;
ALTER TABLE documents DROP COLUMN duplicate_of;
