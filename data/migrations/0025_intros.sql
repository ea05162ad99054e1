-- Members' introductions (/intro): one per member per community, kept privately or posted to
-- the group as a card that follows the answers (edited in place when posted again).

CREATE TABLE intros (
    chat_id      INTEGER NOT NULL REFERENCES communities (chat_id)
                     ON UPDATE CASCADE ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    brings       TEXT NOT NULL DEFAULT '',            -- what brings them here
    offers       TEXT NOT NULL DEFAULT '',            -- what they can offer
    needs        TEXT NOT NULL DEFAULT '',            -- what they need
    posted_at    REAL,                                -- NULL: kept private
    message_id   INTEGER,                             -- the card in the group, once sent
    created_at   REAL NOT NULL,
    updated_at   REAL NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX intros_user ON intros (user_id);
