-- The GIN index of the search vectors takes new entries into a pending
-- list that every search scans in full until it is merged into the index
-- (by VACUUM, or by an insert when the list passes its limit, 4 MB by
-- default): after a load without autovacuum, 18 ms of every 19 ms search.
-- A smaller limit merges a few dozen documents at a time.

-- +goose Up
ALTER INDEX documents_search SET (gin_pending_list_limit = 512);

-- +goose Down
ALTER INDEX documents_search RESET (gin_pending_list_limit);
