-- Reports of a message to the moderators: one row per reported message (reports of the same
-- message are merged), with who reported it and what the moderators did.

CREATE TABLE reports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id      INTEGER NOT NULL REFERENCES communities (chat_id)
                     ON UPDATE CASCADE ON DELETE CASCADE,
    message_id   INTEGER NOT NULL,
    author_id    INTEGER,                  -- the reported member
    text         TEXT NOT NULL DEFAULT '', -- a copy for the moderators (the message may go)
    status       TEXT NOT NULL DEFAULT 'open', -- open | done | dismissed
    action       TEXT,                     -- what was done: del | warn | mute1h | …
    resolved_by  INTEGER,
    created_at   REAL NOT NULL,
    resolved_at  REAL,
    UNIQUE (chat_id, message_id)
);

CREATE TABLE report_reporters (
    report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   REAL NOT NULL,
    PRIMARY KEY (report_id, user_id)
);
CREATE INDEX report_reporters_user ON report_reporters (user_id);
