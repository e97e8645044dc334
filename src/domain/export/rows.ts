// Row builders: a case (or a block row) through the column model, as typed
// cells (XLSX) or CSV text; and the "columns" codebook describing each column.
import { BLOCKS } from "../crf/definition";
import { CRLF, csvField, csvLine } from "../csv";
import type { OptionDef } from "../crf/types";
import { cellText } from "./cells";
import type { Column, ColumnInfo, ExportBlockRow, ExportCase } from "./column-types";
import { blockColumns, blockRowsOf, caseColumns, RECORD_ID } from "./columns";
import { REDCAP_REPEAT_INSTANCE } from "./redcap-data";
import { columnKey, redcapNameMap } from "./redcap-names";
import type { ExportOptions } from "./options";
import type { Locale } from "../locale";

export const textsOf = <S>(columns: readonly Column<S>[], source: S): string[] =>
  columns.map((c) => cellText(c.read(source), c.freeText === true));

export const headerLine = (columns: readonly ColumnInfo[]): string => csvLine(columns.map((c) => c.name));

/** A case as CSV cells (one per column of caseColumns(options)). */
export function caseRow(
  c: ExportCase,
  options: ExportOptions,
  columns: readonly Column<ExportCase>[] = caseColumns(options),
): string[] {
  return textsOf(columns, c);
}

/** A case's rows of one block as CSV cells (possibly none). */
export function blockRows(
  c: Pick<ExportCase, "id" | "answers">,
  blockId: string,
  columns: readonly Column<ExportBlockRow>[] = blockColumns(blockId),
): string[][] {
  return blockRowsOf(c, blockId).map((r) => textsOf(columns, r));
}

/** Writers of CSV text, header first, then rows appended batch by batch. */
export interface CsvTable<S> {
  readonly header: string;
  lines(sources: Iterable<S>): string;
}

function table<S>(columns: readonly Column<S>[]): CsvTable<S> {
  const guarded = columns.map((c) => c.freeText === true);
  return {
    header: headerLine(columns),
    // The hot loop of every CSV export: one string per record, no intermediate arrays.
    lines: (sources) => {
      let out = "";
      for (const s of sources) {
        let line = "";
        for (let i = 0; i < columns.length; i++)
          line += (i ? "," : "") + csvField(cellText(columns[i]!.read(s), guarded[i]));
        out += line + CRLF;
      }
      return out;
    },
  };
}

export const casesTable = (options: ExportOptions): CsvTable<ExportCase> => table(caseColumns(options));

export function blockTable(blockId: string): CsvTable<ExportCase> {
  const t = table(blockColumns(blockId));
  function* rows(cases: Iterable<ExportCase>) {
    for (const c of cases) yield* blockRowsOf(c, blockId);
  }
  return { header: t.header, lines: (cases) => t.lines(rows(cases)) };
}

// ---------------------------------------------------------------------------
// The columns codebook: what each exported column is (columns.csv, XLSX sheet)

export const CODEBOOK_COLUMNS = [
  "table",
  "column",
  "kind",
  "type",
  "field_id",
  "unit",
  "options",
  "label_fr",
  "label_en",
  "redcap_variable",
  "value_labels_fr",
  "value_labels_en",
] as const;

/** Every coded value with its label: "code = label | code = label" (a "|" in a label becomes "/"). */
export const valueLabels = (options: readonly OptionDef[] | undefined, lang: Locale): string =>
  (options ?? []).map((o) => `${o.value} = ${o.label[lang].replace(/\|/g, "/")}`).join(" | ");

/** The REDCap variable (or import column) that holds a CSV column's values; the codes of a `__missing` column go in its field's variable. */
function redcapOf(
  tableName: string,
  c: ColumnInfo,
  names: ReadonlyMap<string, string>,
  columns: readonly ColumnInfo[],
): string {
  if (tableName !== "cases" && c.name === RECORD_ID) return RECORD_ID;
  if (tableName !== "cases" && c.name === "row_number") return REDCAP_REPEAT_INSTANCE;
  const source = c.kind === "missing" ? columns.find((v) => v.kind === "value" && v.fieldId === c.fieldId) : c;
  return source ? (names.get(columnKey(tableName, source.name)) ?? "") : "";
}

function codebookRow(tableName: string, c: ColumnInfo, redcap: string): string[] {
  return [
    tableName,
    c.name,
    c.kind,
    c.type,
    c.fieldId ? (c.blockId ? `${c.blockId}.${c.fieldId}` : c.fieldId) : "",
    c.unit?.label ?? "",
    (c.options ?? []).map((o) => o.value).join(" | "),
    c.label.fr,
    c.label.en,
    redcap,
    valueLabels(c.options, "fr"),
    valueLabels(c.options, "en"),
  ];
}

/** One row per column of every table: cases, then each block. */
export function codebookRows(options: ExportOptions): string[][] {
  const names = redcapNameMap(options);
  const table = (name: string, columns: readonly ColumnInfo[]) =>
    columns.map((c) => codebookRow(name, c, redcapOf(name, c, names, columns)));
  return [...table("cases", caseColumns(options)), ...BLOCKS.flatMap((b) => table(b.id, blockColumns(b.id)))];
}
