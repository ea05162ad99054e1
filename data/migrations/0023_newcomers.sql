-- Members who just joined: greeted together in one message (several joining at once are not a
-- flood), and, when the community gates joining, held read-only until they accept the rules.

CREATE TABLE newcomers (
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    joined_at   REAL NOT NULL,
    welcomed    INTEGER NOT NULL DEFAULT 0,
    gate        TEXT,                        -- NULL: no gate · pending | passed | removed | kept
    deadline    REAL,                        -- the gate closes then
    PRIMARY KEY (chat_id, user_id)
);
