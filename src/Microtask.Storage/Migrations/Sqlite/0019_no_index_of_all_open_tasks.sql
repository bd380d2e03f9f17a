-- As PostgreSQL's 0019: the claim's searches and the gauge of tasks waiting each use the gold or the ordinary index.
DROP INDEX IF EXISTS tasks_with_slots;
