-- PostgreSQL's 0018 narrows the foreign keys an answer checks. SQLite keeps the keys declared in 0001 (changing a
-- declared key would mean rebuilding its table), so here the answer's task, project and worker are each checked on
-- their own, and the rule that they be the assignment's holds by the SQL that writes them: nothing to do.
SELECT 1;
