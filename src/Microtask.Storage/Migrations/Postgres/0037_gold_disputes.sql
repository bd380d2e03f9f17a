-- A worker's dispute of a gold task's answer they were marked wrong against: once per task and worker.
CREATE TABLE IF NOT EXISTS gold_disputes (
    task_id    bigint NOT NULL REFERENCES tasks (id),
    worker_id  bigint NOT NULL REFERENCES workers (id),
    project_id bigint NOT NULL REFERENCES projects (id),
    created_at bigint NOT NULL,
    PRIMARY KEY (task_id, worker_id)
);

-- A gold task the disputes and its crowd set aside: tasks.gold_answer is NULL meanwhile, and its gold answer waits here
-- with the evidence until the requester keeps it or changes it to the crowd's. Once per task: a decided task is not
-- set aside again.
CREATE TABLE IF NOT EXISTS gold_quarantine (
    task_id      bigint  NOT NULL PRIMARY KEY REFERENCES tasks (id),
    project_id   bigint  NOT NULL REFERENCES projects (id),
    gold_answer  text    NOT NULL,
    crowd_answer text    NOT NULL,
    crowd_count  integer NOT NULL,
    answers      integer NOT NULL,
    disputes     integer NOT NULL,
    lifted       integer NOT NULL,
    created_at   bigint  NOT NULL,
    decision     text,
    decided_by   bigint REFERENCES workers (id),
    decided_at   bigint
);
CREATE INDEX IF NOT EXISTS gold_quarantine_project ON gold_quarantine (project_id);

-- When the worker's record on the project last started afresh (a suspension lifted): a quarantined gold answer given
-- before it is no longer in the record, so it is not taken out again.
ALTER TABLE worker_quality ADD COLUMN reset_at bigint;
