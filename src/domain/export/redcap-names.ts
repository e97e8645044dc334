// REDCap variable names for the exported columns. REDCap names are
// project-wide, lowercase, start with a letter, use only a-z 0-9 _, and should
// not exceed 26 characters (longer names trigger REDCap's warning and are
// truncated in some statistical packages' exports). The mapping is fixed and
// documented (columns.csv, README.txt, the dictionary's annotations):
//
//   1. a top-level column keeps its cases CSV name (`ferritin_ug_l`);
//   2. a block column is `<block prefix>_<column>`, with the short prefixes of
//      REDCAP_BLOCK_PREFIXES (`tx_drug` for treatment_lines.drug);
//   3. a name still longer than 26 characters takes its entry in
//      REDCAP_SHORT_NAMES, else is abbreviated word by word (the longest word
//      cut to 4 letters, again until it fits), then cut at 26;
//   4. a name already taken gets `_2`, `_3`… (cut to fit).
import { BLOCKS } from "../crf/definition";
import { blockColumns, caseColumns, type ColumnInfo } from "./columns";
import type { ExportOptions } from "./options";

export const REDCAP_NAME_MAX = 26;

/** REDCap's form names: same alphabet; REDCap truncates the unique instrument name at 50 characters. */
export const REDCAP_FORM_MAX = 50;

/** The repeating blocks' prefixes (their ids are too long to prefix every field with). */
export const REDCAP_BLOCK_PREFIXES: Readonly<Record<string, string>> = {
  dm_treatments_before_sam: "pretx",
  infections: "inf",
  treatment_lines: "tx",
  sam_relapses: "rel",
};

/** Hand-made short names of the columns whose name (after the prefix) is longer than 26 characters. */
export const REDCAP_SHORT_NAMES: Readonly<Record<string, string>> = {
  neck_flexor_weaker_than_extensor: "neck_flexor_weak_vs_ext",
  legs_proximal_weaker_than_distal: "legs_prox_weak_vs_distal",
  biopsy_endomysial_infiltrate: "biopsy_endomysial_infilt",
  biopsy_perimysial_perivascular_infiltrate: "biopsy_perimys_perivasc",
  biopsy_perifascicular_atrophy: "biopsy_perifasc_atrophy",
  delay_cancer_to_dm_diag_days: "delay_cancer_dm_diag_days",
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

/** Abbreviates word by word until `name` fits in `max` characters, then cuts. */
export function abbreviate(name: string, max = REDCAP_NAME_MAX): string {
  const words = name.split("_");
  const length = () => words.join("_").length;
  while (length() > max) {
    let longest = -1;
    for (let i = 0; i < words.length; i++) if (words[i]!.length > 4 && (longest === -1 || words[i]!.length > words[longest]!.length)) longest = i;
    if (longest === -1) break;
    words[longest] = words[longest]!.slice(0, 4);
  }
  return words.join("_").slice(0, max).replace(/_+$/, "");
}

/** The prefix of a block's variables (a block the table does not know: its words' initials). */
export function redcapBlockPrefix(blockId: string): string {
  return REDCAP_BLOCK_PREFIXES[blockId] ?? redcapSafe(blockId.split("_").map((w) => w[0] ?? "").join(""));
}

/** The name a column would take before collisions are resolved (steps 1–3). */
export function preferredRedcapName(column: string, blockId?: string): string {
  const full = redcapSafe(blockId ? `${redcapBlockPrefix(blockId)}_${column}` : column);
  if (full.length <= REDCAP_NAME_MAX) return full;
  const short = REDCAP_SHORT_NAMES[column];
  if (short) return blockId ? abbreviate(`${redcapBlockPrefix(blockId)}_${short}`) : short;
  return abbreviate(full);
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
    for (let n = 2; taken.has(name) || REDCAP_RESERVED.has(name); n++) name = `${preferred.slice(0, REDCAP_NAME_MAX - String(n).length - 1).replace(/_+$/, "")}_${n}`;
    taken.add(name);
    out.push({ table, column, name });
  };
  for (const c of caseColumns(options)) if (c.kind !== "missing") add("cases", c);
  for (const b of BLOCKS) for (const c of blockColumns(b.id)) if (c.kind === "value" || c.name === "row_id") add(b.id, c, b.id);
  return out;
}

/** `<table>.<column>` → REDCap variable name. */
export function redcapNameMap(options: ExportOptions): Map<string, string> {
  return new Map(redcapVariables(options).map((v) => [columnKey(v.table, v.column.name), v.name]));
}
