-- Good news shared from a check-in: at most once a day, recorded on the person's own row (so no
-- trace of who posted stays anywhere else, and /forget removes it with the check-in).
ALTER TABLE checkins ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
