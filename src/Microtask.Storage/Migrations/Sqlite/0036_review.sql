-- A requester's own answer to a task, set in /review: it wins over the crowd's in the results, marked as theirs.
-- One per task: a second review's decision on a settled task is refused.
CREATE TABLE IF NOT EXISTS final_answers (
    task_id    INTEGER NOT NULL PRIMARY KEY REFERENCES tasks (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    answer     TEXT NOT NULL,
    decided_by INTEGER NOT NULL REFERENCES workers (id),
    decided_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS final_answers_project ON final_answers (project_id);

-- The tasks a /review walks through, least sure first, as ranked when it started; a new /review of the project ranks
-- them again.
CREATE TABLE IF NOT EXISTS review_queue (
    project_id INTEGER NOT NULL REFERENCES projects (id),
    task_id    INTEGER NOT NULL REFERENCES tasks (id),
    rank       INTEGER NOT NULL,
    -- What the ranking read: the answers counted by value (JSON), and the crowd's confidence in its answer.
    answers    TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (project_id, rank)
);
