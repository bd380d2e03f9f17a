-- Requesters who asked for a daily digest (/digest on).
CREATE TABLE IF NOT EXISTS digests (
    worker_id  bigint NOT NULL PRIMARY KEY REFERENCES workers (id),
    created_at bigint NOT NULL
);

-- Daily messages already sent, so a job that runs twice sends once: kind ('digest', 'admin-summary'), to whom, which local day.
CREATE TABLE IF NOT EXISTS notices_sent (
    kind      text   NOT NULL,
    recipient bigint NOT NULL,
    day       text   NOT NULL,
    sent_at   bigint NOT NULL,
    PRIMARY KEY (kind, recipient, day)
);
