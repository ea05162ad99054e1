-- The "still looking for help" post is edited or removed with its request; a helper is
-- counted once per request however often it is reopened and resolved.
ALTER TABLE help_requests ADD COLUMN bump_message_id INTEGER;
ALTER TABLE help_responses ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;
