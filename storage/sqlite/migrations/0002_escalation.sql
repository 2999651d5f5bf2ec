-- The escalation flow (SOP §1-2): cases, their updates, live ladders and stored SOP versions.
-- Times are Unix seconds (UTC). Answers and update texts hold personal data: database only.

CREATE TABLE escalation_cases (
    id                 INTEGER PRIMARY KEY,
    sop_version        TEXT    NOT NULL,
    status             TEXT    NOT NULL
                       CHECK (status IN ('live', 'open', 'claimed', 'transferred', 'resolved')),
    outcome            TEXT    NOT NULL,            -- follow_up | live_ladder
    homeowner_key      TEXT    NOT NULL DEFAULT '', -- normalised name + address
    answers            TEXT    NOT NULL DEFAULT '{}',
    created_by         TEXT    NOT NULL,
    created_in_channel TEXT    NOT NULL DEFAULT '',
    created_at         INTEGER NOT NULL,
    follow_up_due      INTEGER,
    owner              TEXT    NOT NULL DEFAULT '',
    claimed_at         INTEGER,
    last_update_at     INTEGER,
    resolved_by        TEXT    NOT NULL DEFAULT '',
    resolved_at        INTEGER,
    resolution_note    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX escalation_cases_by_homeowner ON escalation_cases (homeowner_key, status, id);

CREATE TABLE escalation_case_updates (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES escalation_cases (id),
    author  TEXT    NOT NULL,
    kind    TEXT    NOT NULL,
    text    TEXT    NOT NULL DEFAULT '',
    at      INTEGER NOT NULL
);
CREATE INDEX escalation_case_updates_by_case ON escalation_case_updates (case_id, id);

CREATE TABLE escalation_ladders (
    case_id     INTEGER PRIMARY KEY REFERENCES escalation_cases (id),
    sop_version TEXT    NOT NULL,
    tier_id     TEXT    NOT NULL,
    step        INTEGER NOT NULL,
    deadline    INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('paging', 'accepted', 'voicemail')),
    owner       TEXT    NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    history     TEXT    NOT NULL DEFAULT '[]'
);

CREATE TABLE sop_versions (
    version     TEXT PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    stored_at   INTEGER NOT NULL
);
