-- What the application role may do (ADR 0009, docs/deployment.md). Run as
-- ecrf_owner, connected to the ecrf database, after every migration
-- (npm run db:migrate with the owner's DATABASE_URL). Idempotent.
-- The audit trail: read and append only. UPDATE is granted on the value
-- columns alone, for redaction (ADR 0010), and the AuditEvent_no_update
-- trigger only lets them become NULL. No DELETE, no TRUNCATE, and not being
-- the owner, no ALTER TABLE (so no DISABLE TRIGGER, no DROP TRIGGER).
GRANT USAGE ON SCHEMA public TO ecrf_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ecrf_app;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditEvent" FROM ecrf_app;
GRANT UPDATE ("oldValue", "newValue", "reason", "data", "salts", "redacted") ON "AuditEvent" TO ecrf_app;
REVOKE DELETE, TRUNCATE, INSERT ON "AuditHead" FROM ecrf_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ecrf_app;
