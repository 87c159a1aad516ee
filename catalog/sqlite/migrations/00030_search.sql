-- Search, second version: stems per document language beside the folded
-- words, derived theme and sub-theme columns for the facets, the funding
-- deadline for sorting, and a view of the indexed words for "did you mean".
--
-- The new index starts empty: Migrate rebuilds it from the documents
-- (Store.Reindex) after applying this migration, since the stems are
-- computed in Go.

-- +goose Up
DROP TABLE documents_fts;

-- title, summary and body hold the folded surface words, in order, so
-- phrases and prefixes match them; the *_stems columns hold the stem
-- tokens ("·en·hous") of the same fields. Surface words and stem tokens
-- never collide, so a query needs no column filter.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, summary, body, title_stems, summary_stems, body_stems,
	tokenize = 'ascii'
);

-- One row per indexed term and column, with the number of documents
-- holding it there: "did you mean" draws on the title and summary words.
CREATE VIRTUAL TABLE documents_terms USING fts5vocab (documents_fts, col);

ALTER TABLE documents ADD COLUMN theme_roots TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN subthemes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE documents ADD COLUMN deadline INTEGER;

CREATE INDEX documents_deadline ON documents (deadline, id);

-- +goose Down
DROP INDEX documents_deadline;
ALTER TABLE documents DROP COLUMN deadline;
ALTER TABLE documents DROP COLUMN subthemes;
ALTER TABLE documents DROP COLUMN theme_roots;
DROP TABLE documents_terms;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, summary, body,
	tokenize = 'ascii'
);
