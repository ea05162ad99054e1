-- Check-ins in a community: a member's consent to be checked on after hard days, the notices
-- sent (once per run of hard days), and moderators subscribed to the weekly summary.

CREATE TABLE checkin_check_on (
    user_id     INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    since       INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);

CREATE TABLE checkin_alerts (
    user_id     INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    first_day   TEXT NOT NULL,                          -- the run of hard days it was about
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id, first_day)
);

CREATE TABLE checkin_summary_subscribers (
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    since       INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX checkin_summary_subscribers_user ON checkin_summary_subscribers (user_id);
