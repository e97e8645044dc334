// Opens a Prisma client on SQLite or PostgreSQL through driver adapters (no
// query-engine binary). Both generated clients come from the same model
// (prisma/models.prisma), so the application is typed against one of them.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../../generated/prisma/sqlite/client";
import { PrismaClient as PostgresClient } from "../../generated/prisma/postgresql/client";
import { providerOf, sqliteFilePath, type Provider } from "./database-url";
import { ensurePrivateSqliteFile } from "./sqlite-file";

/** The application's database client, whichever database is behind it. */
export type Db = SqliteClient;

export interface OpenedDb {
  db: Db;
  provider: Provider;
}

export function createDb(url: string): OpenedDb {
  const provider = providerOf(url);
  if (provider === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    // Same model, same API: the two generated clients differ only in their SQL dialect.
    return { db: client as unknown as Db, provider };
  }
  ensurePrivateSqliteFile(sqliteFilePath(url));
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) });
  return { db: client, provider };
}
