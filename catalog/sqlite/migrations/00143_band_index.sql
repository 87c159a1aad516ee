-- Band keys in memory (bandindex.go) instead of document_bands.
--
-- The keys derive from document_signatures, from which a Store loads
-- them when it first needs them. band_version counts the transactions
-- that added signatures: a Store whose keys were loaded at another count
-- loads them again, so that one process sees the documents another
-- stored.
--
-- Migrating down gives back the table of 00142, empty: the keys were
-- hashed in Go and SQL cannot compute them. Documents stored before are
-- found as near-duplicates again once they are stored again.

-- +goose Up
DROP TRIGGER document_bands_gone;
DROP TABLE document_bands;
CREATE TABLE band_version (n INTEGER NOT NULL) STRICT;
INSERT INTO band_version (n) VALUES (0);

-- +goose Down
DROP TABLE band_version;
CREATE TABLE document_bands (
	band_key    INTEGER NOT NULL,
	language    TEXT    NOT NULL,
	document_id INTEGER NOT NULL,
	PRIMARY KEY (band_key, language, document_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_bands_document ON document_bands (document_id);

-- +goose StatementBegin
CREATE TRIGGER document_bands_gone AFTER DELETE ON documents
BEGIN
	DELETE FROM document_bands WHERE document_id = OLD.id;
END;
-- +goose StatementEnd
