-- The audit log: every moderation action and settings change in a community — who, what, whom,
-- why, when — for /modlog and the community's log chat.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    actor_id    INTEGER,                 -- NULL: the bot itself, or after the actor's /forget
    action      TEXT NOT NULL,           -- setting | mod | unmod | rules | mission | …
    target_id   INTEGER,                 -- the person acted on, if any
    detail      TEXT NOT NULL DEFAULT '',
    created_at  REAL NOT NULL
);
CREATE INDEX audit_log_chat ON audit_log (chat_id, id);
