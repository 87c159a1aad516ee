-- The catalog: sources, their harvest runs and the documents they yield,
-- with an FTS5 index over the documents' folded words.
--
-- Times are INTEGER microseconds since the Unix epoch (UTC); NULL stands
-- for the zero time. Lists are JSON arrays of strings.

-- +goose Up
CREATE TABLE sources (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	kind          TEXT    NOT NULL,
	url           TEXT    NOT NULL UNIQUE,
	name          TEXT    NOT NULL DEFAULT '',
	publisher     TEXT    NOT NULL DEFAULT '',
	language      TEXT    NOT NULL DEFAULT '',
	country       TEXT    NOT NULL DEFAULT '',
	status        TEXT    NOT NULL DEFAULT 'new',
	last_error    TEXT    NOT NULL DEFAULT '',
	fail_count    INTEGER NOT NULL DEFAULT 0,
	last_harvest  INTEGER,
	last_success  INTEGER,
	next_check    INTEGER NOT NULL,
	interval_ns   INTEGER NOT NULL,
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX sources_due ON sources (next_check, id) WHERE status <> 'disabled';

CREATE TABLE harvest_runs (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id   INTEGER NOT NULL REFERENCES sources (id),
	started_at  INTEGER,
	finished_at INTEGER,
	status      TEXT    NOT NULL CHECK (status IN ('ok', 'not_modified', 'failed')),
	stage       TEXT    NOT NULL DEFAULT '',
	error       TEXT    NOT NULL DEFAULT '',
	docs_new       INTEGER NOT NULL DEFAULT 0,
	docs_updated   INTEGER NOT NULL DEFAULT 0,
	docs_unchanged INTEGER NOT NULL DEFAULT 0,
	docs_failed    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);

-- Columns that searches filter, sort and count on come first and the long
-- texts last: SQLite reads a row from its start, so facets and hits never
-- walk the overflow pages of a long body.
CREATE TABLE documents (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id     INTEGER NOT NULL REFERENCES sources (id),
	key           TEXT    NOT NULL,
	content_hash  TEXT    NOT NULL,
	language      TEXT    NOT NULL DEFAULT '',
	content_type  TEXT    NOT NULL DEFAULT '',
	themes        TEXT    NOT NULL DEFAULT '[]',
	countries     TEXT    NOT NULL DEFAULT '[]',
	published_at  INTEGER,
	updated_at    INTEGER,
	harvested_at  INTEGER NOT NULL,
	languages     TEXT    NOT NULL DEFAULT '[]',
	language_from TEXT    NOT NULL DEFAULT '',
	authors       TEXT    NOT NULL DEFAULT '[]',
	url           TEXT    NOT NULL DEFAULT '',
	canonical_url TEXT    NOT NULL DEFAULT '',
	title         TEXT    NOT NULL,
	summary       TEXT    NOT NULL DEFAULT '',
	text          TEXT    NOT NULL DEFAULT '',
	html          TEXT    NOT NULL DEFAULT '',
	UNIQUE (source_id, key)
) STRICT;

CREATE INDEX documents_published ON documents (published_at, id);
CREATE INDEX documents_language ON documents (language);
CREATE INDEX documents_content_type ON documents (content_type);

-- The search index holds the folded words that the store computes in Go
-- with catalog/analysis, one row per document with rowid = documents.id.
-- The ascii tokenizer splits only on ASCII punctuation and spaces and keeps
-- every other character, so the index holds exactly the words analysis
-- produced: SQLite's own Unicode tables never disagree with Go's, and
-- PostgreSQL indexes the very same words.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
	title, summary, body,
	tokenize = 'ascii'
);

-- +goose Down
DROP TABLE documents_fts;
DROP TABLE documents;
DROP TABLE harvest_runs;
DROP TABLE sources;
