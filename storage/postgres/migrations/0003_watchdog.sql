-- The watchdog (SQLite migration 0015): the problems reported to the admin channel and not
-- cleared yet, when a failed outbox item was reported (items failed before count as reported),
-- and the look for ladders paging past their deadline.
CREATE TABLE watchdog_problems (
    check_name TEXT   PRIMARY KEY,
    opened_at  BIGINT NOT NULL,
    summary    TEXT   NOT NULL DEFAULT ''
);

ALTER TABLE outbox ADD COLUMN failure_reported_at BIGINT;
UPDATE outbox SET failure_reported_at = COALESCE(finished_at, created_at) WHERE status = 'failed';
CREATE INDEX outbox_unreported_failures ON outbox (status, failure_reported_at, id);

CREATE INDEX escalation_ladders_paging ON escalation_ladders (status, deadline);
