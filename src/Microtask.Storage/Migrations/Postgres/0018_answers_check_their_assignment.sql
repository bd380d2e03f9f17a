-- outside a transaction
-- An answer refers to its assignment by task, project and worker together, and an assignment to its task by task and
-- project: fewer checks per answer, none on the project's row (docs/decisions/0021). Indexes are built CONCURRENTLY,
-- keys added NOT VALID and validated after, the old keys dropped last; each statement can run again if interrupted.
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
