-- A report is answered step by step (delete AND warn, like /dwarn) until it is closed: each step
-- is recorded with who took it, and every copy of the report the bot sent (each moderator's
-- private chat, the log chat) is remembered so it can be edited to show what was done.

CREATE TABLE report_actions (
    report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    action      TEXT NOT NULL,   -- del | warn | mute1h | mute1d | ban | close | dismiss
    by_id       INTEGER,         -- the moderator; NULL after their /forget
    created_at  REAL NOT NULL,
    PRIMARY KEY (report_id, action)
);

CREATE TABLE report_copies (
    report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL, -- a moderator's private chat, or the community's log chat
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (report_id, chat_id)
);
CREATE INDEX report_copies_chat ON report_copies (chat_id);
