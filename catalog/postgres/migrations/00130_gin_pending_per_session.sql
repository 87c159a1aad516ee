-- The pending lists of the GIN indexes over the search vectors were
-- bounded by the indexes themselves (512 kB; 00091, 00120), which
-- overrides the session's gin_pending_list_limit. They now take it from
-- the session: the store's connections set 512 kB (see Open), and a batch
-- of documents raises it for its transaction and merges the lists once it
-- commits (see UpsertDocuments), which took 40% less server time than
-- merging them a few dozen documents at a time. The small indexes of the
-- facets keep the limit they had, the server's default (4 MB), whatever
-- the session says.

-- +goose Up
ALTER INDEX documents_search RESET (gin_pending_list_limit);
ALTER INDEX documents_search_head RESET (gin_pending_list_limit);
ALTER INDEX documents_themes SET (gin_pending_list_limit = 4096);
ALTER INDEX documents_countries SET (gin_pending_list_limit = 4096);
ALTER INDEX documents_theme_roots SET (gin_pending_list_limit = 4096);
ALTER INDEX documents_subthemes SET (gin_pending_list_limit = 4096);

-- +goose Down
ALTER INDEX documents_subthemes RESET (gin_pending_list_limit);
ALTER INDEX documents_theme_roots RESET (gin_pending_list_limit);
ALTER INDEX documents_countries RESET (gin_pending_list_limit);
ALTER INDEX documents_themes RESET (gin_pending_list_limit);
ALTER INDEX documents_search SET (gin_pending_list_limit = 512);
ALTER INDEX documents_search_head SET (gin_pending_list_limit = 512);
