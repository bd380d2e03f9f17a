-- A project's webhook: where its events are posted, and the secret they are signed with. The secret is kept as it is
-- (signing needs it; a hash would not do) and never logged. One per project: setting it again replaces it. failures
-- counts failed attempts in a row; noticed_at is when the requester was told of them (once per run of failures).
CREATE TABLE IF NOT EXISTS webhooks (
    project_id        bigint  NOT NULL PRIMARY KEY REFERENCES projects (id),
    url               text    NOT NULL,
    secret            text    NOT NULL,
    created_at        bigint  NOT NULL,
    failures          integer NOT NULL DEFAULT 0,
    last_error        text,
    last_error_at     bigint,
    last_delivered_at bigint,
    noticed_at        bigint
);

-- The outbox: each event once, with the body exactly as it is posted. A delivery job claims a row for one attempt
-- (claimed_until, attempts + 1); a 2xx makes it 'delivered' for good. state: pending -> delivered | failed (given up
-- after the last attempt) | dropped (the webhook was removed).
CREATE TABLE IF NOT EXISTS webhook_events (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id      bigint  NOT NULL REFERENCES projects (id),
    event_id        text    NOT NULL UNIQUE,
    type            text    NOT NULL,
    body            text    NOT NULL,
    created_at      bigint  NOT NULL,
    state           text    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed', 'dropped')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint  NOT NULL,
    claimed_until   bigint,
    last_error      text,
    finished_at     bigint
);
CREATE INDEX IF NOT EXISTS webhook_events_due ON webhook_events (next_attempt_at) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS webhook_events_pending ON webhook_events (project_id) WHERE state = 'pending';
