-- Mood check-ins: one per person per local day (a second one that day replaces the first).

CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL,
    community_id  INTEGER REFERENCES communities (chat_id) ON UPDATE CASCADE ON DELETE SET NULL,
    local_date    TEXT NOT NULL,                        -- YYYY-MM-DD in the person's time zone
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    note          TEXT,
    tags          TEXT NOT NULL DEFAULT '',             -- comma-separated tag codes
    created_at    INTEGER NOT NULL,
    UNIQUE (user_id, local_date)
);
CREATE INDEX checkins_community_date ON checkins (community_id, local_date);
