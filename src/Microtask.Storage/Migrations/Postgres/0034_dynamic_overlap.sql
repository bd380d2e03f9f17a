-- Dynamic overlap. A project's overlap is its minimum; overlap_max and overlap_target (percent) are NULL for a fixed
-- overlap. A task's overlap is what it wants now, and its overlap_max the most that may grow to (NULL: it never grows);
-- the answers' statement raises a task's overlap by one when its answers reach it below the target.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS overlap_max integer CHECK (overlap_max BETWEEN 1 AND 20);
ALTER TABLE projects ADD COLUMN IF NOT EXISTS overlap_target integer CHECK (overlap_target BETWEEN 1 AND 100);
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS overlap_max integer;

-- Whether a task's answers agree at p_target percent, as Core's TaskAgreement.Reaches says (the contract tests hold the
-- two together): choice kinds, the most common answer's share; multiple choice, the weakest option's yes/no majority;
-- free text, the largest group after trimming, lower-casing and joining spaces; numbers, the share within 5 % of the
-- median. Free text is lower-cased by ICU where the server has it, so that letters outside ASCII compare as in .NET.
DO $migration$
DECLARE
    text_collation text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN ' COLLATE "und-x-icu"' ELSE '' END;
BEGIN
    EXECUTE format($function$
CREATE OR REPLACE FUNCTION overlap_reached(p_kind text, p_answers text[], p_target integer) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $body$
DECLARE
    agreeing bigint := 0;
    total bigint := 0;
    numbers numeric[];
    median numeric;
BEGIN
    IF p_kind IN ('Voice', 'Photo') THEN
        RETURN TRUE;
    ELSIF p_kind = 'Number' THEN
        SELECT array_agg(n ORDER BY n) INTO numbers
        FROM (SELECT btrim(v)::numeric AS n FROM unnest(p_answers) v
              WHERE btrim(v) ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$') x;
        total := COALESCE(cardinality(numbers), 0);
        IF total = 0 THEN
            RETURN FALSE;
        END IF;
        median := CASE WHEN total %% 2 = 1 THEN numbers[total / 2 + 1] ELSE (numbers[total / 2] + numbers[total / 2 + 1]) / 2 END;
        SELECT count(*) INTO agreeing FROM unnest(numbers) n
        WHERE sign(n) * sign(median) >= 0 AND abs(n - median) <= abs(median) * 0.05;
    ELSIF p_kind = 'MultipleChoice' THEN
        SELECT count(*) INTO total FROM unnest(p_answers) v WHERE v LIKE '[%%';
        SELECT COALESCE(min(greatest(x.n, total - x.n)), total) INTO agreeing
        FROM (SELECT o, count(*) AS n
              FROM unnest(p_answers) v, LATERAL (SELECT DISTINCT e AS o FROM jsonb_array_elements_text(v::jsonb) e) options
              WHERE v LIKE '[%%' GROUP BY o) x;
    ELSIF p_kind = 'FreeText' THEN
        SELECT COALESCE(max(g.n), 0), COALESCE(sum(g.n), 0) INTO agreeing, total
        FROM (SELECT count(*) AS n FROM unnest(p_answers) v,
                     LATERAL (SELECT lower(btrim(regexp_replace(v%1$s, '\s+', ' ', 'g'))) AS k) key
              WHERE key.k <> '' GROUP BY key.k) g;
    ELSE
        SELECT COALESCE(max(g.n), 0), COALESCE(sum(g.n), 0) INTO agreeing, total
        FROM (SELECT count(*) AS n FROM unnest(p_answers) v GROUP BY v) g;
    END IF;
    RETURN total > 0 AND agreeing * 100 >= p_target::bigint * total;
END
$body$
$function$, text_collation);
END
$migration$;
