-- Each time a worker was asked to rate a project: the scores chosen so far on the question's message, and how it ended.
-- state: open -> rated | skipped. A worker is asked about a project at most once in a week of asking, skipping or
-- rating it (RatingStore.AskAsync).
CREATE TABLE IF NOT EXISTS rating_prompts (
    id            INTEGER  PRIMARY KEY AUTOINCREMENT,
    worker_id     bigint   NOT NULL REFERENCES workers (id),
    project_id    bigint   NOT NULL REFERENCES projects (id),
    asked_at      bigint   NOT NULL,
    pay           smallint CHECK (pay BETWEEN 1 AND 5),
    clarity       smallint CHECK (clarity BETWEEN 1 AND 5),
    fairness      smallint CHECK (fairness BETWEEN 1 AND 5),
    payment_speed smallint CHECK (payment_speed BETWEEN 1 AND 5),
    state         text     NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'rated', 'skipped')),
    closed_at     bigint
);
CREATE INDEX IF NOT EXISTS rating_prompts_worker_project ON rating_prompts (worker_id, project_id, asked_at);

-- A worker's finished rating of a project, one per question; averaged over the last 30 days, never shown alone.
CREATE TABLE IF NOT EXISTS project_ratings (
    prompt_id     bigint   NOT NULL PRIMARY KEY REFERENCES rating_prompts (id),
    project_id    bigint   NOT NULL REFERENCES projects (id),
    worker_id     bigint   NOT NULL REFERENCES workers (id),
    pay           smallint NOT NULL CHECK (pay BETWEEN 1 AND 5),
    clarity       smallint NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    fairness      smallint NOT NULL CHECK (fairness BETWEEN 1 AND 5),
    payment_speed smallint NOT NULL CHECK (payment_speed BETWEEN 1 AND 5),
    rated_at      bigint   NOT NULL
);
CREATE INDEX IF NOT EXISTS project_ratings_project_time ON project_ratings (project_id, rated_at);
