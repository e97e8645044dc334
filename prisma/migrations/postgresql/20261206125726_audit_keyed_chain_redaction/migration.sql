-- AlterTable. IF NOT EXISTS: the rate_limits migration, generated at the same
-- moment from the same model, already adds these four columns on PostgreSQL.
ALTER TABLE "AuditEvent" ADD COLUMN IF NOT EXISTS "commits" TEXT,
ADD COLUMN IF NOT EXISTS "keyId" TEXT,
ADD COLUMN IF NOT EXISTS "redacted" TEXT,
ADD COLUMN IF NOT EXISTS "salts" TEXT;

-- Hand-written (not derived from the model), ADR 0009 and 0010: the twin of
-- the SQLite migration. UPDATE stays refused except a redaction's: blanking a
-- value column of a keyed event (its hash commits to the value through a
-- salted hash), with its salts and redacted list, every chained column
-- unchanged, a value only ever set to NULL. DELETE and TRUNCATE stay refused.
-- Semicolons in the body are spelt \x3B (see the init migration).
CREATE FUNCTION "audit_event_redaction_only"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF OLD."keyId" IS NOT NULL
        AND (NEW."seq", NEW."at", NEW."type", NEW."actorId", NEW."actorRole", NEW."centre", NEW."caseId",
             NEW."fieldPath", NEW."keyId", NEW."commits", NEW."prevHash", NEW."hash")
            IS NOT DISTINCT FROM
            (OLD."seq", OLD."at", OLD."type", OLD."actorId", OLD."actorRole", OLD."centre", OLD."caseId",
             OLD."fieldPath", OLD."keyId", OLD."commits", OLD."prevHash", OLD."hash")
        AND (NEW."oldValue" IS NULL OR NEW."oldValue" IS NOT DISTINCT FROM OLD."oldValue")
        AND (NEW."newValue" IS NULL OR NEW."newValue" IS NOT DISTINCT FROM OLD."newValue")
        AND (NEW."reason" IS NULL OR NEW."reason" IS NOT DISTINCT FROM OLD."reason")
        AND (NEW."data" IS NULL OR NEW."data" IS NOT DISTINCT FROM OLD."data") THEN
        RETURN NEW\x3B
    END IF\x3B
    RAISE EXCEPTION ''AuditEvent is append-only''\x3B
END\x3B
';

DROP TRIGGER "AuditEvent_no_update_delete" ON "AuditEvent";

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_redaction_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
