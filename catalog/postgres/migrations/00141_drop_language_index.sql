-- The index on documents' language goes. Few languages share the catalog,
-- each a large part of it, and PostgreSQL, estimating a query's text
-- matches high, ANDed the language index's bitmap with the text's: at
-- 1,000,000 documents, a selective query kept to English, French and
-- German (260 matches) spent 32 of its 34 ms reading the 249,590 entries
-- of those languages from the index, where checking the language of the
-- 260 rows it then reads takes next to nothing. Searches filtered by
-- language alone take their pages from the facet index (catalog/search),
-- and the editors' queue filters the documents of one state. One index
-- less for every upsert to write, too.

-- +goose Up
DROP INDEX documents_language;

-- +goose Down
CREATE INDEX documents_language ON documents (language);
