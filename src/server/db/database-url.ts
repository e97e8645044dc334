// Which database a URL designates. SQLite is the embedded default; a
// postgresql:// (or postgres://) URL selects PostgreSQL.
import { isAbsolute, resolve } from "node:path";
import { env as currentEnv } from "../env";

export type Provider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/ecrf.db";

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The database URL from the environment, SQLite under data/ when unset. */
export function databaseUrl(env: Readonly<Record<string, string | undefined>> = currentEnv()): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

/** Absolute file path of a SQLite `file:` URL (relative paths are from the working directory). */
export function sqliteFilePath(url: string): string {
  const path = url.replace(/^file:/, "");
  if (path === ":memory:") return path;
  return isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ process.cwd(), path);
}
