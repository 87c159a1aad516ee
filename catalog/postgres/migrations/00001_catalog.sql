-- The catalog: sources, their harvest runs and the documents they yield,
-- with a full-text index over the documents' folded words.

-- +goose Up
CREATE TABLE sources (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind          text        NOT NULL,
	url           text        NOT NULL UNIQUE,
	name          text        NOT NULL DEFAULT '',
	publisher     text        NOT NULL DEFAULT '',
	language      text        NOT NULL DEFAULT '',
	country       text        NOT NULL DEFAULT '',
	status        text        NOT NULL DEFAULT 'new',
	last_error    text        NOT NULL DEFAULT '',
	fail_count    integer     NOT NULL DEFAULT 0,
	last_harvest  timestamptz,
	last_success  timestamptz,
	next_check    timestamptz NOT NULL,
	interval_ns   bigint      NOT NULL,
	etag          text        NOT NULL DEFAULT '',
	last_modified text        NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL
);

CREATE INDEX sources_due ON sources (next_check, id) WHERE status <> 'disabled';

CREATE TABLE harvest_runs (
	id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_id      bigint      NOT NULL REFERENCES sources (id),
	started_at     timestamptz,
	finished_at    timestamptz,
	status         text        NOT NULL CHECK (status IN ('ok', 'not_modified', 'failed')),
	stage          text        NOT NULL DEFAULT '',
	error          text        NOT NULL DEFAULT '',
	docs_new       integer     NOT NULL DEFAULT 0,
	docs_updated   integer     NOT NULL DEFAULT 0,
	docs_unchanged integer     NOT NULL DEFAULT 0,
	docs_failed    integer     NOT NULL DEFAULT 0
);

CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);

-- search holds the folded words that the store computes in Go with
-- catalog/analysis, written as a tsvector literal (title weighted A,
-- summary B, body C), so PostgreSQL's parser never re-splits them and the
-- index holds exactly the words catalog/sqlite indexes.
CREATE TABLE documents (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_id     bigint      NOT NULL REFERENCES sources (id),
	key           text        NOT NULL,
	url           text        NOT NULL DEFAULT '',
	canonical_url text        NOT NULL DEFAULT '',
	title         text        NOT NULL,
	summary       text        NOT NULL DEFAULT '',
	text          text        NOT NULL DEFAULT '',
	html          text        NOT NULL DEFAULT '',
	language      text        NOT NULL DEFAULT '',
	languages     text[]      NOT NULL DEFAULT '{}',
	language_from text        NOT NULL DEFAULT '',
	authors       text[]      NOT NULL DEFAULT '{}',
	themes        text[]      NOT NULL DEFAULT '{}',
	content_type  text        NOT NULL DEFAULT '',
	countries     text[]      NOT NULL DEFAULT '{}',
	published_at  timestamptz,
	updated_at    timestamptz,
	harvested_at  timestamptz NOT NULL,
	content_hash  text        NOT NULL,
	search        tsvector    NOT NULL,
	UNIQUE (source_id, key)
);

CREATE INDEX documents_search ON documents USING gin (search);
CREATE INDEX documents_themes ON documents USING gin (themes);
CREATE INDEX documents_countries ON documents USING gin (countries);
CREATE INDEX documents_published ON documents (published_at DESC NULLS LAST, id DESC);
CREATE INDEX documents_language ON documents (language);
CREATE INDEX documents_content_type ON documents (content_type);

-- +goose Down
DROP TABLE documents;
DROP TABLE harvest_runs;
DROP TABLE sources;
