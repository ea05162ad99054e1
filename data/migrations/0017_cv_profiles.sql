-- Job seekers' profiles (/cv), their weekly shares to a group, and who asked to get in touch.

CREATE TABLE cv_profiles (
    user_id      INTEGER PRIMARY KEY,
    role         TEXT NOT NULL,
    level        TEXT NOT NULL,                       -- intern | junior | … | lead
    skills       TEXT NOT NULL DEFAULT '',            -- space-separated hashtags
    location     TEXT NOT NULL,                       -- remote | hybrid | office
    city         TEXT NOT NULL DEFAULT '',
    languages    TEXT NOT NULL DEFAULT '',
    about        TEXT NOT NULL DEFAULT '',
    links        TEXT NOT NULL DEFAULT '',            -- one per line
    visibility   TEXT NOT NULL DEFAULT 'community',   -- community | moderators | hidden
    created_at   REAL NOT NULL,
    updated_at   REAL NOT NULL
);

CREATE TABLE cv_shares (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL,
    chat_id      INTEGER NOT NULL REFERENCES communities (chat_id)
                     ON UPDATE CASCADE ON DELETE CASCADE,
    shared_at    REAL NOT NULL,
    message_id   INTEGER
);
CREATE INDEX cv_shares_user ON cv_shares (user_id, chat_id, shared_at);

CREATE TABLE cv_contacts (
    owner_id     INTEGER NOT NULL,                    -- whose profile
    user_id      INTEGER NOT NULL,                    -- who asked to get in touch
    asked_at     REAL NOT NULL,
    PRIMARY KEY (owner_id, user_id)
);
