// What the statistics packages' syntax files load: the package's CSV tables
// (cases, then each repeating block) with the column model — names, types,
// labels and coded values — and how wide a text column can be.
import { BLOCKS } from "../../crf/definition";
import type { ColumnInfo } from "../column-types";
import { blockColumns, caseColumns } from "../columns";
import type { ExportOptions } from "../options";

export interface StatsTable {
  /** Data set name: "cases" or the block id (at most 32 characters). */
  readonly name: string;
  readonly file: string;
  readonly columns: readonly ColumnInfo[];
}

export function statsTables(options: ExportOptions): StatsTable[] {
  return [
    { name: "cases", file: "cases.csv", columns: caseColumns(options) },
    ...BLOCKS.map((b) => ({ name: b.id, file: `${b.id}.csv`, columns: blockColumns(b.id) })),
  ];
}

/** Free text without a declared length, identifiers (cuid: 25), partial dates, ISO date-times. */
const DEFAULT_TEXT = 4000;

/** The longest text a column can hold, in bytes of UTF-8 (syntax files declare string widths; 4 bytes a character at most). */
export function textWidth(c: ColumnInfo): number {
  if (c.options?.length) {
    const longest = Math.max(...c.options.map((o) => o.value.length));
    return c.type === "multi" ? c.options.reduce((n, o) => n + o.value.length + 1, 0) : Math.max(longest, 1);
  }
  if (c.field?.type === "text") return Math.min(c.field.maxLength * 4, 32767);
  if (c.type === "partialDate" || c.type === "date") return 10;
  if (c.type === "datetime") return 30;
  if (c.name === "record_id" || c.name === "row_id") return 64;
  if (c.name === "centre_code") return 3;
  if (c.name === "initials") return 2;
  return DEFAULT_TEXT;
}

/** Whether the syntax files turn the column's codes into numbered value labels (a single choice with options). */
export const isLabelled = (c: ColumnInfo): boolean => c.type === "choice" && (c.options?.length ?? 0) > 0;

/** The label in the chosen language, on one line. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();
