-- A broadcast from its preview to its end, in the database rather than one process's memory: Confirm, Cancel and
-- Stop may reach any instance, and the fan-out (a Hangfire job) resumes after a crash from its cursor.
-- state: preview → running → stopping → stopped | done; preview → cancelled.
CREATE TABLE IF NOT EXISTS broadcasts (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id       bigint  NOT NULL REFERENCES workers (id),
    admin_chat_id  bigint  NOT NULL,
    html           text    NOT NULL,
    language       text    NOT NULL,
    state          text    NOT NULL,
    total          integer NOT NULL DEFAULT 0,
    sent           integer NOT NULL DEFAULT 0,
    skipped        integer NOT NULL DEFAULT 0,
    last_worker_id bigint  NOT NULL DEFAULT 0,
    progress_id    bigint,
    created_at     bigint  NOT NULL,
    finished_at    bigint
);
