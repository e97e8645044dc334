// The data in REDCap's import format, for a project built from the REDCap data
// dictionary (redcap.ts): one CSV with record_id, redcap_repeat_instrument and
// redcap_repeat_instance first, then every variable under its dictionary name
// (redcap-names.ts). Each case is one row for the non-repeating instruments,
// followed by one row per block row (instrument = the block's form, instance =
// its row number) that fills that instrument's variables only.
//
// Values as REDCap's Data Import Tool reads them: coded choices, "." decimals,
// dates YYYY-MM-DD, date-times "YYYY-MM-DD HH:MM:SS" in Paris time (the
// dictionary's field note says so), a checkbox as one 0/1 column per option
// (`<var>___<code>`); NK/ND/NAP, REDCap's project-level missing-data codes, in
// the variable itself (a checkbox: its `___nk`/`___nd`/`___nap` columns, which
// the dictionary lists as choices).
// Free text is exact (no formula guard: the file is meant for REDCap, where an
// apostrophe would become part of the data). The one CSV of the package left
// unguarded on purpose: the exports page and the package README say so, by
// name (tests/security/smaller-findings.test.ts checks both).
import { BLOCKS } from "../crf/definition";
import { CRLF, csvField } from "../csv";
import { formatNumber, type Cell } from "./cells";
import type { Column, ExportBlockRow, ExportCase } from "./column-types";
import { blockColumns, blockRowsOf, caseColumns, CODE_OPTIONS, RECORD_ID } from "./columns";
import type { ExportOptions } from "./options";
import { columnKey, redcapNameMap } from "./redcap-names";
import { parisTime } from "./time";

export const REDCAP_REPEAT_INSTRUMENT = "redcap_repeat_instrument";
export const REDCAP_REPEAT_INSTANCE = "redcap_repeat_instance";

/** A checkbox option's column: REDCap lowercases the code. */
export const checkboxColumn = (variable: string, code: string): string => `${variable}___${code.toLowerCase()}`;

/** "2026-11-20T10:00:00.000Z" → "2026-11-20 11:00:00": REDCap's date-times have no zone, the study's is Paris. */
export const redcapDateTime = (iso: string): string => parisTime(iso)?.local ?? iso.replace("T", " ").slice(0, 19);

interface ImportColumns<S> {
  readonly headers: readonly string[];
  /** The cells of these headers for one source. */
  cells(source: S): string[];
}

function valueText(column: Column<unknown>, v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return formatNumber(v);
  return column.type === "datetime" ? redcapDateTime(v) : v;
}

/** One variable's import columns: one, or one per option (and code) for a checkbox. */
function variableColumns<S>(name: string, value: Column<S>, missing: Column<S> | undefined): ImportColumns<S> {
  const code = (s: S): string => {
    const c = missing?.read(s);
    return typeof c === "string" ? c : "";
  };
  if (value.type !== "multi") {
    return {
      headers: [name],
      cells: (s) => {
        const text = valueText(value as Column<unknown>, value.read(s));
        return [text === "" ? code(s) : text];
      },
    };
  }
  const options = (value.options ?? []).map((o) => o.value);
  const codes = missing ? CODE_OPTIONS.map((o) => o.value) : [];
  return {
    headers: [...options, ...codes].map((o) => checkboxColumn(name, o)),
    cells: (s) => {
      const v = value.read(s);
      const chosen = typeof v === "string" && v !== "" ? new Set(v.split("|")) : null;
      const c = code(s);
      if (!chosen && c === "") return [...options, ...codes].map(() => "");
      return [...options.map((o) => (chosen?.has(o) ? "1" : "0")), ...codes.map((k) => (k === c ? "1" : "0"))];
    },
  };
}

/** The import columns of one table (cases or a block), in column order, named through the map. */
function tableColumns<S>(
  table: string,
  columns: readonly Column<S>[],
  names: ReadonlyMap<string, string>,
): ImportColumns<S>[] {
  const out: ImportColumns<S>[] = [];
  for (const c of columns) {
    const name = names.get(columnKey(table, c.name));
    // record_id is REDCap's own first column; a block's row_number is its instance.
    if (!name || name === RECORD_ID) continue;
    const missing =
      c.kind === "value" ? columns.find((m) => m.kind === "missing" && m.fieldId === c.fieldId) : undefined;
    out.push(variableColumns(name, c, missing));
  }
  return out;
}

export interface RedcapImportTable {
  readonly header: readonly string[];
  /** The rows of some cases (each case's row, then its block rows), as CSV text. */
  lines(cases: Iterable<ExportCase>): string;
  /** The same rows as cells (tests, XLSX). */
  rows(c: ExportCase): string[][];
}

export function redcapImportTable(options: ExportOptions): RedcapImportTable {
  const names = redcapNameMap(options);
  const cases = tableColumns("cases", caseColumns(options), names);
  const blocks = BLOCKS.map((b) => ({
    id: b.id,
    columns: tableColumns<ExportBlockRow>(b.id, blockColumns(b.id), names),
  }));
  const width = (cs: readonly ImportColumns<unknown>[]) => cs.reduce((n, c) => n + c.headers.length, 0);
  const caseWidth = width(cases as ImportColumns<unknown>[]);
  const offsets: number[] = [];
  let at = 3 + caseWidth;
  for (const b of blocks) {
    offsets.push(at);
    at += width(b.columns as ImportColumns<unknown>[]);
  }
  const total = at;
  const header = [
    RECORD_ID,
    REDCAP_REPEAT_INSTRUMENT,
    REDCAP_REPEAT_INSTANCE,
    ...cases.flatMap((c) => c.headers),
    ...blocks.flatMap((b) => b.columns.flatMap((c) => c.headers)),
  ];

  const rows = (c: ExportCase): string[][] => {
    const first = [c.id, "", "", ...cases.flatMap((col) => col.cells(c))];
    while (first.length < total) first.push("");
    const out = [first];
    blocks.forEach((b, i) => {
      for (const r of blockRowsOf(c, b.id)) {
        const row: string[] = new Array<string>(total).fill("");
        row[0] = c.id;
        row[1] = b.id;
        row[2] = String(r.number);
        let p = offsets[i]!;
        for (const col of b.columns) for (const cell of col.cells(r)) row[p++] = cell;
        out.push(row);
      }
    });
    return out;
  };

  return {
    header,
    rows,
    lines: (sources) => {
      let out = "";
      for (const c of sources) for (const row of rows(c)) out += row.map(csvField).join(",") + CRLF;
      return out;
    },
  };
}
