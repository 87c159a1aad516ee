-- Classification with confidences and the structured facts of events,
-- funding calls and legal acts, as JSON (catalog.Label, catalog.Event,
-- catalog.Funding, catalog.Legislation encoded by encoding/json, times in
-- UTC); NULL when the document has none. They are read whole with the
-- document and never filtered on, so JSON columns are enough.

-- +goose Up
ALTER TABLE documents ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN event TEXT;
ALTER TABLE documents ADD COLUMN funding TEXT;
ALTER TABLE documents ADD COLUMN legislation TEXT;

-- +goose Down
ALTER TABLE documents DROP COLUMN legislation;
ALTER TABLE documents DROP COLUMN funding;
ALTER TABLE documents DROP COLUMN event;
ALTER TABLE documents DROP COLUMN labels;
