-- A queued message is retried through any outage until it is no longer worth sending: a
-- reminder after its meeting, an alert after a day, a notice after a week.
ALTER TABLE outbox ADD COLUMN expires_at REAL;
UPDATE outbox SET expires_at = not_before + 7 * 86400 WHERE expires_at IS NULL;
