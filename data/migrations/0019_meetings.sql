-- Meetings: a series (one-off or recurring) with its occurrences, each announced in the group
-- with its own RSVPs. Wall times are kept as typed, in the zone the meeting was made in, so a
-- weekly 19:00 stays 19:00 across DST; starts_at is the UTC instant of each occurrence.

CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id       INTEGER NOT NULL REFERENCES communities (chat_id)
                      ON UPDATE CASCADE ON DELETE CASCADE,
    host_id       INTEGER,                       -- NULL after the host's /forget
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL,                 -- meetup | workshop | mentoring | circle | other
    description   TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',      -- an address ('' when online)
    link          TEXT NOT NULL DEFAULT '',      -- an http(s) link to join online
    zone          TEXT NOT NULL,                 -- IANA zone of the wall times below
    start_local   TEXT NOT NULL,                 -- the first occurrence, 'YYYY-MM-DD HH:MM'
    duration_min  INTEGER NOT NULL,
    capacity      INTEGER,                       -- seats (guests included); NULL: no limit
    guests        INTEGER NOT NULL DEFAULT 0,    -- "+N" a member may bring (0: none)
    cutoff_min    INTEGER,                       -- RSVPs close this long before the start
    recurrence    TEXT NOT NULL DEFAULT 'none',  -- none | weekly | biweekly | monthly | rrule
    rrule         TEXT,
    reminders     TEXT NOT NULL DEFAULT '1440,60', -- minutes before the start
    lead_days     INTEGER NOT NULL DEFAULT 6,    -- the next occurrence is announced this early
    feedback      INTEGER NOT NULL DEFAULT 1,    -- ask those who came how it was
    status        TEXT NOT NULL DEFAULT 'active', -- active | cancelled | ended
    created_at    REAL NOT NULL,
    updated_at    REAL NOT NULL
);
CREATE INDEX meetings_chat ON meetings (chat_id, status);

CREATE TABLE meeting_occurrences (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    series_local  TEXT NOT NULL,                 -- its place in the series (kept when moved)
    local_start   TEXT NOT NULL,                 -- when it happens, wall time in the zone
    starts_at     REAL NOT NULL,                 -- UTC epoch of local_start
    status        TEXT NOT NULL DEFAULT 'scheduled', -- scheduled | cancelled
    message_id    INTEGER,                       -- the announcement in the group
    created_at    REAL NOT NULL,
    UNIQUE (meeting_id, series_local)
);
CREATE INDEX meeting_occurrences_start ON meeting_occurrences (status, starts_at);

CREATE TABLE meeting_rsvps (
    occurrence_id INTEGER NOT NULL REFERENCES meeting_occurrences (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    status        TEXT NOT NULL,                 -- going | maybe | no | waitlist
    guests        INTEGER NOT NULL DEFAULT 0,
    remind_min    INTEGER,                       -- a personal reminder this long before
    attended      INTEGER,                       -- marked by the host afterwards
    score         INTEGER,                       -- feedback 1..5
    note          TEXT,
    queued_at     REAL NOT NULL,                 -- the order of the waitlist
    updated_at    REAL NOT NULL,
    PRIMARY KEY (occurrence_id, user_id)
);
CREATE INDEX meeting_rsvps_user ON meeting_rsvps (user_id);
