-- outside a transaction
-- The claim searches open gold tasks and open ordinary tasks, each through its own partial index (0005); its last
-- resort, any open task, is now the gold search without the roll, and the gauge of tasks waiting adds the two counts.
-- Nothing reads tasks_with_slots any more, and every claim and every answer updates a task's answers or leases, columns
-- of its key and predicate, so each of those updates wrote an entry into it. Dropped CONCURRENTLY: a plain DROP INDEX
-- takes an ACCESS EXCLUSIVE lock on tasks and would queue every claim behind any open transaction.
DROP INDEX CONCURRENTLY IF EXISTS tasks_with_slots;
