-- A top-up above Microtask:Payouts:TopupConfirmAbove waits for its admin's second look: asked, then done (the money
-- moved in the same transaction) or cancelled. In the database, so Confirm works on any instance and only once.
CREATE TABLE IF NOT EXISTS large_topups (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    admin_id      bigint NOT NULL REFERENCES workers (id),
    admin_chat_id bigint NOT NULL,
    worker_id     bigint NOT NULL REFERENCES workers (id),
    amount        bigint NOT NULL CHECK (amount > 0),
    state         text   NOT NULL DEFAULT 'asked',
    created_at    bigint NOT NULL,
    decided_at    bigint
);
