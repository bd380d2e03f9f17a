-- The message that reminded the worker of a lease (its Extend button is taken away when the lease ends).
ALTER TABLE assignments ADD COLUMN reminder_message_id bigint;
-- A single-choice project's options as each language shows them, JSON {"id": ["positif", ...]}, in the options' order;
-- NULL (or a language not named) shows the options as written. Answers are always stored as the options are written.
ALTER TABLE projects ADD COLUMN option_labels text;
