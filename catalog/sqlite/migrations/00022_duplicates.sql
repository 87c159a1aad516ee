-- Duplicates and translations. duplicate_of is the ID of the
-- representative of the document's group of copies (the first stored),
-- NULL for a representative or a document without copies.
-- translation_key is shared by the translations of one item.
-- document_signatures holds each document's MinHash signature
-- (catalog/neardup) and document_bands its band keys, the index that
-- finds near-duplicate candidates without a scan.

-- +goose Up
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER REFERENCES documents (id) ON DELETE SET NULL;
ALTER TABLE documents ADD COLUMN translation_key TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';

CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX documents_translation_key ON documents (translation_key) WHERE translation_key <> '';
CREATE INDEX documents_canonical_url ON documents (canonical_url) WHERE canonical_url <> '';
CREATE INDEX documents_text_hash ON documents (text_hash) WHERE text_hash <> '';

CREATE TABLE document_signatures (
	document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
	signature   BLOB    NOT NULL
) STRICT;

CREATE TABLE document_bands (
	language    TEXT    NOT NULL,
	band_key    INTEGER NOT NULL,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	PRIMARY KEY (language, band_key, document_id)
) STRICT, WITHOUT ROWID;

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
