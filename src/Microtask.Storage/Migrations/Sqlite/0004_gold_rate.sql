-- The share of claims that prefer a gold (known-answer) task, per project; the rest prefer ordinary tasks.
ALTER TABLE projects ADD COLUMN gold_percent integer NOT NULL DEFAULT 10 CHECK (gold_percent BETWEEN 0 AND 100);
