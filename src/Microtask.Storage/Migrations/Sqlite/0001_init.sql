-- Times are unix milliseconds (bigint) in both backends, so most statements read the same on both.
CREATE TABLE IF NOT EXISTS workers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_id   bigint  NOT NULL UNIQUE,
    name          text    NOT NULL,
    language      text    NOT NULL DEFAULT 'id',
    consented     boolean NOT NULL DEFAULT FALSE,
    active        boolean NOT NULL DEFAULT TRUE,
    balance       bigint  NOT NULL DEFAULT 0,
    gold_total    integer NOT NULL DEFAULT 0,
    gold_correct  integer NOT NULL DEFAULT 0,
    created_at    bigint  NOT NULL
);

CREATE TABLE IF NOT EXISTS projects (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    requester_id       bigint,
    title              text    NOT NULL,
    instructions       text    NOT NULL,
    kind               text    NOT NULL,
    options            text    NOT NULL,
    template           text    NOT NULL,
    reward             bigint  NOT NULL CHECK (reward >= 0),
    overlap            integer NOT NULL CHECK (overlap BETWEEN 1 AND 20),
    time_limit_seconds integer NOT NULL CHECK (time_limit_seconds > 0),
    state              text    NOT NULL,
    created_at         bigint  NOT NULL
);

-- overlap is copied from the project so that the database itself refuses a task over its overlap.
CREATE TABLE IF NOT EXISTS tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  bigint  NOT NULL REFERENCES projects (id),
    fields      text    NOT NULL,
    gold_answer text,
    overlap     integer NOT NULL,
    answers     integer NOT NULL DEFAULT 0,
    leases      integer NOT NULL DEFAULT 0,
    CONSTRAINT tasks_within_overlap CHECK (answers >= 0 AND leases >= 0 AND answers + leases <= overlap)
);
CREATE INDEX IF NOT EXISTS tasks_open ON tasks (answers DESC, id) WHERE answers + leases < overlap;
CREATE INDEX IF NOT EXISTS tasks_project ON tasks (project_id);

CREATE TABLE IF NOT EXISTS assignments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id     bigint  NOT NULL REFERENCES tasks (id),
    project_id  bigint  NOT NULL REFERENCES projects (id),
    worker_id   bigint  NOT NULL REFERENCES workers (id),
    state       text    NOT NULL,
    created_at  bigint  NOT NULL,
    expires_at  bigint  NOT NULL,
    finished_at bigint,
    message_id  bigint
);
CREATE INDEX IF NOT EXISTS assignments_worker_task ON assignments (worker_id, task_id);
CREATE INDEX IF NOT EXISTS assignments_live_expiry ON assignments (expires_at) WHERE state = 'active';
-- One task at a time per worker.
CREATE UNIQUE INDEX IF NOT EXISTS assignments_one_live ON assignments (worker_id) WHERE state = 'active';

CREATE TABLE IF NOT EXISTS answers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id       bigint  NOT NULL REFERENCES tasks (id),
    project_id    bigint  NOT NULL REFERENCES projects (id),
    worker_id     bigint  NOT NULL REFERENCES workers (id),
    assignment_id bigint  NOT NULL UNIQUE REFERENCES assignments (id),
    value         text    NOT NULL,
    gold_correct  boolean,
    created_at    bigint  NOT NULL,
    CONSTRAINT answers_once_per_worker UNIQUE (task_id, worker_id)
);
CREATE INDEX IF NOT EXISTS answers_worker_time ON answers (worker_id, created_at);

-- Double-entry: every movement is a pair of rows that sums to zero.
CREATE TABLE IF NOT EXISTS ledger (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account    text   NOT NULL,
    amount     bigint NOT NULL,
    answer_id  bigint REFERENCES answers (id),
    created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_account ON ledger (account);

CREATE TABLE IF NOT EXISTS reports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id    bigint NOT NULL REFERENCES tasks (id),
    worker_id  bigint NOT NULL REFERENCES workers (id),
    reason     text   NOT NULL,
    created_at bigint NOT NULL
);
