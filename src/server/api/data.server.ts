import "server-only";
// What the read-only API serves (ADR 0020): the data dictionary, the cases as
// the export's wide rows and per-block rows, the queries — the same column
// names and values as the CSV export, as JSON, one page at a time. Each
// function checks the owner's permission and centre scope like the exports.
import type { Actor } from "@/domain/actor";
import { isQueryStatus, PAGE_SIZE_MAX, parsePaging } from "@/domain/api/policy";
import { DICTIONARY_COLUMNS, dictionaryRows } from "@/domain/crf/data-dictionary";
import type { Cell } from "@/domain/export/cells";
import { blockColumns, blockRowsOf, caseColumns, type Column, type ExportCase } from "@/domain/export/columns";
import { BLOCK_IDS, parseExportOptions, type ExportOptions } from "@/domain/export/options";
import { authorize, centreScope } from "../access.server";
import type { Db } from "../db/create-db";
import { InputError } from "../errors";
import { caseBatches, selectCases, type Selection } from "../exports/cases.server";
import { ApiProblem } from "./problem.server";

export interface ApiResult {
  body: unknown;
  /** Rows served (audited: how much left, never what). */
  rows: number;
}

export interface Page<T> {
  page: number;
  pageSize: number;
  /** Items (cases, or queries) matching the filters. */
  total: number;
  pages: number;
  columns?: string[];
  data: T[];
}

function paging(query: URLSearchParams): { page: number; pageSize: number } {
  const p = parsePaging(query.get("page"), query.get("pageSize"));
  if (p.ok) return p;
  if (p.field === "page") throw new ApiProblem(400, "invalid_parameter", "page", {}, "page");
  throw new ApiProblem(400, "invalid_parameter", "pageSize", { max: PAGE_SIZE_MAX }, "pageSize");
}

/** The export's filters (centre, status, ageInsteadOfBirthDate), refused by name when wrong. */
function filters(query: URLSearchParams): ExportOptions {
  const parsed = parseExportOptions("cases-csv", {
    centre: query.getAll("centre"),
    status: query.getAll("status"),
    ageInsteadOfBirthDate: query.get("ageInsteadOfBirthDate"),
  });
  if (parsed.ok) return parsed.options;
  const name = Object.keys(parsed.fieldErrors)[0] ?? "query";
  throw new ApiProblem(400, "invalid_parameter", "invalidParameter", { name }, name);
}

const record = <S>(columns: readonly Column<S>[], source: S): Record<string, Cell> =>
  Object.fromEntries(columns.map((c) => [c.name, c.read(source)]));

async function pageOfCases(db: Db, actor: Actor, query: URLSearchParams) {
  authorize(actor, "export.run");
  const { page, pageSize } = paging(query);
  const options = filters(query);
  let sel: Selection;
  try {
    sel = await selectCases(db, actor, options);
  } catch (error) {
    if (error instanceof InputError)
      throw new ApiProblem(400, "invalid_parameter", "invalidParameter", { name: "centre" }, "centre");
    throw error;
  }
  const total = sel.ids.length;
  const slice: Selection = { ...sel, ids: sel.ids.slice((page - 1) * pageSize, page * pageSize) };
  const cases: ExportCase[] = [];
  for await (const batch of caseBatches(db, actor, slice)) cases.push(...batch);
  return { page, pageSize, total, pages: Math.ceil(total / pageSize), options, cases };
}

/** GET /api/v1/cases: one wide row per case, the cases CSV's columns. */
export async function apiCases(db: Db, actor: Actor, query: URLSearchParams): Promise<ApiResult> {
  const { cases, options, ...head } = await pageOfCases(db, actor, query);
  const columns = caseColumns(options);
  const body: Page<Record<string, Cell>> = {
    ...head,
    columns: columns.map((c) => c.name),
    data: cases.map((c) => record(columns, c)),
  };
  return { body, rows: body.data.length };
}

/** GET /api/v1/cases/blocks/{block}: the block's rows of one page of cases (pages count cases, not rows). */
export async function apiBlockRows(db: Db, actor: Actor, block: string, query: URLSearchParams): Promise<ApiResult> {
  authorize(actor, "export.run");
  if (!BLOCK_IDS.includes(block))
    throw new ApiProblem(404, "unknown_block", "unknownBlock", {
      block: block.slice(0, 40),
      blocks: BLOCK_IDS.join(", "),
    });
  const { cases, options: _, ...head } = await pageOfCases(db, actor, query);
  const columns = blockColumns(block);
  const data = cases.flatMap((c) => blockRowsOf(c, block).map((r) => record(columns, r)));
  const body: Page<Record<string, Cell>> = { ...head, columns: columns.map((c) => c.name), data };
  return { body, rows: data.length };
}

/** GET /api/v1/dictionary: every variable of the form, the data dictionary CSV's columns. */
export function apiDictionary(actor: Actor): ApiResult {
  authorize(actor, "api.token");
  const data = dictionaryRows();
  return { body: { columns: [...DICTIONARY_COLUMNS], data }, rows: data.length };
}

export interface ApiQuery {
  query_id: string;
  record_id: string;
  centre: string;
  field_path: string | null;
  query_status: string;
  created_at: string;
  updated_at: string;
  messages: { number: number; kind: string; author_id: string; author_role: string; at: string; message: string }[];
}

/** GET /api/v1/queries: the queries of the cases in scope, with their messages (the package's queries.csv). */
export async function apiQueries(db: Db, actor: Actor, query: URLSearchParams): Promise<ApiResult> {
  authorize(actor, "export.run");
  const { page, pageSize } = paging(query);
  const statuses = query
    .getAll("status")
    .flatMap((s) => s.split(","))
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (!statuses.every(isQueryStatus))
    throw new ApiProblem(400, "invalid_parameter", "invalidParameter", { name: "status" }, "status");
  const where = {
    case: centreScope(actor),
    ...(statuses.length ? { status: { in: statuses.filter(isQueryStatus) } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.query.count({ where }),
    db.query.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        case: { select: { centre: { select: { code: true } } } },
        messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { role: true } } } },
      },
    }),
  ]);
  const data: ApiQuery[] = rows.map((q) => ({
    query_id: q.id,
    record_id: q.caseId,
    centre: q.case.centre.code,
    field_path: q.fieldPath,
    query_status: q.status,
    created_at: q.createdAt.toISOString(),
    updated_at: q.updatedAt.toISOString(),
    messages: q.messages.map((m, n) => ({
      number: n + 1,
      kind: m.kind,
      author_id: m.authorId,
      author_role: m.author.role,
      at: m.createdAt.toISOString(),
      message: m.body,
    })),
  }));
  const body: Page<ApiQuery> = { page, pageSize, total, pages: Math.ceil(total / pageSize), data };
  return { body, rows: data.length };
}
