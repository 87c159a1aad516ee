-- The editorial workflow: a document's state, its embargo and the reason
-- of the editor's last decision. Documents stored before were public, so
-- they stay published.

-- +goose Up
ALTER TABLE documents ADD COLUMN state text NOT NULL DEFAULT 'published'
	CHECK (state IN ('draft', 'pending', 'published', 'refused', 'archived'));
ALTER TABLE documents ADD COLUMN embargo_until timestamptz;
ALTER TABLE documents ADD COLUMN state_reason text NOT NULL DEFAULT '';
CREATE INDEX documents_state ON documents (state, harvested_at);

-- +goose Down
DROP INDEX documents_state;
ALTER TABLE documents DROP COLUMN state_reason;
ALTER TABLE documents DROP COLUMN embargo_until;
ALTER TABLE documents DROP COLUMN state;
