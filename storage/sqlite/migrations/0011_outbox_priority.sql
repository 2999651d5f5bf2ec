-- Ladder pages first (issue 19): a pending item with a higher priority leaves before older items
-- of lower priority (the outbox paces posting per channel, so order decides who waits).
-- And when Slack took a message, by the key its (channel, ts) is stored under: a ladder step's
-- 30-second window counts from then, not from when its page was queued.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_result_key ON outbox (result_key) WHERE result_key != '';
