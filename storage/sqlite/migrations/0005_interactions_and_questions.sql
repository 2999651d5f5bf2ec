-- Issue 16 item 3: an interaction an agent adds to an open case is its own record, never an
-- update given to the customer (it moves neither "last update" nor the promise's clock).
-- Before this migration it was stored as an update of kind 'interaction'. Times: Unix seconds.

CREATE TABLE escalation_case_interactions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES escalation_cases (id),
    agent          TEXT    NOT NULL,
    interaction_id TEXT    NOT NULL DEFAULT '',   -- CXone id or ticket number (user text)
    said           TEXT    NOT NULL DEFAULT '',   -- what the customer said this time (personal)
    sop_version    TEXT    NOT NULL DEFAULT '',
    at             INTEGER NOT NULL
);
CREATE INDEX escalation_case_interactions_by_case ON escalation_case_interactions (case_id, id);

-- Interactions recorded as updates move here; their text was the bot's own note ("Another
-- interaction was added (interaction X).") and is kept as it was.
INSERT INTO escalation_case_interactions (case_id, agent, said, at)
    SELECT case_id, author, text, at FROM escalation_case_updates
    WHERE kind = 'interaction' ORDER BY id;

-- "Last update" of those cases: the newest update given to the customer (or none).
UPDATE escalation_cases
    SET last_update_at = (SELECT MAX(u.at) FROM escalation_case_updates u
                          WHERE u.case_id = escalation_cases.id
                            AND u.kind IN ('update', 'resolution'))
    WHERE id IN (SELECT case_id FROM escalation_case_updates WHERE kind = 'interaction');

DELETE FROM escalation_case_updates WHERE kind = 'interaction';

-- The homeowner key now folds accents, apostrophes and middle initials
-- (commands/escalation/homeowner_key.hpp). SQL cannot compute it: every existing case is marked
-- here, and the bot recomputes the marked keys from the stored answers at start-up, before it
-- serves a request (RekeyPendingCases), clearing each mark in the same transaction.
CREATE TABLE escalation_case_rekey (
    case_id INTEGER PRIMARY KEY REFERENCES escalation_cases (id)
);
INSERT INTO escalation_case_rekey (case_id) SELECT id FROM escalation_cases;

-- Issue 16 item 8: a Concert request whose "Need more info" question waits for the agent's
-- answer is not reminded until the agent says it is answered.
ALTER TABLE concert_requests ADD COLUMN question_waiting INTEGER NOT NULL DEFAULT 0;
