-- What a project's answer kind is asked to do beyond its options, JSON {"NoneOption": true, "AllowSame": false,
-- "MinVoiceSeconds": 1, "MaxVoiceSeconds": 30}; NULL for the defaults (every project made before the new kinds).
ALTER TABLE projects ADD COLUMN answer_settings text;
