// Bulk import of cases from this app's wide export format: the cases table
// (cases.csv, or the XLSX "cases" sheet) and, optionally, each repeating
// block's table keyed by record_id. Every cell is read back through the same
// column model the export writes (columns.ts, names.ts): value columns,
// `__missing` companions (NK, ND, NAP → NA), multiple choices joined by "|",
// CSV free text with its formula guard removed. Key and computed columns other
// than the pseudonymised key are ignored: status, record_id and scores are the
// importing study's own. Pure: the server decides what is written (imports.server.ts).
import type { AnswerCode, BlockRow, CaseAnswers, FieldAnswer } from "../crf/answers";
import { checkRecord } from "../crf/check-record";
import { BLOCKS, TOP_LEVEL_FIELDS } from "../crf/definition";
import { parseAnswerPath, rowFieldPath } from "../crf/field-path";
import type { FieldDef } from "../crf/types";
import { applyConditions } from "../crf/visibility";
import type { MessageRef } from "../messages";
import { guardFreeText } from "../identifier-guard";
import { MULTI_SEPARATOR, needsFormulaGuard } from "../export/cells";
import { EXPORT_CODES } from "../export/columns";
import { mayHoldCode, missingColumnName, valueColumnName } from "../export/names";

/** A table as read from a file: its rows, each cell as text keyed by its header. */
export type ImportRow = Readonly<Record<string, string>>;

export interface ImportTables {
  readonly cases: readonly ImportRow[];
  /** Block id → rows (each with record_id and row_number). */
  readonly blocks: Readonly<Record<string, readonly ImportRow[]>>;
}

export type FieldOutcome = "created" | "refused" | "flagged";

export interface FieldReport {
  /** "ferritin", or "treatment_lines.<row number>.dose_value". */
  readonly path: string;
  readonly outcome: FieldOutcome;
  readonly messages: readonly MessageRef[];
}

export interface RowReport {
  /** 1-based data row of the cases table (the header is row 0). */
  readonly row: number;
  readonly sourceId: string;
  readonly initials: string;
  readonly birthDate: string;
  /** Created when nothing is refused; refused rows are listed, never written. */
  readonly outcome: "created" | "refused";
  /** Refusals of the row itself (key, duplicate). */
  readonly errors: readonly MessageRef[];
  readonly fields: readonly FieldReport[];
}

/** What an import run answers: every row's report and, once confirmed, the cases created. */
export interface ImportOutcome {
  readonly rows: readonly RowReport[];
  /** The cases created (confirmed runs only), by their row in the file. */
  readonly created: readonly { readonly row: number; readonly sourceId: string; readonly id: string }[];
}

export interface ImportedCase {
  readonly report: RowReport;
  readonly answers: CaseAnswers;
}

const CODES: Readonly<Record<string, AnswerCode>> = Object.fromEntries(
  Object.entries(EXPORT_CODES).map(([stored, exported]) => [exported, stored as AnswerCode]),
);

const optionsOf = (f: FieldDef): readonly string[] =>
  f.type === "yesno" ? ["yes", "no"] : f.type === "choice" || f.type === "multi" ? f.options.map((o) => o.value) : [];

/** CSV free text carries a leading ' before what a spreadsheet would run: removed, exactly as added. */
const unguard = (text: string): string =>
  text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;

/** One answer from its value and code cells; a refusal names the rule. */
function readAnswer(f: FieldDef, value: string, code: string): { answer?: FieldAnswer; refusal?: MessageRef } {
  const params = { field: f.label, value: value || code };
  if (code !== "") {
    const stored = CODES[code];
    if (!stored || !mayHoldCode(f)) return { refusal: { key: "import.unknownCode", params } };
    if (value !== "") return { refusal: { key: "crf.answer.valueAndCode", params: { field: f.label } } };
    return { answer: { code: stored } };
  }
  if (value === "") return {};
  switch (f.type) {
    case "number":
    case "dose": {
      const n = Number(value);
      return Number.isFinite(n) && value.trim() !== ""
        ? { answer: { v: n } }
        : { refusal: { key: "import.notANumber", params } };
    }
    case "yesno":
    case "choice":
      return optionsOf(f).includes(value)
        ? { answer: { v: value } }
        : { refusal: { key: "import.unknownCode", params } };
    case "multi": {
      const chosen = value.split(MULTI_SEPARATOR);
      return chosen.every((v) => optionsOf(f).includes(v))
        ? { answer: { v: chosen } }
        : { refusal: { key: "import.unknownCode", params } };
    }
    case "date":
      return { answer: { v: value } };
    case "text":
      return { answer: { v: unguard(value) } };
  }
}

interface Reader {
  answers: Record<string, FieldAnswer>;
  fields: FieldReport[];
}

function readFields(fields: readonly FieldDef[], row: ImportRow, pathOf: (f: FieldDef) => string, into: Reader): void {
  for (const f of fields) {
    const { answer, refusal } = readAnswer(
      f,
      row[valueColumnName(f)] ?? "",
      mayHoldCode(f) ? (row[missingColumnName(f)] ?? "") : "",
    );
    if (refusal) into.fields.push({ path: pathOf(f), outcome: "refused", messages: [refusal] });
    if (!answer) continue;
    into.answers[f.id] = answer;
    // Free text must not carry a direct identifier (spec §9), as in the form.
    if (f.type === "text" && typeof answer.v === "string") {
      const guard = guardFreeText(answer.v, f.maxLength);
      if (!guard.ok) into.fields.push({ path: pathOf(f), outcome: "refused", messages: guard.issues });
    }
  }
}

/** The block rows of one case, in row_number order; their ids kept (a stable row id is the audit trail's). */
function readBlocks(tables: ImportTables, sourceId: string, into: Reader): Record<string, BlockRow[]> {
  const blocks: Record<string, BlockRow[]> = {};
  for (const b of BLOCKS) {
    const rows = (tables.blocks[b.id] ?? [])
      .filter((r) => r.record_id === sourceId)
      .sort((x, y) => Number(x.row_number) - Number(y.row_number));
    if (!rows.length) continue;
    blocks[b.id] = rows.map((r, i) => {
      const reader: Reader = { answers: {}, fields: into.fields };
      readFields(b.fields, r, (f) => rowFieldPath(b.id, String(i + 1), f.id), reader);
      const id = /^[A-Za-z0-9_-]{1,64}$/.test(r.row_id ?? "") ? r.row_id! : `import-${i + 1}`;
      return { id, values: reader.answers };
    });
  }
  return blocks;
}

/** Row paths as the report names them: block rows by number, not by id. */
function reportPath(path: string, answers: CaseAnswers): string {
  const p = parseAnswerPath(path);
  if (p?.kind !== "rowField") return path;
  const n = (answers.blocks[p.block] ?? []).findIndex((r) => r.id === p.rowId);
  return rowFieldPath(p.block, String(n + 1), p.field);
}

/**
 * Every case of the tables with what would happen to each field: created,
 * refused (an unknown code, a number that is none, a hard limit, an
 * identifier in free text) or flagged (a soft limit, kept). `keyErrors` gives
 * the refusals of a row's key (checked by the server: format, duplicates).
 */
export function readImport(
  tables: ImportTables,
  today: string,
  keyErrors: (row: ImportRow) => MessageRef[],
): ImportedCase[] {
  return tables.cases.map((row, i) => {
    const sourceId = row.record_id ?? "";
    const reader: Reader = { answers: {}, fields: [] };
    readFields(TOP_LEVEL_FIELDS, row, (f) => f.id, reader);
    const blocks = readBlocks(tables, sourceId, reader);
    const birthDate = row.birth_date ?? "";
    // What the form would store: fields hidden by a condition become NA.
    const answers = applyConditions({ fields: reader.answers, blocks });
    const refusedPaths = new Set(reader.fields.map((f) => f.path));
    for (const issue of checkRecord(answers, { today, birthDate })) {
      const path = reportPath(issue.path, answers);
      if (refusedPaths.has(path) && issue.level === "error") continue;
      reader.fields.push({
        path,
        outcome: issue.level === "error" ? "refused" : "flagged",
        messages: [{ key: issue.key, ...(issue.params ? { params: issue.params } : {}) }],
      });
    }
    const errors = keyErrors(row);
    const refused = errors.length > 0 || reader.fields.some((f) => f.outcome === "refused");
    const flagged = new Set(reader.fields.map((f) => f.path));
    const created = Object.keys(answers.fields)
      .filter((id) => !flagged.has(id))
      .map((path): FieldReport => ({ path, outcome: "created", messages: [] }));
    return {
      answers,
      report: {
        row: i + 1,
        sourceId,
        initials: row.initials ?? "",
        birthDate,
        outcome: refused ? "refused" : "created",
        errors,
        fields: [...reader.fields, ...created],
      },
    };
  });
}
