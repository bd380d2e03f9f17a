-- The file_id Telegram gave for a media value the first time the bot sent it, so every later send reuses it: keyed by
-- the value as a task stores it (https://…, tg:…, sha256:…) and the kind it was sent as (a photo's id is no video's).
CREATE TABLE IF NOT EXISTS media_files (
    media      text   NOT NULL,
    kind       text   NOT NULL,
    file_id    text   NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (media, kind)
);

-- The bytes of the files of ZIP batches, by their SHA-256, written with the batch's tasks and uploaded on first send.
CREATE TABLE IF NOT EXISTS media_blobs (
    sha256       text   NOT NULL PRIMARY KEY,
    content_type text   NOT NULL,
    file_name    text   NOT NULL,
    content      blob   NOT NULL,
    created_at   bigint NOT NULL
);

-- Tasks taken out of the pool because Telegram refused their media; the requester is told once for each.
CREATE TABLE IF NOT EXISTS media_refusals (
    task_id    bigint NOT NULL PRIMARY KEY REFERENCES tasks (id),
    media      text   NOT NULL,
    reason     text   NOT NULL,
    created_at bigint NOT NULL
);
