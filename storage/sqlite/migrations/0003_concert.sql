-- Concert confirmation requests (SOP §3), see storage/concert_repository.hpp.
-- homeowner and address are personal data. Times are Unix seconds (UTC).

CREATE TABLE concert_requests (
    id              INTEGER PRIMARY KEY,
    agent_id        TEXT    NOT NULL,
    agent_channel   TEXT    NOT NULL DEFAULT '',
    homeowner       TEXT    NOT NULL,
    address         TEXT    NOT NULL,
    rotation        TEXT    NOT NULL,
    status          TEXT    NOT NULL
                    CHECK (status IN ('held', 'open', 'confirmed', 'not_concert', 'cancelled')),
    tagged          TEXT    NOT NULL DEFAULT '[]',  -- JSON array of user and group ids
    reminders_sent  INTEGER NOT NULL DEFAULT 0,
    fallback_tagged INTEGER NOT NULL DEFAULT 0,
    questions       INTEGER NOT NULL DEFAULT 0,
    closed_by       TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    posted_at       INTEGER,
    closed_at       INTEGER
);
CREATE INDEX concert_requests_by_status ON concert_requests (status, created_at, id);
