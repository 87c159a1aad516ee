-- The catalog's write generation: every write of documents bumps it in
-- its own transaction, and every search reads it in its snapshot, so a
-- cached count is reused only by searches that see the same documents.

-- +goose Up
CREATE TABLE search_generation (
	n bigint NOT NULL
);
INSERT INTO search_generation (n) VALUES (1);

-- +goose Down
DROP TABLE search_generation;
