-- Team views (issue 18: App Home, /escalation list|status), as SQLite migration 0014: the open
-- cases are read by state and due time on every Home refresh, and the Home tab is refreshed only
-- for people who opened it.

CREATE INDEX escalation_cases_open_by_due ON escalation_cases (status, follow_up_due);
CREATE INDEX escalation_ladders_by_status ON escalation_ladders (status, started_at);

CREATE TABLE home_viewers (
    user_id   TEXT   PRIMARY KEY,
    opened_at BIGINT NOT NULL
);
