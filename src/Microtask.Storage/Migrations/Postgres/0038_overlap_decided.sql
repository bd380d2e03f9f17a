-- A dynamic task also stops when the answers it may still get cannot change its answer, as Core's TaskAgreement.Decided
-- says (the contract tests hold the two together): the most common answer leads the next by more than p_still; multiple
-- choice, every option's yes/no split does; free text, grouped as overlap_reached groups it; numbers never. The answers'
-- statement calls overlap_stops: agreement at the target, or decided.
DO $migration$
DECLARE
    text_collation text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN ' COLLATE "und-x-icu"' ELSE '' END;
BEGIN
    EXECUTE format($function$
CREATE OR REPLACE FUNCTION overlap_decided(p_kind text, p_answers text[], p_still integer) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $body$
DECLARE
    lead bigint := 0;
    total bigint := 0;
BEGIN
    IF p_kind = 'Number' THEN
        RETURN FALSE;
    ELSIF p_kind = 'MultipleChoice' THEN
        SELECT count(*) INTO total FROM unnest(p_answers) v WHERE v LIKE '[%%';
        SELECT COALESCE(min(abs(2 * x.n - total)), total) INTO lead
        FROM (SELECT o, count(*) AS n
              FROM unnest(p_answers) v, LATERAL (SELECT DISTINCT e AS o FROM jsonb_array_elements_text(v::jsonb) e) options
              WHERE v LIKE '[%%' GROUP BY o) x;
    ELSE
        SELECT COALESCE(max(g.n) FILTER (WHERE g.rank = 1), 0) - COALESCE(max(g.n) FILTER (WHERE g.rank = 2), 0), COALESCE(sum(g.n), 0)
        INTO lead, total
        FROM (SELECT k.n, row_number() OVER (ORDER BY k.n DESC) AS rank
              FROM (SELECT count(*) AS n
                    FROM unnest(p_answers) v,
                         LATERAL (SELECT CASE WHEN p_kind = 'FreeText' THEN lower(btrim(regexp_replace(v%1$s, '\s+', ' ', 'g'))) ELSE v END AS key) key
                    WHERE p_kind <> 'FreeText' OR key.key <> ''
                    GROUP BY key.key) k) g;
    END IF;
    RETURN total > 0 AND lead > p_still;
END
$body$
$function$, text_collation);
END
$migration$;

CREATE OR REPLACE FUNCTION overlap_stops(p_kind text, p_answers text[], p_target integer, p_still integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT overlap_reached(p_kind, p_answers, p_target) OR overlap_decided(p_kind, p_answers, p_still)
$$;
