-- The follow-up promise on business time (issue 16): when a case became overdue (its promised
-- update fell due while it was open), cleared when an update restarts the promise.
-- Times are Unix seconds (UTC).

ALTER TABLE escalation_cases ADD COLUMN overdue_since INTEGER;
