-- Accounts: users, their signed-in sessions, one-time tokens mailed to
-- them (address verification, password reset) and the site's secret keys.
--
-- Tokens are stored as their SHA-256 (catalog.HashToken), never as given
-- out. email_key is the address lower-cased in Go (catalog.EmailKey), so
-- both stores decide uniqueness alike.

-- +goose Up
CREATE TABLE users (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	email             TEXT    NOT NULL,
	email_key         TEXT    NOT NULL UNIQUE,
	name              TEXT    NOT NULL,
	organisation      TEXT    NOT NULL DEFAULT '',
	organisation_type TEXT    NOT NULL DEFAULT '',
	country           TEXT    NOT NULL DEFAULT '',
	role              TEXT    NOT NULL DEFAULT 'practitioner',
	countries         TEXT    NOT NULL DEFAULT '[]',
	password_hash     TEXT    NOT NULL DEFAULT '',
	email_verified_at INTEGER,
	listed            INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1)),
	email_language    TEXT    NOT NULL DEFAULT 'en',
	created_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
	token_hash TEXT    PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE user_tokens (
	token_hash TEXT    PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose    TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX user_tokens_user ON user_tokens (user_id);

CREATE TABLE site_keys (
	name       TEXT    PRIMARY KEY,
	key        BLOB    NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- +goose Down
DROP TABLE site_keys;
DROP TABLE user_tokens;
DROP TABLE sessions;
DROP TABLE users;
