-- Source health and harvest runs as the harvester's error classes need
-- them: the class of the last error and how many failures of that class
-- came in a row; runs that are opened when they start (running), can be
-- deferred by the server or aborted, and keep a list of errors.

-- +goose Up
ALTER TABLE sources ADD COLUMN error_class TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN error_streak INTEGER NOT NULL DEFAULT 0;

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE harvest_runs_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id   INTEGER NOT NULL REFERENCES sources (id),
	started_at  INTEGER,
	finished_at INTEGER,
	status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'not_modified', 'failed', 'deferred', 'aborted')),
	stage       TEXT    NOT NULL DEFAULT '',
	error       TEXT    NOT NULL DEFAULT '',
	docs_new       INTEGER NOT NULL DEFAULT 0,
	docs_updated   INTEGER NOT NULL DEFAULT 0,
	docs_unchanged INTEGER NOT NULL DEFAULT 0,
	docs_failed    INTEGER NOT NULL DEFAULT 0,
	errors      TEXT    NOT NULL DEFAULT '[]'
) STRICT;
INSERT INTO harvest_runs_new (id, source_id, started_at, finished_at, status, stage, error,
	docs_new, docs_updated, docs_unchanged, docs_failed)
SELECT id, source_id, started_at, finished_at, status, stage, error,
	docs_new, docs_updated, docs_unchanged, docs_failed FROM harvest_runs;
DROP TABLE harvest_runs;
ALTER TABLE harvest_runs_new RENAME TO harvest_runs;
CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);
CREATE INDEX harvest_runs_running ON harvest_runs (started_at) WHERE status = 'running';

-- +goose Down
DROP INDEX harvest_runs_running;
DELETE FROM harvest_runs WHERE status NOT IN ('ok', 'not_modified', 'failed');
CREATE TABLE harvest_runs_old (
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
INSERT INTO harvest_runs_old SELECT id, source_id, started_at, finished_at, status, stage, error,
	docs_new, docs_updated, docs_unchanged, docs_failed FROM harvest_runs;
DROP TABLE harvest_runs;
ALTER TABLE harvest_runs_old RENAME TO harvest_runs;
CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);
ALTER TABLE sources DROP COLUMN error_streak;
ALTER TABLE sources DROP COLUMN error_class;
