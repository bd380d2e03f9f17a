-- The worker's Telegram @username, as Telegram last sent it (NULL: none), so admins can name users by it.
-- Telegram usernames are unique and case-insensitive; one that moved to another user is cleared from the old one.
ALTER TABLE workers ADD COLUMN username text;
CREATE UNIQUE INDEX IF NOT EXISTS workers_username ON workers (lower(username)) WHERE username IS NOT NULL;
