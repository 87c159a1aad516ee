-- Sources proposed by their owners, waiting for an editor's decision. An
-- approved registration points to the source made from it; nothing is
-- harvested from a registration itself.

-- +goose Up
CREATE TABLE source_registrations (
	id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	owner_id     bigint      NOT NULL REFERENCES users (id),
	kind         text        NOT NULL,
	url          text        NOT NULL,
	name         text        NOT NULL DEFAULT '',
	publisher    text        NOT NULL DEFAULT '',
	language     text        NOT NULL DEFAULT '',
	country      text        NOT NULL DEFAULT '',
	themes       text[]      NOT NULL DEFAULT '{}',
	content_type text        NOT NULL DEFAULT '',
	state        text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
	reason       text        NOT NULL DEFAULT '',
	source_id    bigint      REFERENCES sources (id),
	decided_by   bigint      REFERENCES users (id),
	created_at   timestamptz NOT NULL,
	decided_at   timestamptz
);

-- One pending proposal per address.
CREATE UNIQUE INDEX source_registrations_pending_url ON source_registrations (url) WHERE state = 'pending';
CREATE INDEX source_registrations_owner ON source_registrations (owner_id, id);
CREATE INDEX source_registrations_state ON source_registrations (state, id);

-- +goose Down
DROP TABLE source_registrations;
