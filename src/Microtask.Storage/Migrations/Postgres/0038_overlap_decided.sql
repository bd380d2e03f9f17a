-- A dynamic task also stops when the answers it may still get cannot change its answer, as Core's TaskAgreement says
-- (the contract tests hold the two together). One tally serves agreement and decision: overlap_tally gives the most
-- common answer's count, the next one's and the usable answers (multiple choice: the weakest option's majority, its
-- minority; numbers: those within 5 % of the median, the others). overlap_reached (0034's, now read from the tally)
-- compares the first with the target; overlap_decided asks whether it leads the second by more than the answers still
-- possible (never for numbers, which each answer moves); overlap_stops, which the answers' statement calls, is decided or
-- in agreement at a target below 100 % (at 100 %, only the kinds that cannot be decided stop on agreement).
DO $migration$
DECLARE
    text_collation text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN ' COLLATE "und-x-icu"' ELSE '' END;
BEGIN
    EXECUTE format($function$
CREATE OR REPLACE FUNCTION overlap_tally(p_kind text, p_answers text[], OUT top bigint, OUT second bigint, OUT total bigint)
LANGUAGE plpgsql IMMUTABLE AS $body$
DECLARE
    numbers numeric[];
    median numeric;
BEGIN
    top := 0;
    second := 0;
    total := 0;
    IF p_kind = 'Number' THEN
        SELECT array_agg(n ORDER BY n) INTO numbers
        FROM (SELECT btrim(v)::numeric AS n FROM unnest(p_answers) v
              WHERE btrim(v) ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$') x;
        total := COALESCE(cardinality(numbers), 0);
        IF total > 0 THEN
            median := CASE WHEN total %% 2 = 1 THEN numbers[total / 2 + 1] ELSE (numbers[total / 2] + numbers[total / 2 + 1]) / 2 END;
            SELECT count(*) INTO top FROM unnest(numbers) n
            WHERE sign(n) * sign(median) >= 0 AND abs(n - median) <= abs(median) * 0.05;
            second := total - top;
        END IF;
    ELSIF p_kind = 'MultipleChoice' THEN
        SELECT count(*) INTO total FROM unnest(p_answers) v WHERE v LIKE '[%%';
        SELECT COALESCE(min(greatest(x.n, total - x.n)), total) INTO top
        FROM (SELECT o, count(*) AS n
              FROM unnest(p_answers) v, LATERAL (SELECT DISTINCT e AS o FROM jsonb_array_elements_text(v::jsonb) e) options
              WHERE v LIKE '[%%' GROUP BY o) x;
        second := total - top;
    ELSE
        SELECT COALESCE(max(g.n) FILTER (WHERE g.rank = 1), 0), COALESCE(max(g.n) FILTER (WHERE g.rank = 2), 0), COALESCE(sum(g.n), 0)
        INTO top, second, total
        FROM (SELECT k.n, row_number() OVER (ORDER BY k.n DESC) AS rank
              FROM (SELECT count(*) AS n
                    FROM unnest(p_answers) v,
                         LATERAL (SELECT CASE WHEN p_kind = 'FreeText' THEN lower(btrim(regexp_replace(v%1$s, '\s+', ' ', 'g'))) ELSE v END AS key) key
                    WHERE p_kind <> 'FreeText' OR key.key <> ''
                    GROUP BY key.key) k) g;
    END IF;
END
$body$
$function$, text_collation);
END
$migration$;

CREATE OR REPLACE FUNCTION overlap_reached(p_kind text, p_answers text[], p_target integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p_kind IN ('Voice', 'Photo') OR (t.total > 0 AND t.top * 100 >= p_target::bigint * t.total)
    FROM overlap_tally(p_kind, p_answers) t
$$;

CREATE OR REPLACE FUNCTION overlap_decided(p_kind text, p_answers text[], p_still integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p_kind NOT IN ('Number', 'Voice', 'Photo') AND t.total > 0 AND t.top - t.second > p_still
    FROM overlap_tally(p_kind, p_answers) t
$$;

CREATE OR REPLACE FUNCTION overlap_stops(p_kind text, p_answers text[], p_target integer, p_still integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p_kind IN ('Voice', 'Photo')
        OR (t.total > 0 AND ((p_kind <> 'Number' AND t.top - t.second > p_still)
                             OR ((p_target < 100 OR p_kind = 'Number') AND t.top * 100 >= p_target::bigint * t.total)))
    FROM overlap_tally(p_kind, p_answers) t
$$;
