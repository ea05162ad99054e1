-- Updates as Telegram sent them, stored before they are confirmed to Telegram and handled from
-- here; a row leaves in the same transaction that marks its update handled.
CREATE TABLE inbox (
    update_id    INTEGER PRIMARY KEY,
    user_id      INTEGER,                -- who sent it, so /forget reaches an update still waiting
    payload      TEXT NOT NULL,          -- the update's JSON
    received_at  REAL NOT NULL
);
CREATE INDEX inbox_user ON inbox (user_id);
