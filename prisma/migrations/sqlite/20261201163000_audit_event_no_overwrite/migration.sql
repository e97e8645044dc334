-- Hand-written (not derived from the model): closes a hole in the append-only
-- AuditEvent table. `INSERT OR REPLACE` (or `REPLACE INTO`) over an existing
-- seq or hash deletes the old row as part of the insert, and SQLite fires no
-- DELETE trigger for that deletion unless PRAGMA recursive_triggers is on
-- (it is off by default, and per connection): the BEFORE UPDATE/DELETE
-- triggers of the init migration never see it, so an event could be silently
-- overwritten. This trigger refuses any insert whose seq (the primary key) or
-- hash (unique) already exists, before conflict resolution can replace a row.
-- It also refuses upserts (INSERT ... ON CONFLICT DO UPDATE) and INSERT OR
-- IGNORE over an existing event: an audit event is written once, never again.
CREATE TRIGGER "AuditEvent_no_overwrite" BEFORE INSERT ON "AuditEvent"
WHEN EXISTS (SELECT 1 FROM "AuditEvent" WHERE "seq" = NEW."seq" OR "hash" = NEW."hash")
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only');
END;
