-- A report made with 🚩 under one of the bot's posts knows what the post is, so "Delete" takes
-- the request, vacancy or introduction down (not just the message, leaving it open elsewhere).

ALTER TABLE reports ADD COLUMN post_kind TEXT;   -- rq | vc | in; NULL: a member's own message
ALTER TABLE reports ADD COLUMN post_id INTEGER;  -- the request's or vacancy's id (in: NULL)
