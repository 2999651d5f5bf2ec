-- Several drafts per agent (one per homeowner), Back, and the sweep that closes old drafts.
-- path: the steps shown before `step`, oldest first (JSON array of step ids): Back returns to
-- its last one.
ALTER TABLE drafts ADD COLUMN path TEXT NOT NULL DEFAULT '[]';

-- The sweep reads a flow's open drafts least recently saved first.
CREATE INDEX drafts_open_by_age ON drafts (flow, status, updated_at);
