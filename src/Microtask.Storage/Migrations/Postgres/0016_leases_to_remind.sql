-- The lease clock (one job a second, not one per claim) asks every second for the live leases that are due a reminder:
-- only those not yet reminded, so the scan does not walk every live lease that was reminded already.
CREATE INDEX IF NOT EXISTS assignments_to_remind ON assignments (expires_at) WHERE state = 'active' AND reminded_at IS NULL;
