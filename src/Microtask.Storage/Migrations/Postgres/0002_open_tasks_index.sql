-- SQLite cannot match "answers + leases < overlap" to a partial index; this form both engines use.
DROP INDEX IF EXISTS tasks_open;
CREATE INDEX IF NOT EXISTS tasks_with_slots ON tasks (answers DESC, id) WHERE overlap - answers - leases > 0;
