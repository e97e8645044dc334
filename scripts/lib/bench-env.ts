// What every benchmark shares: the scale (BENCH_SCALE=small for a quick check
// that a script works; the figures worth keeping come from the full scale),
// the databases to run on (SQLite always, PostgreSQL when
// BENCH_DATABASE_URL_PG names a server where databases may be created), the
// machine line, Markdown tables, quantiles.
import { cpus, freemem, release, totalmem } from "node:os";
import pg from "pg";
import type { Provider } from "@/server/db/database-url";
import { createScratchDatabase, redactUrl, type ScratchDatabase } from "../db/migrations";

export const SMALL = process.env.BENCH_SCALE === "small";

/** The full-scale value, or the small one under BENCH_SCALE=small. */
export const atScale = <T>(full: T, small: T): T => (SMALL ? small : full);

export const PG_VARIABLE = "BENCH_DATABASE_URL_PG";
export const pgServerUrl = (): string | undefined => process.env[PG_VARIABLE]?.trim() || undefined;

export const benchProviders = (): Provider[] => (pgServerUrl() ? ["sqlite", "postgresql"] : ["sqlite"]);

/** A throw-away database for one run: a temporary SQLite file or a new PostgreSQL database, dropped by the caller. */
export function scratchDatabase(provider: Provider, prefix: string): Promise<ScratchDatabase> {
  return createScratchDatabase(provider, { prefix, serverUrl: pgServerUrl(), serverVariable: PG_VARIABLE });
}

/** Runs `body` on a scratch database and drops it afterwards, whatever happens (BENCH_KEEP=1 keeps it and says where). */
export async function onScratch<T>(provider: Provider, prefix: string, body: (url: string) => Promise<T>): Promise<T> {
  const scratch = await scratchDatabase(provider, prefix);
  try {
    return await body(scratch.url);
  } finally {
    if (process.env.BENCH_KEEP === "1") console.error(`kept: ${redactUrl(scratch.url)}`);
    else await scratch.drop();
  }
}

/** "PostgreSQL 15.8" as the server says (SHOW server_version). */
export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return `PostgreSQL ${rows[0]!.server_version.split(" ")[0]}`;
  } finally {
    await client.end();
  }
}

/** The database as a label for the tables. */
export async function databaseLabel(provider: Provider, url: string): Promise<string> {
  if (provider === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(":memory:");
    try {
      return `SQLite ${(db.prepare("select sqlite_version() as v").get() as { v: string }).v}`;
    } finally {
      db.close();
    }
  }
  return postgresVersion(url);
}

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Linux ${release()}, Node ${process.version}${SMALL ? " — BENCH_SCALE=small: a check that the benchmark runs, not figures to keep" : ""}`;
}

/** A Markdown table; `align` per column: "l" or "r" (numbers). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  align: readonly ("l" | "r")[] = [],
): string {
  const sep = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [header, sep, ...rows.map((r) => r.map(String))].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** The q-quantile (nearest rank) of some numbers. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
export const mb = (x: number): string => x.toFixed(0);
