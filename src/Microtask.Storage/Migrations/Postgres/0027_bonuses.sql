-- A requester's bonus to one worker of their project, paid from the requester's account in the same transaction.
-- The key (the request that asked for it) is unique per requester, so a repeated request pays once.
CREATE TABLE IF NOT EXISTS bonuses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint NOT NULL REFERENCES projects (id),
    requester_id bigint NOT NULL REFERENCES workers (id),
    worker_id    bigint NOT NULL REFERENCES workers (id),
    amount       bigint NOT NULL CHECK (amount > 0),
    reason       text   NOT NULL,
    request_key  text   NOT NULL,
    created_at   bigint NOT NULL,
    CONSTRAINT bonuses_once_per_request UNIQUE (requester_id, request_key)
);
CREATE INDEX IF NOT EXISTS bonuses_worker ON bonuses (worker_id, created_at);
