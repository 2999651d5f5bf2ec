-- The audit log is append-only: the database itself refuses to change or remove a past entry,
-- whatever code (or person with the sqlite3 shell) tries. Entries hold ids and codes only, never
-- personal data, so retention never needs to touch them.
CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: past entries cannot be changed');
END;

CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: past entries cannot be deleted');
END;
