-- Raw harvested objects: the latest response per source URL, as fetched,
-- so documents can be normalised again without fetching.

-- +goose Up
CREATE TABLE raw_objects (
	source_id    bigint      NOT NULL REFERENCES sources (id),
	url          text        NOT NULL,
	fetched_at   timestamptz NOT NULL,
	content_type text        NOT NULL DEFAULT '',
	hash         text        NOT NULL,
	body         bytea       NOT NULL,
	PRIMARY KEY (source_id, url)
);

-- +goose Down
DROP TABLE raw_objects;
