-- Claims look for an open gold task and an open ordinary task separately; each search walks its own index.
CREATE INDEX IF NOT EXISTS tasks_gold_with_slots ON tasks (answers DESC, id) WHERE gold_answer IS NOT NULL AND overlap - answers - leases > 0;
CREATE INDEX IF NOT EXISTS tasks_ordinary_with_slots ON tasks (answers DESC, id) WHERE gold_answer IS NULL AND overlap - answers - leases > 0;
