import "server-only";
// The CSV files of the exports, as text chunks (stream.server.ts): the cases
// table, a repeating block's table, the data in REDCap's import format, the
// queries and the audit trail of the selected cases, and the static tables (REDCap
// dictionary, column guide). The rows themselves are written by the pure writers
// of src/domain/export/ with the one CSV writer (src/domain/csv.ts).
import type { Actor } from "@/domain/actor";
import { BOM, csvLine } from "@/domain/csv";
import type { ExportOptions } from "@/domain/export/options";
import { REDCAP_COLUMNS, redcapDictionaryRows } from "@/domain/export/redcap";
import { redcapImportTable } from "@/domain/export/redcap-data";
import { blockTable, casesTable } from "@/domain/export/rows";
import { AUDIT_COLUMNS, auditRow, QUERY_COLUMNS, queryRow } from "@/domain/export/trail";
import type { Db } from "@/server/db/create-db";
import { BATCH_SIZE, caseBatches, type Selection } from "./cases.server";
import { chunked, type Chunks } from "./stream.server";

/** Audit events read at a time. */
const AUDIT_PAGE = 5000;

export function casesCsv(db: Db, actor: Actor, sel: Selection, options: ExportOptions): Chunks {
  const t = casesTable(options);
  return async function* () {
    yield BOM + t.header;
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

export function blockCsv(db: Db, actor: Actor, sel: Selection, blockId: string): Chunks {
  const t = blockTable(blockId);
  return async function* () {
    yield BOM + t.header;
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

/** The data in REDCap's import format (redcap-data.ts): each case's row, then its block rows. */
export function redcapDataCsv(db: Db, actor: Actor, sel: Selection, options: ExportOptions): Chunks {
  const t = redcapImportTable(options);
  return async function* () {
    yield BOM + csvLine([...t.header]);
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

/** The queries of the selected cases, one row per message, in case export order. */
export function queriesCsv(db: Db, sel: Selection): Chunks {
  return async function* () {
    yield BOM + csvLine([...QUERY_COLUMNS]);
    for (let i = 0; i < sel.ids.length; i += BATCH_SIZE) {
      const slice = sel.ids.slice(i, i + BATCH_SIZE);
      const order = new Map(slice.map((id, n) => [id, n]));
      const queries = await db.query.findMany({
        where: { caseId: { in: slice } },
        include: { messages: { orderBy: { createdAt: "asc" }, include: { author: { select: { role: true } } } } },
        orderBy: { createdAt: "asc" },
      });
      queries.sort((a, b) => order.get(a.caseId)! - order.get(b.caseId)!);
      let out = "";
      for (const q of queries) {
        q.messages.forEach((m, n) => {
          out += csvLine(
            queryRow({
              queryId: q.id,
              caseId: q.caseId,
              fieldPath: q.fieldPath,
              status: q.status,
              number: n + 1,
              kind: m.kind,
              authorId: m.authorId,
              authorRole: m.author.role,
              at: m.createdAt.toISOString(),
              body: m.body,
            }),
          );
        });
      }
      yield out;
    }
  };
}

/** The audit events of the selected cases, in the chain's order (seq). */
export function auditCsv(db: Db, sel: Selection, options: ExportOptions): Chunks {
  return async function* () {
    yield BOM + csvLine([...AUDIT_COLUMNS]);
    const wanted = new Set(sel.ids);
    let last = -1;
    for (;;) {
      const page = await db.auditEvent.findMany({
        where: { seq: { gt: last }, caseId: { not: null } },
        orderBy: { seq: "asc" },
        take: AUDIT_PAGE,
      });
      if (page.length === 0) return;
      last = page[page.length - 1]!.seq;
      let out = "";
      for (const e of page)
        if (e.caseId && wanted.has(e.caseId)) out += csvLine(auditRow({ ...e, at: e.at.toISOString() }, options));
      if (out) yield out;
    }
  };
}

/** A table known in advance (no database read), as one CSV text with its BOM. */
export const staticCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  BOM + csvLine([...header]) + rows.map((r) => csvLine([...r])).join("");

/** REDCap's data dictionary for these options (redcap.ts). */
export const redcapDictionaryCsv = (options: ExportOptions): string =>
  staticCsv(REDCAP_COLUMNS, redcapDictionaryRows(options));
