-- Trust per source and per email domain: blocked, unverified, allowed,
-- trusted. Every source starts unverified; a domain without a rule is
-- unverified too, so domain_trust holds only the domains someone graded.

-- +goose Up
ALTER TABLE sources ADD COLUMN trust text NOT NULL DEFAULT 'unverified'
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
