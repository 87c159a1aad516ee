-- A contributor's English summary of a document in another language is
-- kept with the document and indexed with its summary (catalog.Document
-- SummaryEN), so that an English query finds the document by it; until
-- now it lay in contributions alone, shown but never searched. Migrate
-- rebuilds the index after this migration (reindexVersions).

-- +goose Up
ALTER TABLE documents ADD COLUMN summary_en text NOT NULL DEFAULT '';
UPDATE documents d SET summary_en = c.summary_en
FROM contributions c WHERE c.document_id = d.id AND c.summary_en <> '';

-- +goose Down
ALTER TABLE documents DROP COLUMN summary_en;
