// REDCap variable names for the exported columns. REDCap names are
// project-wide, lowercase, start with a letter, use only a-z 0-9 _, and should
// not exceed 26 characters. They follow the exports' one naming scheme
// (names.ts, ADR 0015):
//
//   1. a top-level column keeps its cases CSV name (`ferritin_ug_l`): every
//      value, key and computed column name is already at most 26 characters;
//   2. a block column is `<block prefix>_<column>` (REDCap's names are
//      project-wide and two blocks have a `drug`), with the short prefixes of
//      REDCAP_BLOCK_PREFIXES (`tx_drug` for treatment_lines.drug), abbreviated
//      word by word when longer than 26 characters;
//   3. a name already taken gets `_2`, `_3`… (cut to fit).
import { BLOCKS } from "../crf/definition";
import type { ColumnInfo } from "./column-types";
import { blockColumns, caseColumns } from "./columns";
import { abbreviate, VARIABLE_MAX } from "./names";
import type { ExportOptions } from "./options";

export const REDCAP_NAME_MAX = VARIABLE_MAX;

export { abbreviate };

/** REDCap's form names: same alphabet; REDCap truncates the unique instrument name at 50 characters. */
export const REDCAP_FORM_MAX = 50;

/** The repeating blocks' prefixes (their ids are too long to prefix every field with). */
export const REDCAP_BLOCK_PREFIXES: Readonly<Record<string, string>> = {
  dm_treatments_before_sam: "pretx",
  infections: "inf",
  treatment_lines: "tx",
  sam_relapses: "rel",
};

/**
 * Names REDCap reserves or generates itself (`<form>_complete` is checked apart):
 * a variable may not take them.
 */
export const REDCAP_RESERVED = new Set([
  "redcap_event_name",
  "redcap_repeat_instrument",
  "redcap_repeat_instance",
  "redcap_data_access_group",
  "redcap_survey_identifier",
  "redcap_survey_timestamp",
  "redcap_survey_return_code",
  "redcap_csrf_token",
  "hidden_edit_flag",
  "event_id",
  "record",
  "arm",
  "instance",
  "new",
  "return",
  "system",
]);

/** Lowercase, a-z0-9_ only, starting with a letter. */
export function redcapSafe(name: string): string {
  const s = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return /^[a-z]/.test(s) ? s : `v_${s}`;
}

/** The prefix of a block's variables (a block the table does not know: its words' initials). */
export function redcapBlockPrefix(blockId: string): string {
  return (
    REDCAP_BLOCK_PREFIXES[blockId] ??
    redcapSafe(
      blockId
        .split("_")
        .map((w) => w[0] ?? "")
        .join(""),
    )
  );
}

/** The name a column would take before collisions are resolved (steps 1–2). */
export function preferredRedcapName(column: string, blockId?: string): string {
  const full = redcapSafe(blockId ? `${redcapBlockPrefix(blockId)}_${column}` : column);
  return full.length <= REDCAP_NAME_MAX ? full : abbreviate(full);
}

/** Where an exported column goes in REDCap. */
export interface RedcapVariable {
  /** "cases" or the block id. */
  readonly table: string;
  readonly column: ColumnInfo;
  readonly name: string;
}

/** A key for the maps below: the table and the column's name in the CSV. */
export const columnKey = (table: string, column: string): string => `${table}.${column}`;

/**
 * Every column that becomes a REDCap variable (not the `__missing` companions:
 * REDCap keeps NK/ND/NA as project missing-data codes, in the variable itself;
 * not a block's record_id and row_number: they are REDCap's record and
 * instance), with its name, in the dictionary's order of precedence.
 */
export function redcapVariables(options: ExportOptions): RedcapVariable[] {
  const taken = new Set<string>();
  const out: RedcapVariable[] = [];
  const add = (table: string, column: ColumnInfo, blockId?: string) => {
    const preferred = preferredRedcapName(column.name, blockId);
    let name = preferred;
    for (let n = 2; taken.has(name) || REDCAP_RESERVED.has(name); n++)
      name = `${preferred.slice(0, REDCAP_NAME_MAX - String(n).length - 1).replace(/_+$/, "")}_${n}`;
    taken.add(name);
    out.push({ table, column, name });
  };
  for (const c of caseColumns(options)) if (c.kind !== "missing") add("cases", c);
  for (const b of BLOCKS)
    for (const c of blockColumns(b.id)) if (c.kind === "value" || c.name === "row_id") add(b.id, c, b.id);
  return out;
}

/** `<table>.<column>` → REDCap variable name. */
export function redcapNameMap(options: ExportOptions): Map<string, string> {
  return new Map(redcapVariables(options).map((v) => [columnKey(v.table, v.column.name), v.name]));
}
