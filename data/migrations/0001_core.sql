-- People, communities (Telegram groups the bot serves) and who belongs where.
-- Times are UTC epoch seconds.

CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,          -- Telegram user id
    first_name            TEXT,
    username              TEXT,
    language_code         TEXT,                         -- what Telegram says the client uses
    language              TEXT,                         -- what the person chose with /lang
    timezone              TEXT,
    current_community_id  INTEGER REFERENCES communities (chat_id)
                              ON UPDATE CASCADE ON DELETE SET NULL,
    blocked_at            INTEGER,                      -- set on 403, cleared when they write again
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
CREATE INDEX users_username ON users (LOWER(username));

CREATE TABLE communities (
    chat_id      INTEGER PRIMARY KEY,                   -- group id; follows group→supergroup moves
    title        TEXT NOT NULL DEFAULT '',
    chat_type    TEXT NOT NULL DEFAULT 'supergroup',
    is_forum     INTEGER NOT NULL DEFAULT 0,
    language     TEXT,
    timezone     TEXT,
    status       TEXT NOT NULL DEFAULT 'active',       -- active | left
    bot_status   TEXT,                                  -- the bot's own member status there
    added_by     INTEGER,                               -- user id of who added the bot
    added_at     INTEGER NOT NULL,
    left_at      INTEGER
);

CREATE TABLE memberships (
    chat_id       INTEGER NOT NULL REFERENCES communities (chat_id)
                      ON UPDATE CASCADE ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    status        TEXT NOT NULL,                        -- Telegram's: member, administrator, creator,
                                                        -- restricted, left, kicked
    joined_at     INTEGER NOT NULL,
    left_at       INTEGER,
    last_seen_at  INTEGER,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE moderators (
    chat_id       INTEGER NOT NULL REFERENCES communities (chat_id)
                      ON UPDATE CASCADE ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    appointed_by  INTEGER,
    appointed_at  INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
