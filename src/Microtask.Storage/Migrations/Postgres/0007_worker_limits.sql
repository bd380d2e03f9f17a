-- The worker's own day: a daily limit (answers per local day; NULL: only the platform's cap applies), an IANA
-- time zone (NULL: Microtask:DefaultTimeZone), a daily reminder as minutes after local midnight (NULL: none),
-- and the local date (yyyy-MM-dd) of the last reminder sent, so that a reminder job run twice nudges once.
ALTER TABLE workers ADD COLUMN daily_limit integer CHECK (daily_limit BETWEEN 1 AND 1000);
ALTER TABLE workers ADD COLUMN time_zone text;
ALTER TABLE workers ADD COLUMN remind_at integer CHECK (remind_at BETWEEN 0 AND 1439);
ALTER TABLE workers ADD COLUMN last_nudged_on text;
-- The reminder job walks the workers of one minute in id order.
CREATE INDEX IF NOT EXISTS workers_remind_at ON workers (remind_at, id) WHERE remind_at IS NOT NULL;
