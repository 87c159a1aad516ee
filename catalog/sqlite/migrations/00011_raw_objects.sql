-- Raw harvested objects: the latest response per source URL, as fetched,
-- so documents can be normalised again without fetching.

-- +goose Up
CREATE TABLE raw_objects (
	source_id    INTEGER NOT NULL REFERENCES sources (id),
	url          TEXT    NOT NULL,
	fetched_at   INTEGER NOT NULL,
	content_type TEXT    NOT NULL DEFAULT '',
	hash         TEXT    NOT NULL,
	body         BLOB    NOT NULL,
	PRIMARY KEY (source_id, url)
) STRICT;

-- +goose Down
DROP TABLE raw_objects;
