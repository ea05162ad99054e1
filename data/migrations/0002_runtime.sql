-- What keeps the bot honest across restarts: the outbox, forms in progress, seen updates, timers.

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id      INTEGER NOT NULL,                      -- a private chat (= user id) or a group
    thread_id    INTEGER,
    method       TEXT NOT NULL DEFAULT 'sendMessage',
    payload      TEXT NOT NULL,                         -- JSON parameters of the method
    priority     INTEGER NOT NULL DEFAULT 0,            -- lower goes first
    status       TEXT NOT NULL DEFAULT 'pending',       -- pending | sent | failed | skipped
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   REAL NOT NULL,
    dedupe_key   TEXT UNIQUE,
    created_at   REAL NOT NULL,
    sent_at      REAL,
    message_id   INTEGER,
    last_error   TEXT
);
CREATE INDEX outbox_due ON outbox (status, not_before);
CREATE INDEX outbox_chat ON outbox (chat_id, status);

CREATE TABLE fsm_states (
    bot_id        INTEGER NOT NULL,
    chat_id       INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    thread_id     INTEGER NOT NULL DEFAULT 0,
    business_id   TEXT NOT NULL DEFAULT '',
    destiny       TEXT NOT NULL DEFAULT 'default',
    state         TEXT,
    data          TEXT NOT NULL DEFAULT '{}',
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (bot_id, chat_id, user_id, thread_id, business_id, destiny)
);
CREATE INDEX fsm_states_user ON fsm_states (user_id);

CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    received_at  INTEGER NOT NULL
);

-- One-off work at a moment (delete a hint, send a follow-up…); the scheduler is rebuilt from here.
CREATE TABLE timers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    args         TEXT NOT NULL DEFAULT '{}',            -- ids only
    run_at       REAL NOT NULL,
    grace        INTEGER NOT NULL DEFAULT 600,          -- seconds late it may still run
    status       TEXT NOT NULL DEFAULT 'pending',       -- pending | done | skipped | failed
    dedupe_key   TEXT UNIQUE,
    user_id      INTEGER,                               -- the person it concerns, if any
    created_at   REAL NOT NULL,
    done_at      REAL
);
CREATE INDEX timers_pending ON timers (status, run_at);
