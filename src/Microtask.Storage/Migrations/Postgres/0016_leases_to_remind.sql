-- outside a transaction
-- The lease clock (one job a second, not one per claim) asks every second for the live leases that are due a reminder:
-- only those not yet reminded, so the scan does not walk every live lease that was reminded already.
-- Built CONCURRENTLY: a plain CREATE INDEX holds a SHARE lock on assignments for the whole build, and every claim and
-- answer of every instance waits behind it. A concurrent build that failed or was killed leaves an invalid index of
-- this name, which IF NOT EXISTS would keep, hence the drop first (this file only runs while version 16 is unrecorded).
DROP INDEX CONCURRENTLY IF EXISTS assignments_to_remind;
CREATE INDEX CONCURRENTLY IF NOT EXISTS assignments_to_remind ON assignments (expires_at) WHERE state = 'active' AND reminded_at IS NULL;
