-- Publisher, licence and translations; see the SQLite migration of the
-- same number for what the columns hold.

-- +goose Up
ALTER TABLE documents ADD COLUMN publisher text NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN licence text NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN translations jsonb NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE documents DROP COLUMN translations;
ALTER TABLE documents DROP COLUMN licence;
ALTER TABLE documents DROP COLUMN publisher;
