-- Installer complaints and the unresponsive-installer chase (SOP §4 and §3), see
-- storage/installer_complaint_repository.hpp. homeowner, address, installer_email, description,
-- phone, referral and closure_comments are personal data. Times are Unix seconds (UTC).

CREATE TABLE installer_complaints (
    id               INTEGER PRIMARY KEY,
    sop_version      TEXT    NOT NULL,
    agent_id         TEXT    NOT NULL,
    agent_channel    TEXT    NOT NULL DEFAULT '',
    homeowner        TEXT    NOT NULL,
    address          TEXT    NOT NULL,
    homeowner_key    TEXT    NOT NULL,
    program          TEXT    NOT NULL,
    installer_name   TEXT    NOT NULL,
    installer_email  TEXT    NOT NULL DEFAULT '',
    complaint_type   TEXT    NOT NULL,
    description      TEXT    NOT NULL DEFAULT '',
    phone            TEXT    NOT NULL DEFAULT '',
    best_time        TEXT    NOT NULL DEFAULT '',
    interaction_id   TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL CHECK (status IN ('no_case', 'open', 'closed')),
    owner_id         TEXT    NOT NULL DEFAULT '',
    chase_state      TEXT    NOT NULL DEFAULT 'waiting'
                     CHECK (chase_state IN ('waiting', 'due', 'replied', 'referral_due', 'referred')),
    chase_attempt    INTEGER NOT NULL DEFAULT 1,
    partner_updated  INTEGER NOT NULL DEFAULT 0,
    referral         TEXT    NOT NULL DEFAULT '{}',
    closure_comments TEXT    NOT NULL DEFAULT '',
    closed_by        TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    claimed_at       INTEGER,
    closed_at        INTEGER
);
CREATE INDEX installer_complaints_open_by_homeowner
    ON installer_complaints (homeowner_key, id) WHERE status = 'open';
CREATE INDEX installer_complaints_by_status ON installer_complaints (status);

CREATE TABLE installer_complaint_events (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES installer_complaints (id),
    at           INTEGER NOT NULL,
    actor        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    attempt      INTEGER NOT NULL DEFAULT 0,
    detail       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX installer_complaint_events_by_complaint
    ON installer_complaint_events (complaint_id, id);

-- The installer-complaints SOP texts complaints were opened under, so a complaint keeps its
-- version's wording and cadence after the file moved on and the bot restarted (the escalation
-- SOP's versions are in sop_versions; the two files number their versions apart).
CREATE TABLE installer_sop_versions (
    version     TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    stored_at   INTEGER NOT NULL
);
