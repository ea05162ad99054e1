-- Meeting changes that reach calendars: each meeting counts its revisions (the SEQUENCE of its
-- calendar file, so that a calendar takes a moved or cancelled event as the newer one), and an
-- occurrence keeps the reason its host gave for cancelling or moving it, for the announcement.

ALTER TABLE meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting_occurrences ADD COLUMN change_reason TEXT;
