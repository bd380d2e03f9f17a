-- Bans and suspensions: the whole platform (project_id NULL) or one project, until a moment (year 9999 when permanent).
-- Lifting one sets until to the moment it was lifted, so expiry and lifting read the same way.
CREATE TABLE IF NOT EXISTS bans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    worker_id  bigint NOT NULL REFERENCES workers (id),
    project_id bigint REFERENCES projects (id),
    until      bigint NOT NULL,
    reason     text   NOT NULL DEFAULT '',
    created_by bigint NOT NULL REFERENCES workers (id),
    created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS bans_worker ON bans (worker_id, until);

-- The end of the worker's platform ban, loaded with the worker on every update: the router's check costs no query.
ALTER TABLE workers ADD COLUMN banned_until bigint;

-- A banned worker's appeal, waiting in the admins' review queue beside reports.
CREATE TABLE IF NOT EXISTS appeals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    worker_id   bigint NOT NULL REFERENCES workers (id),
    text        text   NOT NULL,
    created_at  bigint NOT NULL,
    resolved_at bigint,
    resolution  text
);
CREATE INDEX IF NOT EXISTS appeals_open ON appeals (id) WHERE resolved_at IS NULL;

ALTER TABLE reports ADD COLUMN resolved_at bigint;
ALTER TABLE reports ADD COLUMN resolution text;
CREATE INDEX IF NOT EXISTS reports_open ON reports (id) WHERE resolved_at IS NULL;
