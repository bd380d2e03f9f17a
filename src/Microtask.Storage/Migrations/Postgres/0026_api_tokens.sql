-- API tokens a requester makes in the chat: only a hash of the secret is kept, and the short prefix that tells them apart.
CREATE TABLE IF NOT EXISTS api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requester_id bigint NOT NULL REFERENCES workers (id),
    name         text   NOT NULL,
    prefix       text   NOT NULL,
    hash         text   NOT NULL UNIQUE,
    created_at   bigint NOT NULL,
    last_used_at bigint,
    revoked_at   bigint
);
-- One live token per name and requester; a revoked name may be used again.
CREATE UNIQUE INDEX IF NOT EXISTS api_tokens_live_name ON api_tokens (requester_id, name) WHERE revoked_at IS NULL;

-- The bytes of a batch uploaded through the API: the chat's batches are re-read from Telegram, these from here.
CREATE TABLE IF NOT EXISTS batch_bodies (
    batch_id bigint NOT NULL PRIMARY KEY REFERENCES batches (id),
    body     bytea  NOT NULL
);

-- Which batch an Idempotency-Key of a token imported: the same key again gets the same answer, never a second import.
CREATE TABLE IF NOT EXISTS api_idempotency (
    token_id   bigint NOT NULL REFERENCES api_tokens (id),
    key        text   NOT NULL,
    batch_id   bigint NOT NULL REFERENCES batches (id),
    created_at bigint NOT NULL,
    PRIMARY KEY (token_id, key)
);
