-- Retention: when a closed case's personal data was removed (NULL while it is still there).
ALTER TABLE escalation_cases ADD COLUMN personal_data_purged_at INTEGER;
