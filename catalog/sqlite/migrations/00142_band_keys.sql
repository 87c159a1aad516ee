-- Band keys (00022) keyed by the key first, and without a foreign key.
--
-- Most of what an upsert writes under the write lock is its 21 band keys,
-- and finding its near-duplicate candidates is 21 seeks among them. With
-- the language first in the primary key, every comparison of those
-- seeks and inserts compared a text before the integer that decides it;
-- with the key first, SQLite compares integers, the language only among
-- rows of one key. The foreign key to documents checked the document's
-- row for each of the 21 rows, and made each upsert's insert of them keep
-- a statement journal; a trigger now removes the keys of a deleted
-- document instead (whatever deletes it, a statement or a cascade if
-- one is ever added: the trigger runs for those too), by the index on
-- document_id as the cascade did. Loading 10,000 synthetic documents,
-- two runs side by side with the code before (one core each, one
-- writer): 10.0 and 11.5 s of CPU against 10.3 and 12.2, the time of the
-- upserts outside the text analysis 4.2 and 4.9 s against 4.6 and 5.6.
-- Dropping the index on document_id too (the keys of a deleted document
-- found from a copy of them kept with its signature) saved no more than
-- the runs could tell. Migrating a catalog of 100,000 documents (2.1
-- million keys, sorted in memory for the new table) took 8.5 s.

-- +goose Up
CREATE TABLE document_bands_new (
	band_key    INTEGER NOT NULL,
	language    TEXT    NOT NULL,
	document_id INTEGER NOT NULL,
	PRIMARY KEY (band_key, language, document_id)
) STRICT, WITHOUT ROWID;
INSERT INTO document_bands_new (band_key, language, document_id)
SELECT band_key, language, document_id FROM document_bands ORDER BY band_key, language, document_id;
DROP TABLE document_bands;
ALTER TABLE document_bands_new RENAME TO document_bands;
CREATE INDEX document_bands_document ON document_bands (document_id);

-- +goose StatementBegin
CREATE TRIGGER document_bands_gone AFTER DELETE ON documents
BEGIN
	DELETE FROM document_bands WHERE document_id = OLD.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER document_bands_gone;
CREATE TABLE document_bands_old (
	language    TEXT    NOT NULL,
	band_key    INTEGER NOT NULL,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	PRIMARY KEY (language, band_key, document_id)
) STRICT, WITHOUT ROWID;
INSERT INTO document_bands_old (language, band_key, document_id)
SELECT language, band_key, document_id FROM document_bands WHERE document_id IN (SELECT id FROM documents);
DROP TABLE document_bands;
ALTER TABLE document_bands_old RENAME TO document_bands;
CREATE INDEX document_bands_document ON document_bands (document_id);
