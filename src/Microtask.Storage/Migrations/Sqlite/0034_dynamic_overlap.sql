-- Dynamic overlap. A project's overlap is its minimum; overlap_max and overlap_target (percent) are NULL for a fixed
-- overlap. A task's overlap is what it wants now, and its overlap_max the most that may grow to (NULL: it never grows);
-- an answer raises a task's overlap by one when its answers reach it below the target.
ALTER TABLE projects ADD COLUMN overlap_max INTEGER CHECK (overlap_max BETWEEN 1 AND 20);
ALTER TABLE projects ADD COLUMN overlap_target INTEGER CHECK (overlap_target BETWEEN 1 AND 100);
ALTER TABLE tasks ADD COLUMN overlap_max INTEGER;
