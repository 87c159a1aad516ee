-- The title and summary of every document indexed apart from the body,
-- as in documents_fts (words and stem tokens), so that ranking a broad
-- query's hits by where they hold its words (title, then summary, then
-- body alone; see rankedHits) reads the short lists of this index rather
-- than the whole catalog's.
--
-- Contentless (see 00120). The new index starts empty: Migrate rebuilds
-- the index (Store.Reindex) after applying this migration.

-- +goose Up
CREATE VIRTUAL TABLE documents_head USING fts5 (
	title, summary, title_stems, summary_stems,
	tokenize = 'ascii', content = '', contentless_delete = 1
);
-- A batch's rows in one segment, as for documents_fts (00121).
INSERT INTO documents_head (documents_head, rank) VALUES ('hashsize', 16777216);

-- +goose Down
DROP TABLE documents_head;
