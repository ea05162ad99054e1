-- Appeals: a member asks the other moderators to review a warning, mute or ban; their decision
-- is recorded and told. And the audit log learns to say "an anonymous admin" instead of nobody.

ALTER TABLE audit_log ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;

CREATE TABLE appeals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,            -- the member who appeals
    kind        TEXT NOT NULL,               -- warn | mute | ban
    record_id   INTEGER NOT NULL,            -- warnings.id (warn) or sanctions.id (mute, ban)
    by_id       INTEGER,                     -- who gave it (never asked to decide); NULL: unknown
    text        TEXT NOT NULL DEFAULT '',    -- the member's words
    status      TEXT NOT NULL DEFAULT 'open', -- open | deciding | lifted | kept
    decided_by  INTEGER,
    created_at  REAL NOT NULL,
    decided_at  REAL,
    UNIQUE (kind, record_id)
);
CREATE INDEX appeals_member ON appeals (user_id);
