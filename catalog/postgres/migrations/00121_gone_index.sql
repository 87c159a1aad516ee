-- Search keeps one document of each group of copies (collapseCopies in
-- search.go): a copy stays when its representative is gone. PostgreSQL
-- answers that by hashing the IDs of the gone documents once per search,
-- which without an index read the whole table: at 100,000 documents,
-- tenths of a second for any search with a copy among its hits. Gone
-- documents are few; this index holds them alone.

-- +goose Up
CREATE INDEX documents_gone ON documents (id) WHERE gone_at IS NOT NULL;

-- +goose Down
DROP INDEX documents_gone;
