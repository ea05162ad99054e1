-- Warnings and sanctions (mute, ban) in a community: who, whom, why (and which rule), until when.
-- A warning expires after the community's period; a sanction ends at `until` by itself (as
-- Telegram's own until_date does) or when lifted.

CREATE TABLE warnings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    by_id       INTEGER,                    -- NULL: an anonymous admin, or after /forget
    reason      TEXT NOT NULL DEFAULT '',
    rule        INTEGER,                    -- the rule's number, when one was cited
    created_at  REAL NOT NULL,
    expires_at  REAL NOT NULL,
    revoked_at  REAL
);
CREATE INDEX warnings_member ON warnings (chat_id, user_id, expires_at);

CREATE TABLE sanctions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,              -- mute | ban
    by_id       INTEGER,
    reason      TEXT NOT NULL DEFAULT '',
    rule        INTEGER,
    until       REAL,                       -- NULL: until lifted
    created_at  REAL NOT NULL,
    lifted_at   REAL
);
CREATE INDEX sanctions_member ON sanctions (chat_id, user_id, kind);
