-- Searches registered users keep, with how often their new hits are mailed.
-- alerted_at is when the last alert went out (NULL before the first): the
-- next alert looks for documents published since then.

-- +goose Up
CREATE TABLE saved_searches (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       TEXT    NOT NULL,
	query      TEXT    NOT NULL DEFAULT '',
	frequency  TEXT    NOT NULL DEFAULT 'none' CHECK (frequency IN ('none', 'daily', 'weekly')),
	created_at INTEGER NOT NULL,
	alerted_at INTEGER
) STRICT;

CREATE INDEX saved_searches_user ON saved_searches (user_id, id);
-- The alert job reads the searches with alerts only.
CREATE INDEX saved_searches_alerts ON saved_searches (frequency, coalesce(alerted_at, created_at)) WHERE frequency <> 'none';

-- +goose Down
DROP TABLE saved_searches;
