-- Case studies on the common template (catalog.CaseStudy, as JSON like the
-- other structured fields) and the user who contributed a document.

-- +goose Up
ALTER TABLE documents ADD COLUMN case_study TEXT;
ALTER TABLE documents ADD COLUMN contributor_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX documents_contributor ON documents (contributor_id) WHERE contributor_id IS NOT NULL;

-- +goose Down
DROP INDEX documents_contributor;
ALTER TABLE documents DROP COLUMN contributor_id;
ALTER TABLE documents DROP COLUMN case_study;
