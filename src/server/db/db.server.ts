import "server-only";
import { withCheckpoints } from "@/server/audit-checkpoints";
import { createDb, type Db } from "./create-db";
import { databaseUrl } from "./database-url";

// One client per process; kept on globalThis so that dev-mode reloads don't
// open a new connection pool on every edit.
const holder = globalThis as typeof globalThis & { __ecrfDb?: Db };

export function db(): Db {
  // Each committed transaction is followed by a signed checkpoint of the audit head, outside the database (ADR 0009).
  holder.__ecrfDb ??= withCheckpoints(createDb(databaseUrl()).db);
  return holder.__ecrfDb;
}
