-- outside a transaction
-- An answer names its task, project and worker beside its assignment. They were four foreign keys, four checks per
-- answer; two of them, with the assignment's own check on its project, took a FOR KEY SHARE lock on the project's row,
-- the row every answer also updates for the budget, so that every answer added a member to a multixact on it. Now an
-- answer refers to its assignment by all four columns (one check, and the three must be the assignment's, which the
-- four separate keys did not require), and an assignment to its task by task and project (one check instead of two,
-- and the project must be the task's). Nine checks per answer become five, none of them on the project's row.
-- The indexes are built CONCURRENTLY (see 0016), the keys added NOT VALID (no scan) and validated after (no lock that
-- stops writers); the old keys go last, one per statement. The ALTERs take strong locks, briefly once granted: the
-- runner lets each wait at most 2 s and tries again, so none of them queues the answers behind a long transaction.
-- Each statement can run again after an interruption.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS tasks_id_project ON tasks (id, project_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS assignments_id_task_project_worker ON assignments (id, task_id, project_id, worker_id);
ALTER TABLE assignments
    DROP CONSTRAINT IF EXISTS assignments_task_of_project,
    ADD CONSTRAINT assignments_task_of_project FOREIGN KEY (task_id, project_id) REFERENCES tasks (id, project_id) NOT VALID;
ALTER TABLE assignments VALIDATE CONSTRAINT assignments_task_of_project;
ALTER TABLE answers
    DROP CONSTRAINT IF EXISTS answers_of_assignment,
    ADD CONSTRAINT answers_of_assignment FOREIGN KEY (assignment_id, task_id, project_id, worker_id)
        REFERENCES assignments (id, task_id, project_id, worker_id) NOT VALID;
ALTER TABLE answers VALIDATE CONSTRAINT answers_of_assignment;
ALTER TABLE assignments DROP CONSTRAINT IF EXISTS assignments_task_id_fkey;
ALTER TABLE assignments DROP CONSTRAINT IF EXISTS assignments_project_id_fkey;
ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_task_id_fkey;
ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_project_id_fkey;
ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_worker_id_fkey;
ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_assignment_id_fkey;
