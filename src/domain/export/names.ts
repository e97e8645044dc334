// One naming scheme for every exported file (CSV, XLSX, ODM, REDCap, the
// statistics packages' syntax files), ADR 0015:
//
//   - every column of every file is at most NAME_MAX = 32 characters (SAS and
//     Stata refuse or truncate longer names; truncation makes duplicates);
//   - a field's value column is `<stem>` or `<stem>_<canonical unit>`, at most
//     VARIABLE_MAX = 26 characters: REDCap's recommended length, so that the
//     REDCap variable of a top-level field is the very same name;
//   - its companion is `<stem>__missing` (≤ 32), and a multiple choice's REDCap
//     columns `<variable>___<code>` (≤ 32) too;
//   - the stem is the field's id when all of these fit, else its entry in
//     SHORT_NAMES (hand-made, readable), else the id abbreviated word by word.
// The test over the whole definition (tests/unit/export/names.test.ts) checks
// every name of every file, and that no two are the same.
import { allowsMissingCodes } from "../crf/field-rules";
import type { FieldDef } from "../crf/types";

export const NAME_MAX = 32;
export const VARIABLE_MAX = 26;
export const MISSING_SUFFIX = "__missing";

/** The exported missing-data codes, lowercased as REDCap names a checkbox's code column. */
const CODE_SUFFIXES = ["nk", "nd", "nap"];

/** Short stems of the fields whose id makes a name too long. */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  neck_flexor_weaker_than_extensor: "neck_flexor_weak_vs_ext",
  legs_proximal_weaker_than_distal: "legs_prox_weak_vs_dist",
  biopsy_endomysial_infiltrate: "biopsy_endomys_infilt",
  biopsy_perimysial_perivascular_infiltrate: "biopsy_perimys_perivasc",
  biopsy_perifascicular_atrophy: "biopsy_perifasc_atrophy",
  haemophagocytosis_site: "haemophago_site",
};

/** A field may hold NK / ND (the user's choice) or NA (hidden by a condition). */
export function mayHoldCode(field: FieldDef): boolean {
  return allowsMissingCodes(field) || field.showIf !== undefined;
}

/** Abbreviates word by word (the longest word cut to 4 letters, again) until `name` fits in `max`, then cuts. */
export function abbreviate(name: string, max: number = VARIABLE_MAX): string {
  const words = name.split("_");
  const length = () => words.join("_").length;
  while (length() > max) {
    let longest = -1;
    for (let i = 0; i < words.length; i++)
      if (words[i]!.length > 4 && (longest === -1 || words[i]!.length > words[longest]!.length)) longest = i;
    if (longest === -1) break;
    words[longest] = words[longest]!.slice(0, 4);
  }
  return words.join("_").slice(0, max).replace(/_+$/, "");
}

const withUnit = (field: FieldDef, stem: string): string => {
  if (field.type !== "number" || !field.unit) return stem;
  return stem.endsWith(`_${field.unit.id}`) ? stem : `${stem}_${field.unit.id}`;
};

/** Every name a stem gives the field, each with its limit. */
function namesOf(field: FieldDef, stem: string): [string, number][] {
  const value = withUnit(field, stem);
  const out: [string, number][] = [[value, VARIABLE_MAX]];
  if (mayHoldCode(field)) out.push([`${stem}${MISSING_SUFFIX}`, NAME_MAX]);
  if (field.type === "multi") {
    const codes = [...field.options.map((o) => o.value.toLowerCase()), ...(mayHoldCode(field) ? CODE_SUFFIXES : [])];
    for (const code of codes) out.push([`${value}___${code}`, NAME_MAX]);
  }
  return out;
}

const fits = (field: FieldDef, stem: string): boolean =>
  namesOf(field, stem).every(([name, max]) => name.length <= max);

const stems = new Map<FieldDef, string>();

/** The stem of a field's names (cached: the definition is immutable). */
export function fieldStem(field: FieldDef): string {
  const known = stems.get(field);
  if (known) return known;
  let stem = SHORT_NAMES[field.id] ?? field.id;
  for (let max = VARIABLE_MAX; !fits(field, stem) && max > 4; max--) stem = abbreviate(field.id, max);
  stems.set(field, stem);
  return stem;
}

/** `<stem>` or `<stem>_<unit id>` (not repeated when the stem already ends with it: weight_kg). */
export function valueColumnName(field: FieldDef): string {
  return withUnit(field, fieldStem(field));
}

export function missingColumnName(field: FieldDef): string {
  return `${fieldStem(field)}${MISSING_SUFFIX}`;
}
