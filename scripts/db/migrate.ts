// `npm run db:migrate`: brings the database of DATABASE_URL (SQLite under
// data/ when unset) up to date with prisma/migrations. Safe to run on every
// deployment: applied migrations are recorded and never run twice.
import { existsSync } from "node:fs";
import { databaseUrl, providerOf, sqliteFilePath } from "@/server/db/database-url";
import { applyMigrations, redactUrl } from "./migrations";

function describeDatabase(url: string): string {
  return providerOf(url) === "sqlite" ? `SQLite ${sqliteFilePath(url)}` : `PostgreSQL ${redactUrl(url)}`;
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const url = databaseUrl();
  const target = describeDatabase(url);
  const applied = await applyMigrations(url);
  if (applied.length === 0) {
    console.log(`${target}: up to date.`);
    return;
  }
  console.log(`${target}: applied ${applied.length} migration(s):`);
  for (const name of applied) console.log(`  ${name}`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
