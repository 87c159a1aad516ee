-- Source health and harvest runs as the harvester's error classes need
-- them: the class of the last error and how many failures of that class
-- came in a row; runs that are opened when they start (running), can be
-- deferred by the server or aborted, and keep a list of errors.

-- +goose Up
ALTER TABLE sources ADD COLUMN error_class text NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN error_streak integer NOT NULL DEFAULT 0;

ALTER TABLE harvest_runs DROP CONSTRAINT harvest_runs_status_check;
ALTER TABLE harvest_runs ADD CONSTRAINT harvest_runs_status_check
	CHECK (status IN ('running', 'ok', 'not_modified', 'failed', 'deferred', 'aborted'));
ALTER TABLE harvest_runs ADD COLUMN errors jsonb NOT NULL DEFAULT '[]';
CREATE INDEX harvest_runs_running ON harvest_runs (started_at) WHERE status = 'running';

-- +goose Down
DROP INDEX harvest_runs_running;
ALTER TABLE harvest_runs DROP COLUMN errors;
DELETE FROM harvest_runs WHERE status NOT IN ('ok', 'not_modified', 'failed');
ALTER TABLE harvest_runs DROP CONSTRAINT harvest_runs_status_check;
ALTER TABLE harvest_runs ADD CONSTRAINT harvest_runs_status_check
	CHECK (status IN ('ok', 'not_modified', 'failed'));
ALTER TABLE sources DROP COLUMN error_streak;
ALTER TABLE sources DROP COLUMN error_class;
