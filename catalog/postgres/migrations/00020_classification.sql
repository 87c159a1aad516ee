-- Classification with confidences and the structured facts of events,
-- funding calls and legal acts, as jsonb (catalog.Label, catalog.Event,
-- catalog.Funding, catalog.Legislation encoded by encoding/json, times in
-- UTC); NULL when the document has none.

-- +goose Up
ALTER TABLE documents ADD COLUMN labels jsonb NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN event jsonb;
ALTER TABLE documents ADD COLUMN funding jsonb;
ALTER TABLE documents ADD COLUMN legislation jsonb;

-- +goose Down
ALTER TABLE documents DROP COLUMN legislation;
ALTER TABLE documents DROP COLUMN funding;
ALTER TABLE documents DROP COLUMN event;
ALTER TABLE documents DROP COLUMN labels;
