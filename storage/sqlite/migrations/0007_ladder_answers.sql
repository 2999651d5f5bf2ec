-- The live ladder as the SOP says (SOP §1 B): a tier's page is first answered (the window's clock
-- stops), then the one who answered records "accepted for handling" or "not accepted". A new
-- status 'answered' and who answered when. SQLite cannot change a CHECK in place: the table is
-- rebuilt with its rows (nothing references it).

CREATE TABLE escalation_ladders_0007 (
    case_id     INTEGER PRIMARY KEY REFERENCES escalation_cases (id),
    sop_version TEXT    NOT NULL,
    tier_id     TEXT    NOT NULL,
    step        INTEGER NOT NULL,
    deadline    INTEGER NOT NULL,
    status      TEXT    NOT NULL
                CHECK (status IN ('paging', 'answered', 'accepted', 'voicemail')),
    owner       TEXT    NOT NULL DEFAULT '',
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    history     TEXT    NOT NULL DEFAULT '[]',
    answered_by TEXT    NOT NULL DEFAULT '',  -- who answered the current step ('' for nobody)
    answered_at INTEGER
);

INSERT INTO escalation_ladders_0007
    (case_id, sop_version, tier_id, step, deadline, status, owner, started_at, ended_at, history)
SELECT case_id, sop_version, tier_id, step, deadline, status, owner, started_at, ended_at, history
FROM escalation_ladders;

DROP TABLE escalation_ladders;
ALTER TABLE escalation_ladders_0007 RENAME TO escalation_ladders;
