-- Moderators who asked to see requests that are private to helpers (they never reach the group).
CREATE TABLE request_watchers (
    chat_id   INTEGER NOT NULL REFERENCES communities (chat_id)
                  ON UPDATE CASCADE ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    since     REAL NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
