-- Uploaded batch files: checked first (pending), imported all at once when the requester presses Import.
CREATE TABLE IF NOT EXISTS batches (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint  NOT NULL REFERENCES projects (id),
    requester_id bigint  NOT NULL REFERENCES workers (id),
    file_id      text    NOT NULL,
    file_name    text    NOT NULL,
    sha256       text    NOT NULL,
    rows_ok      integer NOT NULL,
    state        text    NOT NULL,
    created_at   bigint  NOT NULL
);
-- The same file twice into one project is recognised by its hash and imported once.
CREATE UNIQUE INDEX IF NOT EXISTS batches_imported_once ON batches (project_id, sha256) WHERE state = 'imported';
