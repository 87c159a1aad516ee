-- Trust per source and per email domain: blocked, unverified, allowed,
-- trusted. A source an operator adds is trusted (the column's default); one
-- proposed by its owner starts unverified when approved. A domain without
-- a rule is unverified, so domain_trust holds only the domains someone
-- graded.

-- +goose Up
ALTER TABLE sources ADD COLUMN trust text NOT NULL DEFAULT 'trusted'
	CHECK (trust IN ('blocked', 'unverified', 'allowed', 'trusted'));

CREATE TABLE domain_trust (
	domain     text        PRIMARY KEY,
	trust      text        NOT NULL CHECK (trust IN ('blocked', 'unverified', 'allowed', 'trusted')),
	note       text        NOT NULL DEFAULT '',
	set_by     bigint      REFERENCES users (id) ON DELETE SET NULL,
	updated_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE domain_trust;
ALTER TABLE sources DROP COLUMN trust;
