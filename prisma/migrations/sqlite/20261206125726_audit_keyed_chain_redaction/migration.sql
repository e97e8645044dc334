-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "commits" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "keyId" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "redacted" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "salts" TEXT;

-- Hand-written (not derived from the model), ADR 0009 and 0010. Events keep
-- refusing UPDATE, except the one change a redaction makes: blanking a value
-- column (oldValue, newValue, reason, data) of a keyed event — whose chained
-- hash commits to the value through a salted hash, not the value itself —
-- and updating its salts and redacted list. Every chained column must stay
-- as it is, and a value may only become NULL, never another text.
DROP TRIGGER "AuditEvent_no_update";

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
WHEN NOT (
    OLD."keyId" IS NOT NULL
    AND NEW."seq" IS OLD."seq" AND NEW."at" IS OLD."at" AND NEW."type" IS OLD."type"
    AND NEW."actorId" IS OLD."actorId" AND NEW."actorRole" IS OLD."actorRole" AND NEW."centre" IS OLD."centre"
    AND NEW."caseId" IS OLD."caseId" AND NEW."fieldPath" IS OLD."fieldPath" AND NEW."keyId" IS OLD."keyId"
    AND NEW."commits" IS OLD."commits" AND NEW."prevHash" IS OLD."prevHash" AND NEW."hash" IS OLD."hash"
    AND (NEW."oldValue" IS NULL OR NEW."oldValue" IS OLD."oldValue")
    AND (NEW."newValue" IS NULL OR NEW."newValue" IS OLD."newValue")
    AND (NEW."reason" IS NULL OR NEW."reason" IS OLD."reason")
    AND (NEW."data" IS NULL OR NEW."data" IS OLD."data")
)
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only');
END;
