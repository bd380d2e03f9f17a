-- A worker's withdrawal: created pending (the amount moved worker:<id> → payouts:pending), then paid
-- (payouts:pending → payouts:paid, with the admin's reference) or rejected (back to the worker, with a reason).
CREATE TABLE IF NOT EXISTS payouts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    worker_id   bigint NOT NULL REFERENCES workers (id),
    amount      bigint NOT NULL CHECK (amount > 0),
    method      text   NOT NULL,
    account     text   NOT NULL,
    state       text   NOT NULL DEFAULT 'pending',
    reference   text,
    reason      text,
    decided_by  bigint REFERENCES workers (id),
    created_at  bigint NOT NULL,
    decided_at  bigint
);
CREATE INDEX IF NOT EXISTS payouts_pending ON payouts (id) WHERE state = 'pending';
-- A balance's history reads the latest rows of one account.
CREATE INDEX IF NOT EXISTS ledger_account_id ON ledger (account, id);
