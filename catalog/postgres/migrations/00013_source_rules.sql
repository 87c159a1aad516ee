-- Crawl rules of site sources, as JSON (catalog.CrawlRules); '' for the
-- other kinds.

-- +goose Up
ALTER TABLE sources ADD COLUMN rules text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sources DROP COLUMN rules;
