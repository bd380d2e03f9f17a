-- Answers left out of the results (their worker suspended from the project or banned) whose slot was offered again:
-- one row per answer, so its task's overlap is raised once for it, whatever bans are lifted or imposed later.
CREATE TABLE IF NOT EXISTS reopened_slots (
    answer_id  INTEGER NOT NULL PRIMARY KEY,
    task_id    bigint NOT NULL,
    project_id bigint NOT NULL,
    worker_id  bigint NOT NULL,
    created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS reopened_slots_project ON reopened_slots (project_id, task_id);
