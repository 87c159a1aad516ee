-- The theme, sub-theme and country filters as rows that an index finds:
-- the JSON lists of documents cannot be indexed, and a filter on them
-- read every document's list once per facet counted (seconds at 100,000
-- documents). Derived data, written with the search index; Migrate
-- fills it (Store.Reindex) after this migration.

-- +goose Up
CREATE TABLE document_tags (
	facet  TEXT    NOT NULL, -- 'theme' (slugs and their themes), 'subtheme', 'country'
	value  TEXT    NOT NULL,
	doc_id INTEGER NOT NULL,
	PRIMARY KEY (facet, value, doc_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX document_tags_doc ON document_tags (doc_id);

-- +goose Down
DROP TABLE document_tags;
