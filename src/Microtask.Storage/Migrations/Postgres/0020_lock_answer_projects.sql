-- An answers' batch first takes an advisory lock on each of its projects, in id order (PostgresAssignmentProtocol's
-- StoreBatch), so that two instances' batches to one project run one after the other and cannot deadlock. As a
-- statement of its own over the batch's assignment ids, PostgreSQL planned it anew on every call (its estimate for an
-- array it cannot see made the generic plan look dearer). Here its setting keeps one generic plan per connection (an
-- index lookup per id, as the custom plans were). See docs/decisions/0003 and 0013.
CREATE OR REPLACE FUNCTION lock_answer_projects(p_space integer, p_ids bigint[]) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(p_space, (x.project_id % 2147483647)::integer)
    FROM (SELECT DISTINCT a.project_id FROM assignments a WHERE a.id = ANY(p_ids) ORDER BY a.project_id) x;
END
$$;
