// The demo accounts share one published password: `npm run db:seed` must never
// create them on a production host. Runs the real script against a scratch
// SQLite database with the migrations applied.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/test-database";

const run = promisify(execFile);

interface SeedRun {
  code: number;
  output: string;
}

async function seed(database: TestDatabase, extra: Record<string, string>): Promise<SeedRun> {
  // No NODE_ENV/ECRF_ENV from the test runner's own environment: each case sets exactly what it tests.
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NODE_ENV;
  delete env.ECRF_ENV;
  Object.assign(env, { DATABASE_URL: database.url }, extra);
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "scripts/seed.ts"], {
      env: env as NodeJS.ProcessEnv,
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("npm run db:seed in production", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("sqlite");
  });
  afterAll(async () => {
    await database.cleanup();
  });

  const PRODUCTION: Record<string, string>[] = [
    { NODE_ENV: "production" },
    { ECRF_ENV: "production" },
    { NODE_ENV: "development", ECRF_ENV: "production" },
  ];
  it.each(PRODUCTION)("refuses with %j: non-zero exit, a clear message, no account created", async (env) => {
    const result = await seed(database, env);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      "Refusing to seed demo accounts: this is a production environment (NODE_ENV/ECRF_ENV=production).",
    );
    expect(await database.db.user.count()).toBe(0);
    expect(await database.db.centre.count()).toBe(0);
  });

  it("outside production the same command does create the demo accounts (so the refusals above are real)", async () => {
    const result = await seed(database, { NODE_ENV: "development" });
    expect(result.code).toBe(0);
    expect(result.output).toContain("Demo data ready");
    expect(await database.db.user.count()).toBeGreaterThan(0);
  });
});
