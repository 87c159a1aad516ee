-- What the hub keeps of a user's contribution besides its document: the
-- kind of form it came from, whether the contributor is credited on the
-- item, the English summary they may add, and when each acknowledgement
-- was mailed (so none is sent twice).

-- +goose Up
CREATE TABLE contributions (
	document_id      INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
	user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind             TEXT    NOT NULL,
	credit           INTEGER NOT NULL DEFAULT 1,
	summary_en       TEXT    NOT NULL DEFAULT '',
	submitted_at     INTEGER NOT NULL,
	received_ack_at  INTEGER,
	published_ack_at INTEGER
);
CREATE INDEX contributions_user ON contributions (user_id, submitted_at);
CREATE INDEX contributions_submitted ON contributions (submitted_at);

-- +goose Down
DROP TABLE contributions;
