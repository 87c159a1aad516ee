-- The pending lists of the GIN indexes over the search vectors were
-- bounded by the indexes themselves (512 kB; 00091, 00120), which
-- overrides the session's gin_pending_list_limit. They now take it from
-- the session: the store's connections set 512 kB (see Open), and a batch
-- of documents raises it for its transaction and merges the list once it
-- commits (see UpsertDocuments), which costs a third of merging it a few
-- dozen documents at a time.

-- +goose Up
ALTER INDEX documents_search RESET (gin_pending_list_limit);
ALTER INDEX documents_search_head RESET (gin_pending_list_limit);

-- +goose Down
ALTER INDEX documents_search SET (gin_pending_list_limit = 512);
ALTER INDEX documents_search_head SET (gin_pending_list_limit = 512);
