// Versioned SQL migrations, one folder per database (prisma/migrations/sqlite
// and prisma/migrations/postgresql) with the same migration names in both,
// created and applied through the wasm schema engine so that nothing is
// downloaded (see scripts/db/schema-engine.ts). No side effects on import.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { providerOf, sqliteFilePath, type Provider } from "@/server/db/database-url";
import { ensurePrivateSqliteFile } from "@/server/db/sqlite-file";
import { NO_FILTERS, openSchemaEngine, type MigrationDirectoryInput } from "./schema-engine";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const PROVIDERS: readonly Provider[] = ["sqlite", "postgresql"];
export const MIGRATIONS_ROOT = join(root, "prisma", "migrations");
export const DEFAULT_POSTGRES_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

const LOCKFILE = "migration_lock.toml";
const MIGRATION_FILE = "migration.sql";
const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+$/;

export interface Migration {
  /** Folder name, `YYYYMMDDHHMMSS_<name>`. */
  name: string;
  sql: string;
}

export function migrationsDir(provider: Provider): string {
  return join(MIGRATIONS_ROOT, provider);
}

/** The migrations of one database, oldest first. */
export function listMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && MIGRATION_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, MIGRATION_FILE), "utf8") }));
}

function migrationsInput(provider: Provider) {
  const dir = migrationsDir(provider);
  const lockPath = join(dir, LOCKFILE);
  const directories: MigrationDirectoryInput[] = listMigrations(provider).map(({ name, sql }) => ({
    path: name,
    migrationFile: { path: MIGRATION_FILE, content: { tag: "ok", value: sql } },
  }));
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories,
  };
}

/** Applies the pending migrations to the database at `url`; returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const file = sqliteFilePath(url);
    // better-sqlite3 creates the file but not its directory (e.g. data/ on a fresh checkout).
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    // Created owner-only (0600) before the schema engine opens it: it will hold the study's data.
    ensurePrivateSqliteFile(file);
  }
  const { engine, close } = await openSchemaEngine(url);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationsInput(provider),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

interface ComposedSchema {
  file: string;
  content: string;
}

/** The Prisma schema of one database, composed from prisma/models.prisma. */
async function composeSchema(provider: Provider): Promise<ComposedSchema> {
  // prisma-generate.mjs is plain JavaScript without type declarations (allowJs
  // is off), so it is loaded by URL and typed here.
  const moduleUrl = new URL("../prisma-generate.mjs", import.meta.url).href;
  const generator = (await import(moduleUrl)) as { composeSchema(provider: Provider): ComposedSchema };
  return generator.composeSchema(provider);
}

/**
 * The SQL that would bring the database at `url` to the data model: only
 * comments when they match (no drift). Triggers, functions and rows are not
 * part of what the engine compares.
 */
export async function diffDatabaseToModel(url: string): Promise<string> {
  const schema = await composeSchema(providerOf(url));
  const files = [{ path: schema.file, content: schema.content }];
  const { engine, close } = await openSchemaEngine(url);
  try {
    const { stdout } = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: dirname(schema.file) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return stdout;
  } finally {
    await close();
  }
}

/** True when a migration script holds nothing but comments and blank lines. */
export function isEmptyMigration(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

/** Hides the password of a database URL so that it can be printed. */
export function redactUrl(url: string): string {
  if (providerOf(url) === "sqlite") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable PostgreSQL URL>";
  }
}

/** A throw-away database: a temporary SQLite file, or a new database on a PostgreSQL server. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** PostgreSQL only: a URL on the server where the database is created (its own database is only used to connect). */
  serverUrl?: string;
  /** The environment variable that gives `serverUrl`, named in errors. */
  serverVariable?: string;
  /** Prefix of the database (or temporary directory) name. */
  prefix?: string;
}

export async function createScratchDatabase(
  provider: Provider,
  options: ScratchDatabaseOptions = {},
): Promise<ScratchDatabase> {
  const prefix = options.prefix ?? "ecrf_scratch";
  if (provider === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
    return { url: `file:${join(dir, "db.sqlite")}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const serverUrl = options.serverUrl ?? DEFAULT_POSTGRES_SERVER_URL;
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  await onServer(serverUrl, options.serverVariable, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, options.serverVariable, `DROP DATABASE IF EXISTS "${name}"`),
  };
}

/** Runs one statement on a PostgreSQL server with a short-lived connection. */
async function onServer(serverUrl: string, variable: string | undefined, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const hint = variable
      ? `Set ${variable} to a postgresql:// URL on a server where this user may create databases.`
      : "Give a postgresql:// URL on a server where this user may create databases.";
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(serverUrl)} (${errorMessage(error)}). ${hint}`, {
      cause: error,
    });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorMessage(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

export interface CreateMigrationOptions {
  /** PostgreSQL server for the shadow database; see shadowServer(). */
  shadowServerUrl?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface CreatedMigration {
  name: string;
  /** The migration.sql files written, one per database. */
  files: string[];
}

/** Where the PostgreSQL shadow database is created, and which variable said so. */
export function shadowServer(env: NodeJS.ProcessEnv = process.env): { url: string; variable: string } {
  if (env.SHADOW_DATABASE_URL) return { url: env.SHADOW_DATABASE_URL, variable: "SHADOW_DATABASE_URL" };
  if (env.TEST_DATABASE_URL_PG) return { url: env.TEST_DATABASE_URL_PG, variable: "TEST_DATABASE_URL_PG" };
  return { url: DEFAULT_POSTGRES_SERVER_URL, variable: "SHADOW_DATABASE_URL" };
}

/**
 * Writes the next migration for both databases: the SQL that takes a shadow
 * database, built from the existing migrations, to prisma/models.prisma.
 * Returns null when the model has not changed.
 */
export async function createMigration(
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreatedMigration | null> {
  const slug = migrationSlug(name);
  const server = options.shadowServerUrl
    ? { url: options.shadowServerUrl, variable: "SHADOW_DATABASE_URL" }
    : shadowServer(options.env);
  // Both diffs are computed before anything is written, so that a failure on
  // one database leaves neither folder with a half-made migration.
  const scripts = new Map<Provider, string>();
  for (const provider of PROVIDERS) {
    scripts.set(provider, await shadowDiff(provider, server));
  }
  if ([...scripts.values()].every(isEmptyMigration)) return null;

  const folder = `${timestamp(options.now ?? new Date())}_${slug}`;
  assertAfterExisting(folder);
  const files: string[] = [];
  for (const [provider, sql] of scripts) {
    const dir = migrationsDir(provider);
    mkdirSync(join(dir, folder), { recursive: true });
    const lock = join(dir, LOCKFILE);
    if (!existsSync(lock)) {
      writeFileSync(
        lock,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
      );
    }
    const file = join(dir, folder, MIGRATION_FILE);
    writeFileSync(file, sql);
    files.push(file);
  }
  return { name: folder, files };
}

async function shadowDiff(provider: Provider, server: { url: string; variable: string }): Promise<string> {
  const shadow = await createScratchDatabase(provider, {
    prefix: "ecrf_shadow",
    serverUrl: server.url,
    serverVariable: server.variable,
  });
  try {
    await applyMigrations(shadow.url);
    return await diffDatabaseToModel(shadow.url);
  } finally {
    await shadow.drop();
  }
}

/** Prisma's convention: lower-case words joined by underscores. */
export function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error(`Invalid migration name ${JSON.stringify(name)}: use letters, digits and underscores.`);
  return slug.slice(0, 200);
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

// Migrations apply in name order: a folder that sorts before an existing one
// (clock set back, same second) would be applied out of order on new databases.
function assertAfterExisting(folder: string): void {
  for (const provider of PROVIDERS) {
    const last = listMigrations(provider).at(-1)?.name;
    if (last && last.slice(0, 14) >= folder.slice(0, 14)) {
      throw new Error(
        `Migration ${folder} would not sort after the existing ${last}; wait a second or check the clock.`,
      );
    }
  }
}
