-- Hand-written (not derived from the model), the PostgreSQL twin of the SQLite
-- migration of the same name. PostgreSQL has no INSERT OR REPLACE, and an
-- upsert (INSERT ... ON CONFLICT DO UPDATE) already fires the BEFORE UPDATE
-- trigger of the init migration, so nothing could be overwritten here. The
-- same BEFORE INSERT check is added anyway so that both databases refuse a
-- second insert of an existing seq or hash with the same message, whatever
-- the statement (the unique indexes would refuse it too, with another error).
-- The function body spells each semicolon as \x3B: see the init migration.
CREATE FUNCTION "audit_event_no_overwrite"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF EXISTS (SELECT 1 FROM "AuditEvent" WHERE "seq" = NEW."seq" OR "hash" = NEW."hash") THEN
        RAISE EXCEPTION ''AuditEvent is append-only''\x3B
    END IF\x3B
    RETURN NEW\x3B
END\x3B
';

CREATE TRIGGER "AuditEvent_no_overwrite" BEFORE INSERT ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_no_overwrite"();
