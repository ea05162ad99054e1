-- One row per /jobs message: its filter and page buttons carry this id, so a button under an
-- older /jobs message acts on that message's own words and filters, not on the latest search.
-- The person's latest few are kept (bot/repos/job_searches.py prunes the rest).
CREATE TABLE job_searches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL,
    query        TEXT NOT NULL DEFAULT '',
    remote       INTEGER NOT NULL DEFAULT 0,
    level        TEXT,
    employment   TEXT,
    salary_from  INTEGER,
    currency     TEXT,
    page         INTEGER NOT NULL DEFAULT 0,
    created_at   REAL NOT NULL
);
CREATE INDEX job_searches_user ON job_searches (user_id, id);
