-- Members who saved a vacancy, and who asked its author for a referral (once each).
CREATE TABLE saved_vacancies (
    user_id     INTEGER NOT NULL,
    vacancy_id  INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    saved_at    REAL NOT NULL,
    PRIMARY KEY (user_id, vacancy_id)
);

CREATE TABLE vacancy_referrals (
    vacancy_id  INTEGER NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    note        TEXT NOT NULL,
    asked_at    REAL NOT NULL,
    PRIMARY KEY (vacancy_id, user_id)
);
