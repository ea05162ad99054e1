-- Saved searches over vacancies (/subscribe), and which vacancy each member was told about:
-- a member hears of a vacancy once, however many of their searches it matches.

CREATE TABLE job_subscriptions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL,
    query        TEXT NOT NULL DEFAULT '',   -- words, each matched as a prefix
    remote       INTEGER NOT NULL DEFAULT 0,
    level        TEXT,
    employment   TEXT,
    salary_from  INTEGER,
    currency     TEXT,
    daily        INTEGER NOT NULL DEFAULT 0, -- 0: at once; 1: in a daily digest
    created_at   REAL NOT NULL
);
CREATE INDEX job_subscriptions_user ON job_subscriptions (user_id);

CREATE TABLE job_matches (
    user_id      INTEGER NOT NULL,
    vacancy_id   INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    matched_at   REAL NOT NULL,
    pending      INTEGER NOT NULL DEFAULT 0, -- 1: waits for the daily digest
    PRIMARY KEY (user_id, vacancy_id)
);
CREATE INDEX job_matches_pending ON job_matches (user_id) WHERE pending = 1;
