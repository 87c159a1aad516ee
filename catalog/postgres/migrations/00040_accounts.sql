-- Accounts: users, their signed-in sessions, one-time tokens mailed to
-- them (address verification, password reset) and the site's secret keys.
--
-- Tokens are stored as their SHA-256 (catalog.HashToken), never as given
-- out. email_key is the address lower-cased in Go (catalog.EmailKey), so
-- both stores decide uniqueness alike.

-- +goose Up
CREATE TABLE users (
	id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email             text        NOT NULL,
	email_key         text        NOT NULL UNIQUE,
	name              text        NOT NULL,
	organisation      text        NOT NULL DEFAULT '',
	organisation_type text        NOT NULL DEFAULT '',
	country           text        NOT NULL DEFAULT '',
	role              text        NOT NULL DEFAULT 'practitioner',
	countries         text[]      NOT NULL DEFAULT '{}',
	password_hash     text        NOT NULL DEFAULT '',
	email_verified_at timestamptz,
	listed            boolean     NOT NULL DEFAULT false,
	email_language    text        NOT NULL DEFAULT 'en',
	created_at        timestamptz NOT NULL
);

CREATE TABLE sessions (
	token_hash text        PRIMARY KEY,
	user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE user_tokens (
	token_hash text        PRIMARY KEY,
	user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose    text        NOT NULL,
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);

CREATE INDEX user_tokens_user ON user_tokens (user_id);

CREATE TABLE site_keys (
	name       text        PRIMARY KEY,
	key        bytea       NOT NULL,
	created_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE site_keys;
DROP TABLE user_tokens;
DROP TABLE sessions;
DROP TABLE users;
