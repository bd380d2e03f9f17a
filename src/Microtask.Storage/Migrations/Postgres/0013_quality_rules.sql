-- The quality rules a requester chooses per project (see QualityRules): suspension below a gold accuracy after a
-- number of gold answers, a minimum of seconds per task with a number of too-fast flags that suspends, a
-- qualification of gold tasks before the others, and leaving suspended workers' answers out of the results.
ALTER TABLE projects ADD COLUMN min_accuracy      integer NOT NULL DEFAULT 60 CHECK (min_accuracy BETWEEN 0 AND 100);
ALTER TABLE projects ADD COLUMN min_gold          integer NOT NULL DEFAULT 8 CHECK (min_gold >= 1);
ALTER TABLE projects ADD COLUMN min_seconds       integer NOT NULL DEFAULT 0 CHECK (min_seconds >= 0);
ALTER TABLE projects ADD COLUMN fast_flags        integer NOT NULL DEFAULT 3 CHECK (fast_flags >= 1);
ALTER TABLE projects ADD COLUMN qualification     integer NOT NULL DEFAULT 0 CHECK (qualification >= 0);
ALTER TABLE projects ADD COLUMN exclude_suspended boolean NOT NULL DEFAULT TRUE;

-- A worker's record on one project: gold answers and right ones, answers flagged as too fast, and whether the
-- worker passed the project's qualification. Written in the
-- transaction that stores a gold or flagged answer, so the rules judge exactly what was stored.
CREATE TABLE IF NOT EXISTS worker_quality (
    worker_id    bigint  NOT NULL REFERENCES workers (id),
    project_id   bigint  NOT NULL REFERENCES projects (id),
    gold_total   integer NOT NULL DEFAULT 0,
    gold_correct integer NOT NULL DEFAULT 0,
    fast_flags   integer NOT NULL DEFAULT 0,
    qualified    boolean NOT NULL DEFAULT FALSE,
    PRIMARY KEY (worker_id, project_id)
);

-- A too-fast answer is marked, for admins and for the record.
ALTER TABLE answers ADD COLUMN too_fast boolean NOT NULL DEFAULT FALSE;

-- A suspension the rules imposed ('accuracy', 'too_fast', 'qualification') has no admin behind it.
ALTER TABLE bans ADD COLUMN rule text;
ALTER TABLE bans ALTER COLUMN created_by DROP NOT NULL;
