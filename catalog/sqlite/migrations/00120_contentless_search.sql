-- The search index without its own copy of the text. A plain FTS5 table
-- keeps every indexed column again in documents_fts_content: the folded
-- words and the stem tokens, the body twice, written on every upsert and
-- more than half the index on disk. Nothing reads them back: snippets
-- come from documents.text, "did you mean" from documents_terms (the
-- index itself), and ranking from the index and the column sizes. A
-- contentless table keeps only the index; contentless_delete lets an
-- upsert still delete a document's old row by its rowid.
--
-- The new index starts empty: Migrate rebuilds it (Store.Reindex) after
-- applying this migration, as after 00030.

-- +goose Up
DROP TABLE documents_terms;
DROP TABLE documents_fts;

CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, summary, body, title_stems, summary_stems, body_stems,
	content = '', contentless_delete = 1,
	tokenize = 'ascii'
);

CREATE VIRTUAL TABLE documents_terms USING fts5vocab (documents_fts, col);

-- +goose Down
-- The table of 00030, empty: migrating up again rebuilds the index.
DROP TABLE documents_terms;
DROP TABLE documents_fts;

CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, summary, body, title_stems, summary_stems, body_stems,
	tokenize = 'ascii'
);

CREATE VIRTUAL TABLE documents_terms USING fts5vocab (documents_fts, col);
