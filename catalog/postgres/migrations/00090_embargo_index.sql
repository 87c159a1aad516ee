-- Searches read the next embargo to pass (the earliest embargo_until after
-- now): cached counts and the facet index are only reused until then, so
-- that a document leaving its embargo is counted at once.

-- +goose Up
CREATE INDEX documents_embargo_until ON documents (embargo_until) WHERE embargo_until IS NOT NULL;

-- +goose Down
DROP INDEX documents_embargo_until;
