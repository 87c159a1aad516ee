-- The search vectors and texts of documents are compressed with LZ4
-- rather than pglz when the server has it (PostgreSQL 14 and later, built
-- with lz4, as the common packages are): at 3,000 synthetic documents
-- writing them took a third of the time, the vectors came out a tenth
-- smaller (texts a third larger), and reading every vector 40% faster.
-- Only values written from now on are compressed so; older ones are read
-- as they are. A server without LZ4 keeps pglz.

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
	ALTER TABLE documents ALTER COLUMN search SET COMPRESSION lz4,
		ALTER COLUMN search_head SET COMPRESSION lz4,
		ALTER COLUMN text SET COMPRESSION lz4,
		ALTER COLUMN html SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
	NULL;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
	ALTER TABLE documents ALTER COLUMN search SET COMPRESSION DEFAULT,
		ALTER COLUMN search_head SET COMPRESSION DEFAULT,
		ALTER COLUMN text SET COMPRESSION DEFAULT,
		ALTER COLUMN html SET COMPRESSION DEFAULT;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
	NULL;
END $$;
-- +goose StatementEnd
