-- outside a transaction
-- The lease clock (one job a second, not one per claim) asks every second for the live leases that are due a reminder:
-- only those not yet reminded, so the scan does not walk every live lease that was reminded already.
-- Built CONCURRENTLY: a plain CREATE INDEX holds a SHARE lock on assignments for the whole build, and every claim and
-- answer of every instance waits behind it. (A build that broke off left an invalid index of this name; the migration
-- runner drops it before this runs again.)
CREATE INDEX CONCURRENTLY IF NOT EXISTS assignments_to_remind ON assignments (expires_at) WHERE state = 'active' AND reminded_at IS NULL;
