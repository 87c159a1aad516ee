-- Deletions: how many successful runs in a row missed a document, and
-- when it was marked gone (NULL while it is there).

-- +goose Up
ALTER TABLE documents ADD COLUMN missing_runs integer NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN gone_at timestamptz;

-- +goose Down
ALTER TABLE documents DROP COLUMN gone_at;
ALTER TABLE documents DROP COLUMN missing_runs;
