-- The line of the uploaded file a task came from (CSV, JSON or JSON Lines, or the table inside a ZIP), so a message
-- about the task can name the row to fix; NULL for tasks made otherwise (the sample projects, tasks of older imports).
ALTER TABLE tasks ADD COLUMN source_line integer;

-- A photo answer waiting for the place it was taken, when its project asks for one: stored as an answer once the
-- location comes (or is skipped, where the project allows it). One per assignment; a later photo replaces it.
-- The project's choice is answer_settings' "PhotoLocation" ("None", "Optional" or "Required").
CREATE TABLE IF NOT EXISTS photos_awaiting_place (
    assignment_id bigint NOT NULL PRIMARY KEY REFERENCES assignments (id),
    file_id       text   NOT NULL,
    bytes         bigint,
    message_id    bigint NOT NULL,
    created_at    bigint NOT NULL
);
