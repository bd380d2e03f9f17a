-- What a task takes: the requester's estimate, then the median of the project's latest answers (kept by a job, so
-- that no task message computes it), from which workers are shown the pay per hour.
ALTER TABLE projects ADD COLUMN estimated_seconds INTEGER CHECK (estimated_seconds > 0);
ALTER TABLE projects ADD COLUMN measured_seconds INTEGER;
ALTER TABLE projects ADD COLUMN measured_answers INTEGER NOT NULL DEFAULT 0;
-- The project a worker chose to work on from /projects; null: any project.
ALTER TABLE workers ADD COLUMN project_choice INTEGER;
