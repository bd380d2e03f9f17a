-- Why a gold answer is right, shown to the worker with the verdict on a gold task; NULL when the requester gave none.
ALTER TABLE tasks ADD COLUMN explanation text;

-- A project's practice tasks: rows of its batches marked practice, each with its answer and why. Shown to a worker new
-- to the project before any of its tasks, answered with a button and judged at once; no lease, no answer, no pay.
CREATE TABLE IF NOT EXISTS practice_tasks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint  NOT NULL REFERENCES projects (id),
    batch_id    bigint  REFERENCES batches (id),
    fields      text    NOT NULL,
    gold_answer text    NOT NULL,
    explanation text    NOT NULL,
    source_line integer
);
CREATE INDEX IF NOT EXISTS practice_tasks_project ON practice_tasks (project_id, id);

-- How many practice tasks the project has: read with the project on each claim, so a project without practice costs
-- the claim no lookup.
ALTER TABLE projects ADD COLUMN practice_tasks integer NOT NULL DEFAULT 0;

-- The workers who went through a project's practice; its tasks are offered to them from then on.
CREATE TABLE IF NOT EXISTS practice_done (
    worker_id  bigint NOT NULL REFERENCES workers (id),
    project_id bigint NOT NULL REFERENCES projects (id),
    done_at    bigint NOT NULL,
    PRIMARY KEY (worker_id, project_id)
);
