-- Ranking by relevance reads the head tier first: the hits with a word
-- of the query in their title or summary (search_head; see tiers.go).
-- This index finds them without reading the other hits of a broad query.
--
-- It is built in the migration's transaction, not CONCURRENTLY (which
-- cannot run in one, and would wait for every older transaction of the
-- database, those of other schemas too): searches go on reading the
-- table meanwhile; only writes of documents wait, for the few seconds the
-- build of the small head vectors takes at 100,000 documents. A larger
-- maintenance_work_mem for this transaction alone builds it in memory.
-- The pending list is kept small as documents_search's is (00091).

-- +goose Up
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX documents_search_head ON documents USING gin (search_head) WITH (gin_pending_list_limit = 512);

-- +goose Down
DROP INDEX documents_search_head;
