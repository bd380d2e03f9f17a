-- Roles granted in the chat (owners come from config): 'requester' and/or 'admin', comma-separated; '' for a worker.
ALTER TABLE workers ADD COLUMN roles text NOT NULL DEFAULT '';

-- Every admin action: who, what, to whom, why, when.
CREATE TABLE IF NOT EXISTS audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id   bigint NOT NULL REFERENCES workers (id),
    action     text   NOT NULL,
    target_id  bigint REFERENCES workers (id),
    detail     text   NOT NULL DEFAULT '',
    created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target_id, id);
