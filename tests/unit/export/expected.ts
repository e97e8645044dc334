// What an export must contain, worked out from the stored data itself (the
// answers and Case.computed as JSON) rather than through the export code, so
// that the tests compare the files with the database. Also small readers of
// what the tests parse back (ZIP entries, XLSX sheets).
import { inflateRawSync } from "node:zlib";
import type ExcelJS from "exceljs";
import type { FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import type { FieldDef } from "@/domain/crf/types";

/** A stored code as exported: NA ("hidden by a condition") is NAP, which no analysis tool reads as missing. */
export const exportedCode = (code: string): string => (code === "NA" ? "NAP" : code);

/** Free text a spreadsheet would run, written out here apart from the export's own rule (cells.ts). */
export function wouldRun(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true;
  if (!/^[+-]/.test(text) || /^[+-]\s*\d+([.,]\d+)?$/.test(text)) return false;
  const rest = text.slice(1);
  return (
    /[A-Za-z_]\(/.test(rest) ||
    /\|/.test(rest) ||
    /[\w'\]]!/.test(rest) ||
    (!/\s/.test(rest) && /[\w)$][-+*/^&=<>][\w($]/.test(rest))
  );
}

/** The value and code cells of one answer as CSV text; `csv` adds the formula guard free text gets in CSV files. */
export function expectedCells(
  field: FieldDef,
  a: FieldAnswer | undefined,
  csv = true,
): { value: string; code: string } {
  if (!a) return { value: "", code: "" };
  if (a.code) return { value: "", code: exportedCode(a.code) };
  if (a.v === undefined) return { value: "", code: "" };
  if (Array.isArray(a.v)) {
    const order = "options" in field ? field.options.map((o) => o.value) : [];
    return { value: [...a.v].sort((x, y) => order.indexOf(x) - order.indexOf(y)).join("|"), code: "" };
  }
  const text = String(a.v);
  return { value: csv && field.type === "text" && wouldRun(text) ? `'${text}` : text, code: "" };
}

/** A typed XLSX cell as exceljs reads it back: numbers, Dates for full dates, text otherwise; null when empty. */
export type XlsxValue = string | number | Date | null;

/** The XLSX value cell of one answer (no formula guard: the workbook carries the exact text). */
export function expectedXlsx(field: FieldDef, a: FieldAnswer | undefined): { value: XlsxValue; code: XlsxValue } {
  if (!a || a.code || a.v === undefined) return { value: null, code: a?.code ? exportedCode(a.code) : null };
  if (field.type === "number" || field.type === "dose")
    return { value: typeof a.v === "number" ? a.v : Number(a.v), code: null };
  if (field.type === "date" && field.precisions.length === 1 && field.precisions[0] === "day")
    return { value: new Date(`${String(a.v)}T00:00:00Z`), code: null };
  // A workbook's line breaks are LF (Excel's own), and it cannot hold XML's forbidden characters.
  // eslint-disable-next-line no-control-regex
  return {
    value: expectedCells(field, a, false)
      .value.replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ""),
    code: null,
  };
}

type Json = Record<string, unknown> | null | undefined;
const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((x, k) => (x && typeof x === "object" ? (x as Record<string, unknown>)[k] : undefined), o);
const yn = (b: unknown) => (b === true ? "yes" : b === false ? "no" : null);
const some = (v: unknown) => (v === undefined || v === null ? null : (v as string | number));

/** Every computed column, read from Case.computed as stored (JSON), by its own path. */
export const COMPUTED_FROM_JSON: Readonly<Record<string, (c: Json) => string | number | null>> = {
  age_at_dm_onset: (c) => some(at(c, "age_at_dm_onset")),
  age_at_dm_diag: (c) => some(at(c, "age_at_dm_diag")),
  juvenile_dm: (c) => yn(at(c, "juvenile_dm")),
  age_at_sam: (c) => some(at(c, "age_at_sam")),
  bsa_m2: (c) => some(at(c, "bsa_m2")),
  delay_dm_diag_to_sam_days: (c) => some(at(c, "delay_dm_diag_to_sam_days")),
  delay_cancer_dm_diag_days: (c) => some(at(c, "delay_cancer_to_dm_diag_days")),
  paraneoplastic_window: (c) => yn(at(c, "paraneoplastic_window")),
  followup_days: (c) => some(at(c, "followup_days")),
  eular_acr_model: (c) => some(at(c, "eular_acr_2017", "model")),
  eular_acr_complete: (c) => yn(at(c, "eular_acr_2017", "complete")),
  eular_acr_score: (c) => some(at(c, "eular_acr_2017", "score")),
  eular_acr_score_min: (c) => some(at(c, "eular_acr_2017", "range", "min", "score")),
  eular_acr_score_max: (c) => some(at(c, "eular_acr_2017", "range", "max", "score")),
  eular_acr_probability: (c) => some(at(c, "eular_acr_2017", "probability")),
  eular_acr_probability_min: (c) => some(at(c, "eular_acr_2017", "range", "min", "probability")),
  eular_acr_probability_max: (c) => some(at(c, "eular_acr_2017", "range", "max", "probability")),
  eular_acr_class: (c) => some(at(c, "eular_acr_2017", "class")),
  eular_acr_subgroup: (c) => some(at(c, "eular_acr_2017", "subgroup")),
  hscore_min: (c) => some(at(c, "hscore", "total", "min")),
  hscore_max: (c) => some(at(c, "hscore", "total", "max")),
  hscore_complete: (c) => yn(at(c, "hscore", "complete")),
  hscore_probability_min_pct: (c) => some(at(c, "hscore", "probability", "min", "percent")),
  hscore_probability_max_pct: (c) => some(at(c, "hscore", "probability", "max", "percent")),
  hscore_ge_169: (c) => some(at(c, "hscore", "atLeast169")),
  hlh_2004_met: (c) => some(at(c, "hlh_2004", "metCount")),
  hlh_2004_unknown: (c) => some(at(c, "hlh_2004", "unknownCount")),
  hlh_2004_fulfilled: (c) => some(at(c, "hlh_2004", "fulfilled")),
  mas_2016_result: (c) => some(at(c, "mas_2016", "result")),
};

/** Case.computed as the exports read it: the stored JSON, recomputed when incomplete (a case saved before it existed). */
export function storedComputed(
  stored: unknown,
  answers: Parameters<typeof computeResults>[0],
  birthDate: string,
): Json {
  const s = stored as Json;
  if (s && typeof s === "object" && s.hscore && s.eular_acr_2017 && s.hlh_2004 && s.mas_2016 && "age_at_sam" in s)
    return s;
  return JSON.parse(JSON.stringify(computeResults(answers, birthDate))) as Json;
}

/** The entries of a ZIP file (stored or deflated; what yazl writes). */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("bad ZIP central directory");
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

/** A worksheet as its header and rows of plain values (empty cells null, rich text joined). */
export function sheetTable(ws: ExcelJS.Worksheet): { header: string[]; rows: XlsxValue[][] } {
  const width = ws.getRow(1).cellCount;
  const plain = (v: ExcelJS.CellValue): XlsxValue => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "number" || v instanceof Date) return v;
    if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
    throw new Error(`unexpected XLSX cell ${JSON.stringify(v)}`);
  };
  const all: XlsxValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    all.push(Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value)));
  });
  const [header, ...rows] = all;
  return { header: (header ?? []).map(String), rows };
}
