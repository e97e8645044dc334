// Real databases for integration tests, no mocks: a fresh SQLite file for
// every suite, and a fresh PostgreSQL database as well when
// TEST_DATABASE_URL_PG names a server (the database is created there and
// dropped afterwards). Both get every migration applied.
import { chmodSync, copyFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { sqliteFilePath, type Provider } from "@/server/db/database-url";
import { createDb, type Db } from "@/server/db/create-db";
import { applyMigrations, createScratchDatabase } from "../../scripts/db/migrations";

export const PG_URL_VARIABLE = "TEST_DATABASE_URL_PG";

/**
 * The databases to test against: SQLite always, PostgreSQL when its server is
 * given. In CI (CI set) PostgreSQL is the production database and must never
 * be skipped silently: a missing URL is an error, not a smaller test run.
 */
export function testDatabaseTargets(env: Readonly<Record<string, string | undefined>> = process.env): Provider[] {
  if (env[PG_URL_VARIABLE]?.trim()) return ["sqlite", "postgresql"];
  if (env.CI?.trim() && env.CI !== "false" && env.CI !== "0") {
    throw new Error(
      `${PG_URL_VARIABLE} is not set but CI is: the integration tests would silently skip PostgreSQL. ` +
        `Set ${PG_URL_VARIABLE} to a postgresql:// server URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres), as .ci/run does.`,
    );
  }
  return ["sqlite"];
}

export interface TestDatabase {
  db: Db;
  provider: Provider;
  url: string;
  /** Disconnects and deletes the database. */
  cleanup(): Promise<void>;
}

export async function openTestDatabase(provider: Provider): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(provider, {
    prefix: "ecrf_test",
    serverUrl: process.env[PG_URL_VARIABLE]?.trim() || undefined,
    serverVariable: PG_URL_VARIABLE,
  });
  try {
    await migrate(provider, scratch.url);
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  const { db } = createDb(scratch.url);
  return {
    db,
    provider,
    url: scratch.url,
    cleanup: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

/**
 * Every migration applied: copied from the run's migrated template when there is one
 * (tests/support/database-templates.ts, vitest's globalSetup), else applied here.
 */
async function migrate(provider: Provider, url: string): Promise<void> {
  const template = inject("databaseTemplates")?.[provider];
  if (!template) {
    await applyMigrations(url);
    return;
  }
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    copyFileSync(template, file);
    // Owner-only, as applyMigrations creates it: it could hold the study's data.
    chmodSync(file, 0o600);
    return;
  }
  // The scratch database is empty and nobody is connected to it yet: made again as a copy of the template.
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: process.env[PG_URL_VARIABLE], connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE "${name}"`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
}

/** What a suite body sees; `db` and `url` are available once beforeAll has run (inside tests and hooks). */
export interface DatabaseContext {
  readonly provider: Provider;
  readonly db: Db;
  readonly url: string;
}

/**
 * Declares the suite once per available database, titled "<title> [<provider>]".
 * The database is opened in beforeAll and deleted in afterAll, so the tests of
 * one suite share it: give each test its own rows.
 */
export function describeEachDatabase(title: string, body: (ctx: DatabaseContext) => void): void {
  for (const provider of testDatabaseTargets()) {
    describe(`${title} [${provider}]`, () => {
      let opened: TestDatabase | undefined;
      beforeAll(async () => {
        opened = await openTestDatabase(provider);
      });
      afterAll(async () => {
        await opened?.cleanup();
        opened = undefined;
      });
      const current = (): TestDatabase => {
        if (!opened) throw new Error(`The ${provider} test database is only open inside tests and hooks.`);
        return opened;
      };
      body({
        provider,
        get db() {
          return current().db;
        },
        get url() {
          return current().url;
        },
      });
    });
  }
}
