-- Vacancies shared in a community.

CREATE TABLE vacancies (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL REFERENCES communities (chat_id)
                         ON UPDATE CASCADE ON DELETE CASCADE,
    author_id        INTEGER,                       -- NULL once the author used /forget
    title            TEXT NOT NULL,
    company          TEXT NOT NULL,
    location         TEXT NOT NULL,                 -- remote | hybrid | office
    city             TEXT NOT NULL DEFAULT '',
    employment       TEXT NOT NULL,                 -- full_time | part_time | contract | internship
    level            TEXT NOT NULL,                 -- intern | junior | middle | senior | lead
    salary_low       INTEGER,
    salary_high      INTEGER,
    currency         TEXT,
    tags             TEXT NOT NULL DEFAULT '',      -- space-separated hashtags
    description      TEXT NOT NULL DEFAULT '',
    link             TEXT NOT NULL,
    can_refer        INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL,                 -- review | open | filled | expired | rejected
    post_message_id  INTEGER,
    created_at       REAL NOT NULL,
    expires_at       REAL NOT NULL,
    updated_at       REAL NOT NULL
);
CREATE INDEX vacancies_chat_status ON vacancies (chat_id, status);
CREATE INDEX vacancies_author_created ON vacancies (author_id, created_at);
CREATE INDEX vacancies_link ON vacancies (chat_id, link);
