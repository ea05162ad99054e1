-- Full-text search over vacancies (FTS5, kept in step with the table by triggers).
-- unicode61 with remove_diacritics folds ё into е, so "удалёнка" and "удаленка" meet.

CREATE VIRTUAL TABLE vacancies_fts USING fts5(
    title, company, tags, description, city,
    content = 'vacancies', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER vacancies_fts_insert AFTER INSERT ON vacancies BEGIN
    INSERT INTO vacancies_fts (rowid, title, company, tags, description, city)
    VALUES (new.id, new.title, new.company, new.tags, new.description, new.city);
END;

CREATE TRIGGER vacancies_fts_delete AFTER DELETE ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, company, tags, description, city)
    VALUES ('delete', old.id, old.title, old.company, old.tags, old.description, old.city);
END;

CREATE TRIGGER vacancies_fts_update AFTER UPDATE OF title, company, tags, description, city
ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, company, tags, description, city)
    VALUES ('delete', old.id, old.title, old.company, old.tags, old.description, old.city);
    INSERT INTO vacancies_fts (rowid, title, company, tags, description, city)
    VALUES (new.id, new.title, new.company, new.tags, new.description, new.city);
END;

INSERT INTO vacancies_fts (vacancies_fts) VALUES ('rebuild');
