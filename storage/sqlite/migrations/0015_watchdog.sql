-- The watchdog (issue 18 item 7).
--   watchdog_problems: the problems reported to the admin channel and not cleared yet, one per
--                      check, so that a restart neither reports them again nor forgets to say
--                      when they clear. Codes, ids and counts only.
--   outbox.failure_reported_at: when the watchdog reported an item that failed for good (NULL
--                      until then). Items that failed before this migration count as reported.
--   escalation_ladders_paging: the watchdog's look for ladders paging past their deadline.
CREATE TABLE watchdog_problems (
    check_name TEXT    PRIMARY KEY,
    opened_at  INTEGER NOT NULL,
    summary    TEXT    NOT NULL DEFAULT ''
);

ALTER TABLE outbox ADD COLUMN failure_reported_at INTEGER;
UPDATE outbox SET failure_reported_at = COALESCE(finished_at, created_at) WHERE status = 'failed';
CREATE INDEX outbox_unreported_failures ON outbox (status, failure_reported_at, id);

CREATE INDEX escalation_ladders_paging ON escalation_ladders (status, deadline);
