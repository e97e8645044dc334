// PostgreSQL in production (ADR 0009, docs/deployment.md): the tables belong
// to a migration role, the application connects as a role that may only read
// and append the audit trail. This test creates both roles with the SQL files
// the deployment guide shows, migrates as the owner, runs the application's
// data access as the restricted role, and proves that role's UPDATE, DELETE,
// TRUNCATE and ALTER TABLE … DISABLE TRIGGER on the audit table are refused.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDraft } from "@/server/case-answers.server";
import { verifyAuditTrail } from "@/server/audit-verify";
import { createDb, type Db } from "@/server/db/create-db";
import { applyMigrations } from "../../scripts/db/migrations";
import { change, newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { PG_URL_VARIABLE, testDatabaseTargets } from "../support/test-database";

const sqlFile = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../scripts/db/${name}`, import.meta.url)), "utf8");

/** The statements of a SQL file, with the documented names and passwords replaced by this run's. */
function statements(text: string, names: Record<string, string>): string[] {
  let sql = text.replace(/^--.*$/gm, "");
  for (const [from, to] of Object.entries(names)) sql = sql.replace(new RegExp(`\\b${from}\\b`, "g"), to);
  return sql
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

async function runAs(url: string, sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

const withUser = (server: string, user: string, password: string, database: string): string => {
  const url = new URL(server);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
};

describe.runIf(testDatabaseTargets().includes("postgresql"))(
  "PostgreSQL roles: the application may only read and append the audit trail",
  () => {
    const server = process.env[PG_URL_VARIABLE]?.trim() ?? "";
    const suffix = randomBytes(4).toString("hex");
    const names = {
      ecrf_owner: `ecrf_owner_${suffix}`,
      ecrf_app: `ecrf_app_${suffix}`,
      ecrf: `ecrf_roles_${suffix}`,
      "change-me-owner": `owner-${suffix}`,
      "change-me-app": `app-${suffix}`,
    };
    const ownerUrl = withUser(server, names.ecrf_owner, names["change-me-owner"], names.ecrf);
    const appUrl = withUser(server, names.ecrf_app, names["change-me-app"], names.ecrf);
    let app: Db;

    beforeAll(async () => {
      await runAs(server, statements(sqlFile("postgresql-roles.sql"), names));
      await applyMigrations(ownerUrl);
      await runAs(ownerUrl, statements(sqlFile("postgresql-app-grants.sql"), names));
      app = createDb(appUrl).db;
    }, 120_000);

    afterAll(async () => {
      await app?.$disconnect();
      await runAs(server, [
        `DROP DATABASE IF EXISTS "${names.ecrf}" WITH (FORCE)`,
        `DROP ROLE IF EXISTS "${names.ecrf_app}"`,
        `DROP ROLE IF EXISTS "${names.ecrf_owner}"`,
      ]);
    });

    it("the application works as the restricted role: a case created and saved, its trail verifies", async () => {
      await addCentre(app, "ROL");
      const clinician = await addUser(app, {
        email: "clin.rol@t.test",
        role: "CLINICIAN",
        centreCode: "ROL",
        withPassword: false,
      });
      const caseId = await newDraftCase(app, clinician);
      await saveDraft(app, clinician, caseId, {
        baseVersion: 1,
        fields: { ferritin: change(null, { v: 1500, unit: "ug_l" }) },
      });
      expect(await verifyAuditTrail(app)).toMatchObject({ ok: true, count: 2 });
    });

    it("refuses UPDATE of a chained column, DELETE, TRUNCATE, DISABLE TRIGGER and DROP TRIGGER on the audit table", async () => {
      const refused = async (sql: string) => String(await errorOf(() => app.$executeRawUnsafe(sql)));
      expect(await refused(`UPDATE "AuditEvent" SET "type" = 'case.signed' WHERE "seq" = 1`)).toMatch(
        /permission denied/,
      );
      expect(await refused(`UPDATE "AuditEvent" SET "hash" = 'x' WHERE "seq" = 1`)).toMatch(/permission denied/);
      expect(await refused(`DELETE FROM "AuditEvent" WHERE "seq" = 2`)).toMatch(/permission denied/);
      expect(await refused(`TRUNCATE "AuditEvent"`)).toMatch(/permission denied/);
      expect(await refused(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
      expect(await refused(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`)).toMatch(/must be owner/);
      expect(await refused(`DROP TRIGGER "AuditEvent_no_update" ON "AuditEvent"`)).toMatch(/must be owner/);
      // The value columns it may update (for redaction) may only become NULL: never another text.
      expect(await refused(`UPDATE "AuditEvent" SET "newValue" = '{"v":1}' WHERE "seq" = 2`)).toMatch(/append-only/);
      expect(await app.auditEvent.count()).toBe(2);
      expect(await verifyAuditTrail(app)).toMatchObject({ ok: true, count: 2 });
    });
  },
);
