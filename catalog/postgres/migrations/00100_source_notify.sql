-- What the owner of a proposed source is mailed about when its health
-- changes: errors (when it starts failing, the default), all (also when it
-- recovers) or none.

-- +goose Up
ALTER TABLE source_registrations ADD COLUMN notify TEXT NOT NULL DEFAULT 'errors';
CREATE INDEX source_registrations_source ON source_registrations (source_id);

-- +goose Down
DROP INDEX source_registrations_source;
ALTER TABLE source_registrations DROP COLUMN notify;
