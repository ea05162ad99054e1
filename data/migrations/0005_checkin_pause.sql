-- Vacation mode: no check-in reminders before this local date.
ALTER TABLE checkin_schedules ADD COLUMN paused_until TEXT;
