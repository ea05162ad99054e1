-- Help requests and offers. An anonymous request keeps its author for the bot's own routing
-- only; nothing that reaches the group or a helper is derived from it.

CREATE TABLE help_requests (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL REFERENCES communities (chat_id)
                         ON UPDATE CASCADE ON DELETE CASCADE,
    author_id        INTEGER,                       -- NULL once the author used /forget
    category         TEXT NOT NULL,
    title            TEXT NOT NULL,
    details          TEXT NOT NULL DEFAULT '',
    urgency          TEXT NOT NULL,                 -- today | week | whenever
    visibility       TEXT NOT NULL,                 -- public | anonymous | helpers
    language         TEXT NOT NULL,
    status           TEXT NOT NULL,                 -- review | open | in_progress | resolved
                                                    -- | closed | expired | rejected | deleted
    post_message_id  INTEGER,                       -- the group post, once sent
    reason           TEXT,                          -- why a moderator rejected or closed it
    created_at       REAL NOT NULL,
    opened_at        REAL,
    updated_at       REAL NOT NULL,
    bumped_at        REAL,
    asked_at         REAL,                          -- "still needed?" sent
    closed_at        REAL
);
CREATE INDEX help_requests_chat_status ON help_requests (chat_id, status);
CREATE INDEX help_requests_author ON help_requests (author_id, status);

-- "I can help": one per helper and request.
CREATE TABLE help_responses (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id   INTEGER NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
    helper_id    INTEGER,                           -- NULL once the helper used /forget
    note         TEXT NOT NULL,
    status       TEXT NOT NULL,                     -- offered | accepted | declined | released
    created_at   REAL NOT NULL,
    updated_at   REAL NOT NULL,
    activity_at  REAL NOT NULL,                     -- last word in the conversation
    nudged_at    REAL,                              -- "how is it going?" sent
    revealed     INTEGER NOT NULL DEFAULT 0,        -- the anonymous author showed who they are
    UNIQUE (request_id, helper_id)
);
CREATE INDEX help_responses_helper ON help_responses (helper_id, status);

-- What a member offers to help with; also where their "people helped" count lives.
CREATE TABLE helper_profiles (
    user_id           INTEGER PRIMARY KEY,
    categories        TEXT NOT NULL DEFAULT '',     -- comma-separated category codes
    skills            TEXT NOT NULL DEFAULT '',
    per_week          INTEGER NOT NULL DEFAULT 3,
    languages         TEXT NOT NULL DEFAULT '',     -- comma-separated: ru,en
    paused            INTEGER NOT NULL DEFAULT 0,
    helped            INTEGER NOT NULL DEFAULT 0,
    last_notified_at  REAL,
    created_at        REAL NOT NULL,
    updated_at        REAL NOT NULL
);
CREATE INDEX helper_profiles_notified ON helper_profiles (last_notified_at, user_id);

-- Who was told about which request (fairness, weekly availability, nobody told twice).
CREATE TABLE help_notifications (
    request_id  INTEGER NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    sent_at     REAL NOT NULL,
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX help_notifications_user ON help_notifications (user_id, sent_at);

-- An author declined this helper once: the helper is not matched to that author again.
CREATE TABLE help_declines (
    author_id   INTEGER NOT NULL,
    helper_id   INTEGER NOT NULL,
    created_at  REAL NOT NULL,
    PRIMARY KEY (author_id, helper_id)
);
