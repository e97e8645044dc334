// REDCap's import format (what redcap-data.ts writes and REDCap exports) read
// back into the wide format's tables, so that the one import reader
// (wide-import.ts) checks it: each variable becomes its CSV column (through
// the same name map), a missing-data code in a variable goes to the column's
// `__missing` companion, a checkbox's `___<code>` columns become one "|"-joined
// cell (or the code), and each repeating instance a block row.
import { MULTI_SEPARATOR } from "../export/cells";
import { CODE_OPTIONS, RECORD_ID } from "../export/columns";
import { missingColumnName } from "../export/names";
import type { ExportOptions } from "../export/options";
import { checkboxColumn, REDCAP_REPEAT_INSTANCE, REDCAP_REPEAT_INSTRUMENT } from "../export/redcap-data";
import { redcapVariables } from "../export/redcap-names";
import type { ImportRow, ImportTables } from "./wide-import";

const CODES = CODE_OPTIONS.map((o) => o.value);

/** Whether a table's header is REDCap's import format. */
export const isRedcapHeader = (header: readonly string[]): boolean =>
  header[0] === RECORD_ID && header[1] === REDCAP_REPEAT_INSTRUMENT && header[2] === REDCAP_REPEAT_INSTANCE;

export function tablesFromRedcap(rows: readonly ImportRow[], options: ExportOptions): ImportTables {
  const variables = redcapVariables(options);
  const convert = (row: ImportRow, table: string): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const v of variables.filter((x) => x.table === table)) {
      const c = v.column;
      const missing = c.field ? missingColumnName(c.field) : undefined;
      if (c.type === "multi") {
        const options = (c.options ?? []).map((o) => o.value);
        const ticked = (code: string) => row[checkboxColumn(v.name, code)] === "1";
        const code = CODES.find(ticked);
        if (code && missing) out[missing] = code;
        else out[c.name] = options.filter(ticked).join(MULTI_SEPARATOR);
        continue;
      }
      const value = row[v.name] ?? "";
      if (missing && CODES.includes(value)) out[missing] = value;
      else out[c.name] = value;
    }
    return out;
  };
  const cases: ImportRow[] = [];
  const blocks: Record<string, ImportRow[]> = {};
  for (const row of rows) {
    const instrument = row[REDCAP_REPEAT_INSTRUMENT] ?? "";
    const id = row[RECORD_ID] ?? "";
    if (instrument === "") cases.push({ ...convert(row, "cases"), [RECORD_ID]: id });
    else
      (blocks[instrument] ??= []).push({
        ...convert(row, instrument),
        [RECORD_ID]: id,
        row_number: row[REDCAP_REPEAT_INSTANCE] ?? "",
      });
  }
  return { cases, blocks };
}
