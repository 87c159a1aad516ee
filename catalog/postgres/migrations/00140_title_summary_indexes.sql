-- The title and summary tiers of ranking (tiers.go) each find their
-- documents through an index of their own field: the title's lexemes
-- (weight A of search_head) and the summary's (weight B). The one index
-- over search_head (00120) could not tell a title's word from a
-- summary's: GIN keeps no weights, so the title tier of a broad query read
-- the heap row of every document with the word in its title or summary
-- and threw most away (at 100,000 documents, 11,865 rows on 8,835 pages
-- read for 2,899 titles: 66-164 ms; with the title's own index 2,713
-- pages and no row thrown away, 16-40 ms, on a busy machine). The two
-- indexes hold about the entries the one held, so writing costs the same.
--
-- Built in the migration's transaction, as 00120 was; their pending lists
-- follow the session's limit, as the search indexes' do (00130).

-- +goose Up
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX documents_search_title ON documents USING gin (ts_filter(search_head, '{a}'));
CREATE INDEX documents_search_summary ON documents USING gin (ts_filter(search_head, '{b}'));
DROP INDEX documents_search_head;

-- +goose Down
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX documents_search_head ON documents USING gin (search_head);
DROP INDEX documents_search_summary;
DROP INDEX documents_search_title;
