-- One folding of text for the index, /jobs queries and saved searches (bot/texts.fold): «ё» is
-- «е» both ways, «й» stays a letter of its own, technology names (c++, c#, .net, node.js, 1С)
-- are one word each. The index now holds the folded forms, made by search_form() (registered on
-- every connection by bot/db.py); it is contentless, the texts themselves stay in vacancies.

DROP TRIGGER vacancies_fts_insert;
DROP TRIGGER vacancies_fts_delete;
DROP TRIGGER vacancies_fts_update;
DROP TABLE vacancies_fts;

CREATE VIRTUAL TABLE vacancies_fts USING fts5(
    title, company, tags, description, city,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER vacancies_fts_insert AFTER INSERT ON vacancies BEGIN
    INSERT INTO vacancies_fts (rowid, title, company, tags, description, city)
    VALUES (new.id, search_form(new.title), search_form(new.company), search_form(new.tags),
            search_form(new.description), search_form(new.city));
END;

CREATE TRIGGER vacancies_fts_delete AFTER DELETE ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, company, tags, description, city)
    VALUES ('delete', old.id, search_form(old.title), search_form(old.company),
            search_form(old.tags), search_form(old.description), search_form(old.city));
END;

CREATE TRIGGER vacancies_fts_update AFTER UPDATE OF title, company, tags, description, city
ON vacancies BEGIN
    INSERT INTO vacancies_fts (vacancies_fts, rowid, title, company, tags, description, city)
    VALUES ('delete', old.id, search_form(old.title), search_form(old.company),
            search_form(old.tags), search_form(old.description), search_form(old.city));
    INSERT INTO vacancies_fts (rowid, title, company, tags, description, city)
    VALUES (new.id, search_form(new.title), search_form(new.company), search_form(new.tags),
            search_form(new.description), search_form(new.city));
END;

INSERT INTO vacancies_fts (rowid, title, company, tags, description, city)
SELECT id, search_form(title), search_form(company), search_form(tags),
       search_form(description), search_form(city)
FROM vacancies;
