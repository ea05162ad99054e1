-- Mentoring: members who offer it (topics, how many new mentees a month), and requests
-- from mentees, answered by the mentor, with a check-in two weeks after an introduction.

CREATE TABLE mentors (
    user_id      INTEGER PRIMARY KEY,
    topics       TEXT NOT NULL,
    capacity     INTEGER NOT NULL DEFAULT 2,   -- new mentees a month
    active       INTEGER NOT NULL DEFAULT 1,   -- 0: paused
    updated_at   REAL NOT NULL
);

CREATE TABLE mentor_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    mentor_id    INTEGER NOT NULL,
    mentee_id    INTEGER NOT NULL,
    chat_id      INTEGER NOT NULL REFERENCES communities (chat_id)
                     ON UPDATE CASCADE ON DELETE CASCADE,
    topic        TEXT NOT NULL,
    message      TEXT NOT NULL,
    status       TEXT NOT NULL,                -- pending | accepted | declined
    created_at   REAL NOT NULL,
    decided_at   REAL,
    met          INTEGER                       -- the two-week check-in: 1 met, 0 not yet
);
CREATE INDEX mentor_requests_mentor ON mentor_requests (mentor_id, status, decided_at);
CREATE INDEX mentor_requests_mentee ON mentor_requests (mentee_id, status);
