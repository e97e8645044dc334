// `npm run db:migration:new -- <name>`: after editing prisma/models.prisma,
// writes the next migration for SQLite and PostgreSQL from the difference
// between the existing migrations (replayed on shadow databases) and the model.
// PostgreSQL's shadow database is created on SHADOW_DATABASE_URL's server
// (else TEST_DATABASE_URL_PG's, else the local default) and dropped afterwards.
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { createMigration, redactUrl, shadowServer } from "./migrations";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const name = process.argv.slice(2).join(" ").trim();
  if (!name) {
    console.error("Usage: npm run db:migration:new -- <name>   (e.g. add_case_comments)");
    process.exitCode = 2;
    return;
  }
  console.log(`PostgreSQL shadow database on ${redactUrl(shadowServer().url)}`);
  const created = await createMigration(name);
  if (!created) {
    console.log("No schema change: prisma/models.prisma matches the existing migrations.");
    return;
  }
  console.log(`Created migration ${created.name}:`);
  for (const file of created.files) console.log(`  ${relative(process.cwd(), file)}`);
  console.log("Review both files; add by hand what the model cannot express (triggers, seed rows).");
}

main().catch((error: unknown) => {
  console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
