import "server-only";
// Bulk import of cases in this app's wide export format (wide-import.ts): the
// files of an export (cases.csv and the block CSVs, or the XLSX workbook) are
// read, every row and field checked — a dry run writes nothing — then, once
// confirmed, the valid rows are created as drafts of one centre: the
// importer's own, or the one a coordinator chooses. Each created case is one
// transaction: the case, "case.created", and one "case.field_changed" per
// imported value with the import named as its source (reason).
import type { Actor } from "@/domain/actor";
import type { CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import { BLOCKS, type FieldId } from "@/domain/crf/definition";
import { rowFieldPath } from "@/domain/crf/field-path";
import { parseCsv } from "@/domain/csv";
import { DEFAULT_OPTIONS } from "@/domain/export/options";
import { isRedcapHeader, tablesFromRedcap } from "@/domain/import/redcap-import";
import {
  readImport,
  type ImportOutcome,
  type ImportRow,
  type ImportTables,
  type RowReport,
} from "@/domain/import/wide-import";
import type { MessageRef } from "@/domain/messages";
import { caseKeySchema } from "@/domain/pseudonym-key";
import { todayIso } from "@/domain/dates";
import { authorize } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { isUniqueViolation } from "./prisma-errors";
import { refuseIfStudyClosed } from "./study.server";
import { checkZipBudget, XLSX_INFLATED_MAX_MB } from "./zip-budget.server";

export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportRequest {
  readonly files: readonly ImportFile[];
  /** The centre of the new cases: a coordinator's choice; centre users import into their own. */
  readonly centreCode?: string;
  /** false: dry run, nothing written. */
  readonly confirm: boolean;
  /** What carried the files when not the /imports page, e.g. "api:token:<id>": prefixed to the audited source. */
  readonly via?: string;
}

const table = (rows: string[][]): ImportRow[] => {
  const [header, ...data] = rows;
  if (!header) return [];
  return data
    .filter((r) => r.some((c) => c !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
};

/** An XLSX cell as the CSV export would have written it. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && v && "richText" in v)
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  return String(v);
}

async function xlsxTables(bytes: Uint8Array): Promise<Map<string, ImportRow[]>> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out = new Map<string, ImportRow[]>();
  for (const ws of wb.worksheets) {
    const width = ws.getRow(1).cellCount;
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      rows.push(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value))),
    );
    out.set(ws.name, table(rows));
  }
  return out;
}

/** The tables of the uploaded files: `<name>.csv` or the workbook's sheets of the same names, or REDCap's one file. */
export async function readImportFiles(files: readonly ImportFile[]): Promise<ImportTables> {
  const byName = new Map<string, ImportRow[]>();
  for (const f of files) {
    const isZipLike = f.bytes[0] === 0x50 && f.bytes[1] === 0x4b;
    if (isZipLike) {
      const budget = checkZipBudget(f.bytes);
      if (!budget.ok)
        throw InputError.field(
          "files",
          budget.reason === "too_large"
            ? { key: "import.inflatedTooLarge", params: { name: f.name, max: XLSX_INFLATED_MAX_MB } }
            : { key: "import.unreadable", params: { name: f.name } },
        );
      try {
        for (const [name, rows] of await xlsxTables(f.bytes)) byName.set(name, rows);
      } catch {
        throw InputError.field("files", { key: "import.unreadable", params: { name: f.name } });
      }
      continue;
    }
    const base = f.name.replace(/^.*[\\/]/, "").replace(/\.csv$/i, "");
    // An export's download name (dm-sam_cases_…) names its table too.
    const name =
      BLOCKS.find((b) => base === b.id || base.startsWith(`dm-sam_${b.id}_`))?.id ??
      (base === "cases" || base.startsWith("dm-sam_cases") ? "cases" : base);
    const cells = parseCsv(new TextDecoder().decode(f.bytes));
    // REDCap's import format (this app's redcap-import.csv, or a REDCap export): one file for everything.
    if (isRedcapHeader(cells[0] ?? [])) return tablesFromRedcap(table(cells), DEFAULT_OPTIONS);
    byName.set(name, table(cells));
  }
  const cases = byName.get("cases");
  if (!cases?.length || !["record_id", "initials", "birth_date"].every((c) => c in cases[0]!))
    throw InputError.field("files", { key: "import.noCases" });
  return {
    cases,
    blocks: Object.fromEntries(BLOCKS.flatMap((b) => (byName.has(b.id) ? [[b.id, byName.get(b.id)!]] : []))),
  };
}

/** The values of a case as audit paths: "ferritin", "treatment_lines.<row id>.dose_value". */
function valuePaths(answers: CaseAnswers): [string, unknown][] {
  const out: [string, unknown][] = Object.entries(answers.fields).map(([id, a]) => [id, a]);
  for (const [block, rows] of Object.entries(answers.blocks))
    for (const r of rows) for (const [id, a] of Object.entries(r.values)) out.push([rowFieldPath(block, r.id, id), a]);
  return out;
}

/** The centres an actor may import into: a coordinator's choice of every centre, a centre user's own. */
export async function importCentres(db: Db, actor: Actor): Promise<{ code: string; name: string }[]> {
  authorize(actor, "case.import");
  return db.centre.findMany({
    where: actor.centreCode ? { code: actor.centreCode } : {},
    select: { code: true, name: true },
    orderBy: { code: "asc" },
  });
}

/**
 * Dry run (confirm: false) or import (confirm: true) of the files as drafts
 * of one centre. Refused rows are reported, never written; in a confirmed run
 * the other rows are created, each in its own transaction.
 */
export async function importCases(
  db: Db,
  actor: Actor,
  request: ImportRequest,
  now: Date = new Date(),
): Promise<ImportOutcome> {
  authorize(actor, "case.import");
  await refuseIfStudyClosed(db, actor, now);
  const code = actor.centreCode ?? request.centreCode ?? "";
  const centre = await db.centre.findUnique({ where: { code }, select: { id: true, code: true } });
  if (
    !centre ||
    (actor.centreCode !== null && request.centreCode !== undefined && request.centreCode !== actor.centreCode)
  ) {
    throw InputError.field("centreCode", { key: "import.centre" });
  }
  const tables = await readImportFiles(request.files);
  const today = todayIso(now);
  const existing = new Set(
    (await db.case.findMany({ where: { centreId: centre.id }, select: { initials: true, birthDate: true } })).map(
      (c) => `${c.initials}|${c.birthDate}`,
    ),
  );
  const keySchema = caseKeySchema({ centreCodes: [centre.code], today });
  const keyErrors = (row: ImportRow): MessageRef[] => {
    const parsed = keySchema.safeParse({
      initials: row.initials ?? "",
      birthDate: row.birth_date ?? "",
      centreCode: centre.code,
    });
    if (!parsed.success)
      return parsed.error.issues.map((i) => ({
        key: i.message,
        ...("params" in i && i.params ? { params: i.params as MessageRef["params"] } : {}),
      }));
    const key = `${parsed.data.initials}|${parsed.data.birthDate}`;
    if (existing.has(key))
      return [
        { key: "import.duplicate", params: { initials: parsed.data.initials, birthDate: parsed.data.birthDate } },
      ];
    existing.add(key);
    return [];
  };
  const cases = readImport(tables, today, keyErrors);
  if (!request.confirm) return { rows: cases.map((c) => c.report), created: [] };

  const created: { row: number; sourceId: string; id: string }[] = [];
  const who = { id: actor.id, role: actor.role, centreCode: actor.centreCode };
  const source = `${request.via ? `${request.via} ` : ""}import:${request.files.map((f) => f.name).join(",")}`.slice(
    0,
    500,
  );
  const reports = new Map<number, RowReport>();
  for (const c of cases) {
    if (c.report.outcome !== "created") continue;
    const key = keySchema.parse({
      initials: c.report.initials,
      birthDate: c.report.birthDate,
      centreCode: centre.code,
    });
    const { initials, birthDate } = key;
    const eligibility = Object.fromEntries(
      (["elig_dm", "elig_sam", "sam_date", "elig_france"] as const satisfies readonly FieldId[]).map((id) => [
        id,
        String(c.answers.fields[id]?.v ?? c.answers.fields[id]?.code ?? ""),
      ]),
    );
    const create = db.$transaction(async (tx) => {
      const row = await tx.case.create({
        data: {
          initials,
          birthDate,
          centreId: centre.id,
          answers: c.answers as object,
          computed: computeResults(c.answers, birthDate) as object,
          formVersionEntered: CURRENT_FORM_VERSION,
          formVersionSaved: CURRENT_FORM_VERSION,
          createdById: actor.id,
          updatedById: actor.id,
        },
        select: { id: true },
      });
      await appendAudit(
        tx,
        [
          {
            type: "case.created",
            actor: who,
            caseId: row.id,
            reason: source,
            data: { initials, birthDate, centreCode: centre.code, eligibility },
          },
          ...valuePaths(c.answers).map(([fieldPath, value]) => ({
            type: "case.field_changed" as const,
            actor: who,
            caseId: row.id,
            reason: source,
            fieldPath,
            oldValue: null,
            newValue: value,
          })),
        ],
        now,
      );
      return row.id;
    });
    // The dry run's duplicate check read the centre's cases before this loop: a case with the same key
    // created since (a second import, a clinician's form) is this row's refusal, not a server error.
    const id = await create.catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      reports.set(c.report.row, {
        ...c.report,
        outcome: "refused",
        errors: [{ key: "import.duplicate", params: { initials, birthDate } }],
      });
      return null;
    });
    if (id !== null) created.push({ row: c.report.row, sourceId: c.report.sourceId, id });
  }
  return { rows: cases.map((c) => reports.get(c.report.row) ?? c.report), created };
}
