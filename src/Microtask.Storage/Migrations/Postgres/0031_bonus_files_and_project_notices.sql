-- A requester's file of bonuses, from its report to Pay or Cancel. Its rows are kept as the report showed them, so Pay
-- pays exactly those; the key (the update that brought the file) is unique per requester, so a redelivered upload
-- gives the same report. state: pending -> paid | cancelled. told_line is the cursor of the job that tells the workers.
CREATE TABLE IF NOT EXISTS bonus_files (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint  NOT NULL REFERENCES projects (id),
    requester_id bigint  NOT NULL REFERENCES workers (id),
    request_key  text    NOT NULL,
    file_name    text    NOT NULL,
    sha256       text    NOT NULL,
    row_count    integer NOT NULL,
    total        bigint  NOT NULL CHECK (total > 0),
    state        text    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'paid', 'cancelled')),
    told_line    integer NOT NULL DEFAULT 0,
    created_at   bigint  NOT NULL,
    ended_at     bigint,
    CONSTRAINT bonus_files_once_per_request UNIQUE (requester_id, request_key)
);
CREATE INDEX IF NOT EXISTS bonus_files_project_sha256 ON bonus_files (project_id, sha256);

CREATE TABLE IF NOT EXISTS bonus_file_rows (
    bonus_file_id bigint  NOT NULL REFERENCES bonus_files (id),
    line          integer NOT NULL,
    worker_id     bigint  NOT NULL REFERENCES workers (id),
    amount        bigint  NOT NULL CHECK (amount > 0),
    reason        text    NOT NULL,
    PRIMARY KEY (bonus_file_id, line)
);

-- A requester's message to the workers of a project (/notify), fanned out by a job that resumes from its cursor (the
-- last recipient's worker id). Its recipients are fixed when it is sent. state: running -> done.
CREATE TABLE IF NOT EXISTS project_notices (
    id                bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id        bigint  NOT NULL REFERENCES projects (id),
    requester_id      bigint  NOT NULL REFERENCES workers (id),
    requester_chat_id bigint  NOT NULL,
    language          text    NOT NULL,
    text              text    NOT NULL,
    state             text    NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done')),
    total             integer NOT NULL,
    sent              integer NOT NULL DEFAULT 0,
    skipped           integer NOT NULL DEFAULT 0,
    last_worker_id    bigint  NOT NULL DEFAULT 0,
    created_at        bigint  NOT NULL,
    finished_at       bigint
);
CREATE INDEX IF NOT EXISTS project_notices_requester ON project_notices (requester_id, created_at);

CREATE TABLE IF NOT EXISTS project_notice_recipients (
    notice_id bigint NOT NULL REFERENCES project_notices (id),
    worker_id bigint NOT NULL REFERENCES workers (id),
    PRIMARY KEY (notice_id, worker_id)
);

-- A worker who pressed Mute under a project's message gets no more of its messages until they press Unmute.
CREATE TABLE IF NOT EXISTS project_mutes (
    worker_id  bigint NOT NULL REFERENCES workers (id),
    project_id bigint NOT NULL REFERENCES projects (id),
    created_at bigint NOT NULL,
    PRIMARY KEY (worker_id, project_id)
);
