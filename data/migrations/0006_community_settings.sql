-- A community's settings, one row per key: features add keys without a schema change, and every
-- change records who made it (the audit log builds on this).

CREATE TABLE community_settings (
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_by  INTEGER,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (chat_id, key)
);

-- Members who volunteered to be contacted by people having a hard time.
CREATE TABLE listeners (
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    since       INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX listeners_user ON listeners (user_id);
