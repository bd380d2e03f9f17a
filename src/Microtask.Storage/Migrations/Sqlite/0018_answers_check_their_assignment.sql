-- PostgreSQL's 0018 narrows the foreign keys an answer checks. SQLite does not enforce foreign keys here (the
-- connection never sets PRAGMA foreign_keys), and changing a declared key would mean rebuilding the tables: nothing to do.
SELECT 1;
