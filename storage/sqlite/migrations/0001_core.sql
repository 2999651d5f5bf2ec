-- Platform tables: the transactional outbox, the ts of messages the bot posted, durable timers,
-- flow drafts, the audit log and the de-duplication of Slack event ids.
-- Times are Unix seconds (UTC).

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    method          TEXT    NOT NULL,
    args            TEXT    NOT NULL,            -- JSON
    lane            TEXT    NOT NULL DEFAULT '', -- one item at a time per lane, in id order
    thread_key      TEXT    NOT NULL DEFAULT '',
    ts_key          TEXT    NOT NULL DEFAULT '',
    result_key      TEXT    NOT NULL DEFAULT '',
    notify_user     TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    finished_at     INTEGER,
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (status, lane, id);

CREATE TABLE message_refs (
    key     TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    ts      TEXT NOT NULL
);

-- AUTOINCREMENT: ids are never reused, so a timer moved (deleted and re-inserted) while its old
-- row was firing gets a new id, and removing the fired id cannot remove the moved timer.
CREATE TABLE timers (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT    NOT NULL,
    key     TEXT    NOT NULL UNIQUE,
    due_at  INTEGER NOT NULL,
    payload TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX timers_due ON timers (due_at);

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT    NOT NULL,
    flow        TEXT    NOT NULL,
    sop_version TEXT    NOT NULL,
    step        TEXT    NOT NULL,
    answers     TEXT    NOT NULL DEFAULT '{}',
    view_id     TEXT    NOT NULL DEFAULT '',
    channel_id  TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'abandoned')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX drafts_open_by_user ON drafts (user_id, flow, status, updated_at);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    entity TEXT    NOT NULL,
    detail TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_entity ON audit_log (entity, id);

CREATE TABLE seen_events (
    id      TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL
);
CREATE INDEX seen_events_by_time ON seen_events (seen_at);
