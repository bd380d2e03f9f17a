-- The answers its task has to reach for a slot offered again to be filled: the task's overlap right after it was
-- raised for the slot. A dynamic overlap may grow past that afterwards; the slot was filled all the same. NULL for the
-- slots offered before this column, counted as they were (answers beyond the overlap before the slots).
ALTER TABLE reopened_slots ADD COLUMN filled_at_answers INTEGER;
