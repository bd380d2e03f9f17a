-- What is left of the project's budget, in minor units; NULL for a project without one (the sample from config).
-- The ledger account 'project:<id>' always sums to this value.
ALTER TABLE projects ADD COLUMN budget bigint;
-- Answers one worker may give to the project in one local day; NULL for no cap.
ALTER TABLE projects ADD COLUMN daily_cap integer CHECK (daily_cap > 0);
-- Why the project is paused when the bot paused it ('budget'); NULL when the requester did.
ALTER TABLE projects ADD COLUMN paused_by text;

-- Which upload a task came from, so the requester can be told when a whole batch is done.
ALTER TABLE tasks ADD COLUMN batch_id bigint REFERENCES batches (id);
CREATE INDEX IF NOT EXISTS tasks_batch_open ON tasks (batch_id) WHERE answers < overlap;
ALTER TABLE batches ADD COLUMN completed_at bigint;

-- A requester's /newproject conversation in progress: one per user, its answers so far as JSON.
CREATE TABLE IF NOT EXISTS conversations (
    worker_id  bigint NOT NULL PRIMARY KEY REFERENCES workers (id),
    data       text   NOT NULL,
    updated_at bigint NOT NULL
);
