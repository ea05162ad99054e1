-- When each person wants to be asked "how are you?": the reminder is computed in their own time
-- zone, so 20:00 stays 20:00 across DST changes. next_at is the next reminder in UTC.

CREATE TABLE checkin_schedules (
    user_id       INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT 'off',          -- off | daily | weekdays | weekly
    weekday       INTEGER NOT NULL DEFAULT 0,           -- 0 = Monday, for weekly
    local_time    TEXT NOT NULL DEFAULT '20:00',        -- HH:MM in the person's zone
    next_at       REAL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX checkin_schedules_next ON checkin_schedules (next_at);
