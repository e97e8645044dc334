// The data dictionary: every variable of the case report form, derived from the
// definition (definition.ts) and the controlled drug list (../doses), as rows,
// a Markdown document and an RFC 4180 CSV. Pure and deterministic — no I/O, no
// dates — so that the committed docs/data-dictionary.{md,csv} can be compared
// with what the code generates (scripts/generate-data-dictionary.ts, the test).
import { DOSE_UNIT_IDS, DOSE_UNITS, DRUGS, type DoseLimit, type Drug, type DoseUnitId } from "../doses";
import { csvField, toCsv } from "../csv";
import { MIN_BIRTH_DATE } from "../pseudonym-key";
import { MISSING_CODES } from "./answers";
import { CRF } from "./definition";
import { allowsMissingCodes } from "./field-rules";
import { l } from "./labels";
import { DRUG_OPTIONS } from "./sections/treatment";
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

function fieldRow(
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

// ---------------------------------------------------------------------------
// Markdown

/** A table cell: pipes escaped, line breaks as <br>. */
const cell = (s: string): string => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
const code = (s: string): string => (s === "" ? "" : `\`${s}\``);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

function rangeText(min: string, max: string): string {
  if (min !== "" && max !== "") return `${min} – ${max}`;
  if (min !== "") return `≥ ${min}`;
  if (max !== "") return `≤ ${max}`;
  return "";
}

const FIELD_HEADER = [
  "Field id",
  "Type",
  "Label (FR)",
  "Label (EN)",
  "Unit",
  "Hard limits",
  "Soft limits",
  "Values",
  "Shown if",
  "Required",
  "NK/ND",
  "Help (FR)",
  "Help (EN)",
];

function fieldTableRow(field: FieldDef, row: DictionaryRow): string[] {
  const unit = [row.unit, row.accepted_units === "" || field.type === "dose" ? "" : `also ${row.accepted_units}`]
    .filter((s) => s !== "")
    .join("\n");
  const values =
    field.type === "choice" && field.options === DRUG_OPTIONS
      ? "controlled drug list (see Drugs)"
      : [
          row.options
            .split(" | ")
            .filter((s) => s !== "")
            .join("\n"),
          row.precisions === "" ? "" : `precision: ${row.precisions}`,
          row.max_length === ""
            ? ""
            : `≤ ${row.max_length} characters${field.type === "text" && field.multiline ? ", multiline" : ""}`,
          field.type === "dose" ? "> 0, see Drugs" : "",
        ]
          .filter((s) => s !== "")
          .join("\n");
  const type = field.type === "number" && field.integer ? "number (integer)" : field.type;
  return [
    code(row.field_id),
    type,
    row.label_fr,
    row.label_en,
    unit,
    rangeText(row.hard_min, row.hard_max),
    rangeText(row.soft_min, row.soft_max),
    values,
    code(row.condition),
    row.required,
    row.missing_codes,
    row.help_fr,
    row.help_en,
  ];
}

function sectionMarkdown(section: SectionDef): string[] {
  const out: string[] = ["", `## ${section.label.en} (\`${section.id}\`)`, "", `*${section.label.fr}*`];
  let pending: string[][] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    out.push("", ...table(FIELD_HEADER, pending));
    pending = [];
  };
  section.items.forEach((item, index) => {
    if (!isBlock(item)) {
      pending.push(fieldTableRow(item, fieldRow(section.id, undefined, item)));
      return;
    }
    flush();
    out.push("", `### Repeating block \`${item.id}\`: ${item.label.en}`, "");
    out.push(
      `*${item.label.fr}* — one row per ${item.rowLabel.en.toLowerCase()} (*${item.rowLabel.fr}*), at most ${item.maxRows} rows.`,
    );
    if (item.showIf) out.push(`Shown if \`${renderCondition(item.showIf)}\`; otherwise its rows are removed.`);
    if (item.help) out.push(`Help: ${item.help.fr} / ${item.help.en}`);
    if (item.fields.some((f) => f.type === "dose")) out.push("", `Dose: ${DOSE_EXPLANATION}`);
    out.push(
      "",
      ...table(
        FIELD_HEADER,
        item.fields.map((f) => fieldTableRow(f, fieldRow(section.id, item, f))),
      ),
    );
    if (index < section.items.length - 1) out.push("", `### ${section.label.en} (continued)`);
  });
  flush();
  return out;
}

const CONVENTIONS = [
  "## Conventions",
  "",
  "- **Field ids** are the variable names of exports and analyses; they are never renamed. Fields of a repeating block (treatment lines, infections, relapses…) are listed as `<block>.<field>`: each row of the block holds one value per field.",
  "- **Labels** are given in French (the form's language) and English; options are listed as `value=French label`, the value being what is stored.",
  "- **Missing data.** Where the *NK/ND* column says so, the user may answer a missing-data code instead of a value: **NK** = not known (not in the medical file), **ND** = not done. **NA** = not applicable is never typed: the form sets it when a *Shown if* condition hides the field (a hidden repeating block loses its rows).",
  "- **Required** fields need a value or a missing-data code, when shown, before the form is submitted.",
  "- **Conditions** (*Shown if*): `a = x` (answer equals x), `a in [x, y]` (one of), `a includes x` (a multiple choice contains x), `all(…)`, `any(…)`. In a block, `<block>.<field>` is a field of the same row; a block field is also subject to its block's condition.",
  "- **Units.** Numbers are stored in the canonical unit (*Unit*). Values entered in another accepted unit are converted on entry: canonical = entered × factor (e.g. `g/L ×1.129` for triglycerides); the value and unit as entered are kept for audit. Hard and soft limits are in the canonical unit: outside the hard limits a value is refused (impossible or a unit mistake); outside the soft limits it is kept but flagged, to be confirmed.",
  "- **Partial dates.** Retrospective records often know only the month or the year. Dates are stored as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; *precision* lists those a field accepts. A partial date stands for the range of days it may be; delays are computed from it.",
  "- **Doses** are entered with a unit (`dose_unit`) among the drug's accepted units and checked against the drug table at the end of this document.",
];

/** The data dictionary as a Markdown document. */
export function dictionaryMarkdown(def: CrfDefinition = CRF): string {
  const rows = dictionaryRows(def);
  const fields = rows.filter((r) => r.type !== COMPUTED_TYPE);
  const out: string[] = [
    "# DM-SAM eCRF — data dictionary",
    "",
    "> Generated from the CRF definition (`src/domain/crf/`) and the drug list (`src/domain/doses/`) — do not edit. Run `npm run docs:dictionary` after changing them.",
    "",
    `CRF version \`${def.version}\`: ${fields.length} fields (${KEY_FIELDS.length} of the pseudonymised key, ${fields.filter((r) => r.block !== "").length} in repeating blocks) and ${def.computed.length} computed values. The same content, one row per field, is in \`data-dictionary.csv\`.`,
    "",
    ...CONVENTIONS,
  ];
  out.push(
    "",
    `## Pseudonymised key (\`${KEY_SECTION}\`)`,
    "",
    '*Clé pseudonymisée* — the only identifiers a case has (no name, address or hospital number, ever). Typed once on the "new case" screen after the eligibility questions, then read-only; exported as `initials`, `birth_date` (or the age at MAS instead) and `centre`.',
    "",
    ...table(
      FIELD_HEADER,
      KEY_FIELDS.map((f) => fieldTableRow(f, fieldRow(KEY_SECTION, undefined, f))),
    ),
  );
  for (const section of def.sections) out.push(...sectionMarkdown(section));
  out.push(
    "",
    "## Computed values",
    "",
    "Derived by the form from the fields above, exported, never typed.",
    "",
    ...table(
      ["Id", "Section", "Unit", "Label (FR)", "Label (EN)", "Formula (FR)", "Formula (EN)"],
      def.computed.map((c) => [
        code(c.id),
        c.section,
        c.unit ?? "",
        c.label.fr,
        c.label.en,
        c.formula.fr,
        c.formula.en,
      ]),
    ),
    "",
    "## Drugs",
    "",
    `Controlled drug list of \`drug\` in the treatment blocks; a drug not listed is \`other\`, specified in \`drug_other\`. ${DOSE_EXPLANATION}`,
    'A bound with alternatives ("or") holds when any of them does; bounds joined by "and" must all hold.',
    "",
    ...table(
      ["Id", "Label (FR)", "Label (EN)", "Accepted units", "Usual range", "Hard limits"],
      drugRows().map((d) => [code(d.id), d.label_fr, d.label_en, d.units, d.usual, d.hard]),
    ),
    "",
  );
  return out.join("\n");
}
