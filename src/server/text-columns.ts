// Every text column of every table, read from the database's own catalogue
// (not from the model), so that a table added later is scanned too: where an
// identifier may still sit after a redaction (ADR 0010). A plain module: the
// redaction and its tests use it.
import type { Db } from "./db/create-db";
import type { Tx } from "./audit.server";

export interface TextColumn {
  table: string;
  column: string;
  /** JSON columns (Case.answers…): compared through their text. */
  json: boolean;
}

type Client = Db | Tx;

const providers = new WeakMap<object, "sqlite" | "postgresql">();

/** Which database a client talks to (asked once per client). */
export async function providerOfClient(db: Client): Promise<"sqlite" | "postgresql"> {
  const known = providers.get(db);
  if (known) return known;
  // version() exists on PostgreSQL only. Asked this way round because a failed statement aborts a
  // PostgreSQL transaction, while SQLite's transaction survives it.
  const rows = await db.$queryRawUnsafe<{ v: string }[]>("SELECT version() AS v").catch(() => null);
  const provider = rows ? "postgresql" : "sqlite";
  providers.set(db, provider);
  return provider;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function textColumns(db: Client): Promise<TextColumn[]> {
  if ((await providerOfClient(db)) === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ tbl: string; col: string; type: string }[]>(
      `SELECT m.name AS tbl, p.name AS col, upper(p.type) AS type FROM sqlite_master m JOIN pragma_table_info(m.name) p
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
    );
    return rows
      .filter((r) => /TEXT|CHAR|CLOB|JSON/.test(r.type))
      .map((r) => ({ table: r.tbl, column: r.col, json: r.type.includes("JSON") }));
  }
  const rows = await db.$queryRawUnsafe<{ tbl: string; col: string; type: string }[]>(
    `SELECT table_name AS tbl, column_name AS col, data_type AS type FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
     ORDER BY table_name, ordinal_position`,
  );
  return rows.map((r) => ({ table: r.tbl, column: r.col, json: r.type.startsWith("json") }));
}

/** Tables with triggers of their own (append-only tables): a generic UPDATE would be refused there. */
export async function tablesWithTriggers(db: Client): Promise<Set<string>> {
  const sql =
    (await providerOfClient(db)) === "sqlite"
      ? `SELECT DISTINCT tbl_name AS tbl FROM sqlite_master WHERE type = 'trigger'`
      : `SELECT DISTINCT event_object_table AS tbl FROM information_schema.triggers WHERE trigger_schema = current_schema()`;
  return new Set((await db.$queryRawUnsafe<{ tbl: string }[]>(sql)).map((r) => r.tbl));
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The i-th parameter's placeholder (from 1): "?" on SQLite, "$i" on PostgreSQL. */
async function param(db: Client, i: number): Promise<string> {
  return (await providerOfClient(db)) === "sqlite" ? "?" : `$${i}`;
}

/** The condition "column holds the text, any case" for one column (the pattern is the first parameter). */
async function holds(db: Client, c: TextColumn): Promise<string> {
  return (await providerOfClient(db)) === "sqlite"
    ? `${quote(c.column)} LIKE ? ESCAPE '\\'`
    : `${quote(c.column)}::text ILIKE $1 ESCAPE '\\'`;
}

/** Where the text still is: each table and column with the number of rows that hold it. */
export async function findText(db: Client, text: string): Promise<{ table: string; column: string; rows: number }[]> {
  const out: { table: string; column: string; rows: number }[] = [];
  for (const c of await textColumns(db)) {
    const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM ${quote(c.table)} WHERE ${await holds(db, c)}`,
      likePattern(text),
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) out.push({ table: c.table, column: c.column, rows: n });
  }
  return out;
}

/** The distinct values of one text column holding the text (optionally only one case's rows). */
export async function valuesHolding(db: Client, c: TextColumn, text: string, caseId?: string): Promise<string[]> {
  const scope = caseId ? ` AND ${quote("caseId")} = ${await param(db, 2)}` : "";
  const rows = await db.$queryRawUnsafe<{ v: string }[]>(
    `SELECT DISTINCT ${quote(c.column)} AS v FROM ${quote(c.table)} WHERE ${await holds(db, c)}${scope}`,
    ...(caseId ? [likePattern(text), caseId] : [likePattern(text)]),
  );
  return rows.map((r) => r.v);
}

/** Replaces one value by another in a text column (optionally only one case's rows); returns the rows changed. */
export async function replaceValue(
  db: Client,
  c: TextColumn,
  from: string,
  to: string,
  caseId?: string,
): Promise<number> {
  const scope = caseId ? ` AND ${quote("caseId")} = ${await param(db, 3)}` : "";
  const sql = `UPDATE ${quote(c.table)} SET ${quote(c.column)} = ${await param(db, 1)} WHERE ${quote(c.column)} = ${await param(db, 2)}${scope}`;
  return db.$executeRawUnsafe(sql, ...(caseId ? [to, from, caseId] : [to, from]));
}
