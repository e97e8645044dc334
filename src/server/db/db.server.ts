import "server-only";
import { createDb, type Db } from "./create-db";
import { databaseUrl } from "./database-url";

// One client per process; kept on globalThis so that dev-mode reloads don't
// open a new connection pool on every edit.
const holder = globalThis as typeof globalThis & { __ecrfDb?: Db };

export function db(): Db {
  holder.__ecrfDb ??= createDb(databaseUrl()).db;
  return holder.__ecrfDb;
}
