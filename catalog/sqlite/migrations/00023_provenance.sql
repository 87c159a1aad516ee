-- Provenance the page declares: publisher (the organisation the page
-- names, which may differ from the harvesting source), licence (a URL or
-- a name) and translations, a JSON array of {"Language", "URL"} objects
-- from the page's hreflang alternates.

-- +goose Up
ALTER TABLE documents ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN licence TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN translations TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE documents DROP COLUMN translations;
ALTER TABLE documents DROP COLUMN licence;
ALTER TABLE documents DROP COLUMN publisher;
