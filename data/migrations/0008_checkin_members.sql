-- Who joined a community's check-ins: only their check-ins count in its anonymous pulse
-- (turning check-ins on for a community enrols nobody).

CREATE TABLE checkin_members (
    user_id     INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL REFERENCES communities (chat_id)
                    ON UPDATE CASCADE ON DELETE CASCADE,
    since       INTEGER NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);
CREATE INDEX checkin_members_chat ON checkin_members (chat_id);
