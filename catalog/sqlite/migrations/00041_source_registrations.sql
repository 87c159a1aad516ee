-- Sources proposed by their owners, waiting for an editor's decision. An
-- approved registration points to the source made from it; nothing is
-- harvested from a registration itself.

-- +goose Up
CREATE TABLE source_registrations (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	owner_id     INTEGER NOT NULL REFERENCES users (id),
	kind         TEXT    NOT NULL,
	url          TEXT    NOT NULL,
	name         TEXT    NOT NULL DEFAULT '',
	publisher    TEXT    NOT NULL DEFAULT '',
	language     TEXT    NOT NULL DEFAULT '',
	country      TEXT    NOT NULL DEFAULT '',
	themes       TEXT    NOT NULL DEFAULT '[]',
	content_type TEXT    NOT NULL DEFAULT '',
	state        TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
	reason       TEXT    NOT NULL DEFAULT '',
	source_id    INTEGER REFERENCES sources (id),
	decided_by   INTEGER REFERENCES users (id),
	created_at   INTEGER NOT NULL,
	decided_at   INTEGER
) STRICT;

-- One pending proposal per address.
CREATE UNIQUE INDEX source_registrations_pending_url ON source_registrations (url) WHERE state = 'pending';
CREATE INDEX source_registrations_owner ON source_registrations (owner_id, id);
CREATE INDEX source_registrations_state ON source_registrations (state, id);

-- +goose Down
DROP TABLE source_registrations;
