-- Exactly-once posting (issue 20). A chat.postMessage whose outcome is unknown (the bot died
-- while sending it, or the answer was a timeout, a reset, a 5xx, fatal_error or internal_error)
-- may have reached Slack: before it is sent again, the worker looks for it by its metadata in
-- the channel's history within a window that starts at the first attempt.
--   first_attempt_at: when the first attempt started (Unix seconds); NULL until then. Written
--                     before the request leaves, in its own transaction.
--   outcome_unknown:  1 from just before a send until an answer says for sure whether Slack
--                     took it; a lookup settles it.
ALTER TABLE outbox ADD COLUMN first_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;
