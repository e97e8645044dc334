// The data dictionary: every variable of the case report form, derived from the
// definition (definition.ts) and the controlled drug list (../doses), as rows,
// an RFC 4180 CSV (and, in data-dictionary-markdown.ts, a Markdown document). Pure and deterministic — no I/O, no
// dates — so that the committed docs/data-dictionary.{md,csv} can be compared
// with what the code generates (scripts/generate-data-dictionary.ts, the test).
import { DOSE_UNIT_IDS, DOSE_UNITS, DRUGS, type DoseLimit, type Drug, type DoseUnitId } from "../doses";
import { csvField, toCsv } from "../csv";
import { MIN_BIRTH_DATE } from "../pseudonym-key";
import { MISSING_CODES } from "./answers";
import { CRF } from "./definition";
import { allowsMissingCodes } from "./field-rules";
import { l } from "./labels";
import {
  isBlock,
  type BlockDef,
  type ComputedDef,
  type Condition,
  type CrfDefinition,
  type FieldDef,
  type Range,
  type SectionDef,
  type SectionId,
} from "./types";

export const DICTIONARY_COLUMNS = [
  "section",
  "block",
  "field_id",
  "type",
  "label_fr",
  "label_en",
  "unit",
  "accepted_units",
  "hard_min",
  "hard_max",
  "soft_min",
  "soft_max",
  "options",
  "precisions",
  "max_length",
  "condition",
  "required",
  "missing_codes",
  "help_fr",
  "help_en",
] as const;

export type DictionaryColumn = (typeof DICTIONARY_COLUMNS)[number];

/** One variable; every cell is text as it appears in the CSV ("" when not applicable). */
export type DictionaryRow = Readonly<Record<DictionaryColumn, string>>;

/** Row type of the definition's computed values. */
export const COMPUTED_TYPE = "computed";

/** Section of the pseudonymised key's fields, which are not answers of the form. */
export const KEY_SECTION = "key";

/**
 * The pseudonymised key (spec §1, pseudonym-key.ts): the only identifiers a
 * case has, typed once on "new case" and read-only afterwards. Written as
 * field definitions so that they are documented like every other field.
 */
export const KEY_FIELDS: readonly FieldDef[] = [
  {
    id: "initials",
    type: "text",
    label: l(
      "Initiales (1ʳᵉ lettre du nom + 1ʳᵉ lettre du prénom)",
      "Initials (first letter of surname + first letter of first name)",
    ),
    help: l(
      "Exactement 2 lettres A–Z ; minuscules et accents normalisés (é → E), points, espaces et tirets retirés ; chiffres, 3 lettres ou plus (un nom complet) refusés.",
      "Exactly 2 letters A–Z; lower case and accents normalised (é → E), dots, spaces and hyphens dropped; digits, 3 letters or more (a full name) refused.",
    ),
    maxLength: 2,
    missingCodes: false,
  },
  {
    id: "birth_date",
    type: "date",
    label: l("Date de naissance", "Date of birth"),
    help: l(
      `Au jour près, du ${MIN_BIRTH_DATE.split("-").reverse().join("/")} à hier. Avec les initiales et le centre, unique dans l'étude ; mêmes initiales et date dans un autre centre : doublon possible signalé au coordinateur.`,
      `To the day, from ${MIN_BIRTH_DATE} to yesterday. With the initials and the centre, unique in the study; the same initials and date in another centre are flagged to the coordinator as a possible duplicate.`,
    ),
    precisions: ["day"],
    missingCodes: false,
  },
  {
    id: "centre_code",
    type: "text",
    label: l("Code centre (3 premières lettres du centre)", "Centre code (first 3 letters of the centre)"),
    help: l(
      "3 lettres A–Z, un centre enregistré dans l'étude ; pour les cliniciens et attachés de recherche, leur propre centre, non modifiable.",
      "3 letters A–Z, a centre registered in the study; for clinicians and research assistants, their own centre, not editable.",
    ),
    maxLength: 3,
    missingCodes: false,
  },
];

export const DOSE_EXPLANATION =
  "`dose_value` is a number > 0 in the unit chosen in `dose_unit`, which must be one of the drug's accepted units (otherwise refused). " +
  "It is converted into the unit of each bound with the patient's weight and Mosteller BSA (weight_kg, height_cm): above or below a hard limit the dose is refused (a 1000-fold slip, µg/mg or mg/g); outside the usual range, without a reference range, or when a missing measure prevents the check, it is flagged, to be confirmed.";

const DOSE_HELP = l(
  "Dose dans l'unité choisie (dose_unit), parmi les unités acceptées pour le médicament ; > 0. Plages usuelles et limites par médicament : voir la table des médicaments.",
  "Dose in the unit chosen (dose_unit), among the drug's accepted units; > 0. Usual ranges and limits per drug: see the drug table.",
);

// ---------------------------------------------------------------------------
// Rendering helpers

const num = (n: number | undefined): string => (n === undefined ? "" : String(n));

function conditionText(c: Condition, ref: (field: string) => string): string {
  if ("all" in c) return `all(${c.all.map((x) => conditionText(x, ref)).join(", ")})`;
  if ("any" in c) return `any(${c.any.map((x) => conditionText(x, ref)).join(", ")})`;
  if ("equals" in c) return `${ref(c.field)} = ${c.equals}`;
  if ("in" in c) return `${ref(c.field)} in [${c.in.join(", ")}]`;
  return `${ref(c.field)} includes ${c.includes}`;
}

/** A condition as text, e.g. "cancer = yes", "all(a = x, b in [y, z])". */
export function renderCondition(c: Condition | undefined): string {
  return c === undefined ? "" : conditionText(c, (f) => f);
}

/**
 * A row field's effective condition: the block's (rows exist only while the
 * block is shown) and its own, where sibling row fields read as `<block>.<field>`
 * (a row field sees its own row first, then the rest of the record).
 */
function rowFieldCondition(block: BlockDef, field: FieldDef): string {
  const siblings = new Set(block.fields.map((f) => f.id));
  const ref = (id: string) => (siblings.has(id) ? `${block.id}.${id}` : id);
  const parts = [block.showIf, field.showIf]
    .filter((c): c is Condition => c !== undefined)
    .map((c) => conditionText(c, ref));
  return parts.length > 1 ? `all(${parts.join(", ")})` : (parts[0] ?? "");
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");

function requiredText(block: BlockDef | undefined, field: FieldDef): string {
  if (!(field.required ?? true) || field.optionalIfCoded === undefined) return yesNo(field.required ?? true);
  const other = field.optionalIfCoded;
  const ref = block?.fields.some((f) => f.id === other) ? `${block.id}.${other}` : other;
  return `yes, unless ${ref} is NK or ND`;
}

function optionsOf(field: FieldDef): string {
  switch (field.type) {
    case "yesno":
      return "yes=Oui | no=Non";
    case "choice":
    case "multi":
      return field.options.map((o) => `${o.value}=${o.label.fr}`).join(" | ");
    default:
      return "";
  }
}

export function fieldRow(
  section: SectionId | typeof KEY_SECTION,
  block: BlockDef | undefined,
  field: FieldDef,
): DictionaryRow {
  const isNumber = field.type === "number";
  const hard: Range = isNumber ? field.hard : {};
  const soft: Range = isNumber ? (field.soft ?? {}) : {};
  return {
    section,
    block: block?.id ?? "",
    field_id: block ? `${block.id}.${field.id}` : field.id,
    type: field.type,
    label_fr: field.label.fr,
    label_en: field.label.en,
    unit: isNumber ? (field.unit?.label.fr ?? "") : "",
    accepted_units: isNumber
      ? (field.altUnits ?? []).map((u) => `${u.label.fr} ×${num(u.factor)}`).join("; ")
      : field.type === "dose"
        ? "depends on the drug (see the drug table)"
        : "",
    hard_min: num(hard.min),
    hard_max: num(hard.max),
    soft_min: num(soft.min),
    soft_max: num(soft.max),
    options: optionsOf(field),
    precisions: field.type === "date" ? field.precisions.join(", ") : "",
    max_length: field.type === "text" ? String(field.maxLength) : "",
    condition: block ? rowFieldCondition(block, field) : renderCondition(field.showIf),
    required: requiredText(block, field),
    missing_codes: allowsMissingCodes(field) ? MISSING_CODES.join(", ") : "",
    help_fr: field.help?.fr ?? (field.type === "dose" ? DOSE_HELP.fr : ""),
    help_en: field.help?.en ?? (field.type === "dose" ? DOSE_HELP.en : ""),
  };
}

function computedRow(c: ComputedDef): DictionaryRow {
  return {
    section: c.section,
    block: "",
    field_id: c.id,
    type: COMPUTED_TYPE,
    label_fr: c.label.fr,
    label_en: c.label.en,
    unit: c.unit ?? "",
    accepted_units: "",
    hard_min: "",
    hard_max: "",
    soft_min: "",
    soft_max: "",
    options: "",
    precisions: "",
    max_length: "",
    condition: "",
    required: "no",
    missing_codes: "",
    help_fr: c.formula.fr,
    help_en: c.formula.en,
  };
}

function sectionRows(section: SectionDef): DictionaryRow[] {
  return section.items.flatMap((item) =>
    isBlock(item) ? item.fields.map((f) => fieldRow(section.id, item, f)) : [fieldRow(section.id, undefined, item)],
  );
}

/**
 * One row per field: the pseudonymised key, then the form in display order
 * (repeating blocks' row fields as `<block>.<field>`), then the computed values.
 */
export function dictionaryRows(def: CrfDefinition = CRF): DictionaryRow[] {
  return [
    ...KEY_FIELDS.map((f) => fieldRow(KEY_SECTION, undefined, f)),
    ...def.sections.flatMap(sectionRows),
    ...def.computed.map(computedRow),
  ];
}

// ---------------------------------------------------------------------------
// Drug table (CRF §5)

export interface DrugDictionaryRow {
  readonly id: string;
  readonly label_fr: string;
  readonly label_en: string;
  readonly units: string;
  readonly usual: string;
  readonly hard: string;
}

const unitText = (u: DoseUnitId): string => DOSE_UNITS[u].labels.fr;

/** "375 mg/m²/dose or 1000 mg/dose": a bound met by any of its alternatives. */
const limitText = (limit: DoseLimit): string => limit.map((q) => `${num(q.value)} ${unitText(q.unit)}`).join(" or ");

/** Every bound must hold: "≥ a and ≥ b". */
const boundsText = (sign: string, limits: readonly DoseLimit[]): string[] =>
  limits.map((l) => `${sign} ${limitText(l)}`);

function unitsText(drug: Drug): string {
  const all = drug.units.length === DOSE_UNIT_IDS.length && DOSE_UNIT_IDS.every((u) => drug.units.includes(u));
  return all ? "any dose unit" : drug.units.map((u) => `${unitText(u)} (${u})`).join(", ");
}

export function drugRows(): DrugDictionaryRow[] {
  return DRUGS.map((d) => ({
    id: d.id,
    label_fr: d.labels.fr,
    label_en: d.labels.en,
    units: unitsText(d),
    usual: d.ranges
      ? [...boundsText("≥", d.ranges.usualMin), ...boundsText("≤", d.ranges.usualMax)].join(" and ")
      : "no reference range (flagged)",
    hard: d.ranges ? [...boundsText("≥", d.ranges.hardMin), ...boundsText("≤", d.ranges.hardMax)].join(" and ") : "> 0",
  }));
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180)

// The app's one CSV writer (src/domain/csv.ts), re-exported for the dictionary's users.
export { csvField, toCsv };

/** The dictionary as CSV: header row, one row per field, comma-separated, CRLF line ends (UTF-8, no BOM). */
export function dictionaryCsv(def: CrfDefinition = CRF): string {
  return toCsv([DICTIONARY_COLUMNS, ...dictionaryRows(def).map((r) => DICTIONARY_COLUMNS.map((c) => r[c]))]);
}
