-- When the worker was reminded that the lease is about to end (once), and whether its one extension was used.
ALTER TABLE assignments ADD COLUMN reminded_at bigint;
ALTER TABLE assignments ADD COLUMN extended boolean NOT NULL DEFAULT FALSE;
