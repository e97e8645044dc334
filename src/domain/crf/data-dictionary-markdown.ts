// The data dictionary as a Markdown document (docs/data-dictionary.md): the rows of data-dictionary.ts
// laid out per section, with the conventions and the drug list. Pure and deterministic like its rows.
import {
  COMPUTED_TYPE,
  DOSE_EXPLANATION,
  type DictionaryRow,
  dictionaryRows,
  drugRows,
  fieldRow,
  KEY_FIELDS,
  KEY_SECTION,
  renderCondition,
} from "./data-dictionary";
import { CRF } from "./definition";
import { DRUG_OPTIONS } from "./sections/treatment";
import { isBlock, type CrfDefinition, type FieldDef, type SectionDef } from "./types";

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
