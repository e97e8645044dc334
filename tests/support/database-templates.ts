// vitest globalSetup: every migration applied once per run, into one template
// database per provider, which each integration suite then copies
// (tests/support/test-database.ts) — a file copy for SQLite, CREATE DATABASE …
// TEMPLATE on PostgreSQL — rather than running the schema engine again for each
// of its ~80 suites (2–4 s each on a 2-core machine). The copy is the migrated
// database itself, `_prisma_migrations` included.
import { rm } from "node:fs/promises";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { sqliteFilePath } from "@/server/db/database-url";
import { applyMigrations, createScratchDatabase } from "../../scripts/db/migrations";
import { PG_URL_VARIABLE, testDatabaseTargets } from "./test-database";

export interface DatabaseTemplates {
  /** The migrated SQLite file to copy. */
  sqlite?: string;
  /** The migrated PostgreSQL database's name, on the TEST_DATABASE_URL_PG server. */
  postgresql?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const templates: DatabaseTemplates = {};
  const cleanups: (() => Promise<void>)[] = [];
  const serverUrl = process.env[PG_URL_VARIABLE]?.trim() || undefined;
  for (const provider of testDatabaseTargets()) {
    const scratch = await createScratchDatabase(provider, {
      prefix: "ecrf_template",
      serverUrl,
      serverVariable: PG_URL_VARIABLE,
    });
    cleanups.push(() => scratch.drop());
    await applyMigrations(scratch.url);
    if (provider === "sqlite") templates.sqlite = sqliteFilePath(scratch.url);
    else {
      const name = new URL(scratch.url).pathname.slice(1);
      // Nobody connects to a template (autovacuum included), or copying it would fail.
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      } finally {
        await client.end();
      }
      templates.postgresql = name;
    }
  }
  project.provide("databaseTemplates", templates);
  return async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    if (templates.sqlite) await rm(templates.sqlite, { force: true });
  };
}
