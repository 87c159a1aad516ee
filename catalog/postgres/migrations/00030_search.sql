-- Search, second version: the search vector now also holds stem tokens
-- ("·en·hous") at the positions of their words, derived theme and
-- sub-theme columns for the facets, the funding deadline for sorting, and
-- the indexed words for "did you mean".
--
-- Existing vectors lack the stems: Migrate rebuilds the index from the
-- documents (Store.Reindex) after applying this migration, since the stems
-- are computed in Go.

-- +goose Up
-- search_head is the title and summary part of search, which ranking
-- reads: small enough to stay in the row, where the whole vector of a
-- long document is compressed out of line and costly to read for every
-- hit of a broad query.
ALTER TABLE documents ADD COLUMN search_head tsvector NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN theme_roots text[] NOT NULL DEFAULT '{}';
ALTER TABLE documents ADD COLUMN subthemes text[] NOT NULL DEFAULT '{}';
ALTER TABLE documents ADD COLUMN deadline timestamptz;

CREATE INDEX documents_theme_roots ON documents USING gin (theme_roots);
CREATE INDEX documents_subthemes ON documents USING gin (subthemes);
CREATE INDEX documents_deadline ON documents (deadline, id);

-- The words of titles and summaries, for "did you mean"; a word may
-- outlive the documents that held it (suggestions are checked against
-- the index), and Reindex starts it afresh. Byte order ("C") so that a
-- range of words with one first letter is an index scan.
CREATE TABLE search_terms (
	term text COLLATE "C" PRIMARY KEY
);

-- +goose Down
DROP TABLE search_terms;
DROP INDEX documents_deadline;
DROP INDEX documents_subthemes;
DROP INDEX documents_theme_roots;
ALTER TABLE documents DROP COLUMN deadline;
ALTER TABLE documents DROP COLUMN subthemes;
ALTER TABLE documents DROP COLUMN theme_roots;
ALTER TABLE documents DROP COLUMN search_head;
