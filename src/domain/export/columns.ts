// The column model of the exports, derived from the form's definition — never
// from the data, so that every file of every batch has the same columns:
//
//   cases:  key columns, then for each top-level field its value column
//           (`<stem>` or `<stem>_<canonical unit>`) and, when the field can
//           hold a code, its `<stem>__missing` companion; then computed values.
//           The stem is the field's id unless a name would be too long (names.ts).
//   blocks: record_id, row_number, row_id, then the block's row fields alike.
//
// A value column holds only values: numbers stay numbers, dates stay ISO dates;
// NK / ND / NAP go in the companion. A multiple choice is one "|"-joined cell.
import { hasValue, type AnswerCode, type FieldAnswer } from "../crf/answers";
import { blockById, TOP_LEVEL_FIELDS } from "../crf/definition";
import { l, opt, YES_NO } from "../crf/labels";
import type { FieldDef, Localised, OptionDef } from "../crf/types";
import { CASE_STATUSES } from "../lifecycle";
import { MULTI_SEPARATOR, type Cell } from "./cells";
import type { Column, ColumnInfo, ColumnType, ExportBlockRow, ExportCase } from "./column-types";
import { computedColumns } from "./computed-columns";
import { mayHoldCode, missingColumnName, valueColumnName } from "./names";
import type { ExportOptions } from "./options";

export type { Column, ColumnInfo, ExportBlockRow, ExportCase } from "./column-types";
export { mayHoldCode, valueColumnName } from "./names";

/**
 * The missing-data codes as exported. The form stores NA for "hidden by a
 * condition", but pandas, R (read.csv, readr) and Excel readers take the text
 * "NA" for a missing value: exported, it is NAP ("not applicable"), which no
 * analysis tool reads as missing. NK and ND are exported as stored.
 */
export const EXPORT_CODES: Readonly<Record<AnswerCode, string>> = { NK: "NK", ND: "ND", NA: "NAP" };

export const CODE_OPTIONS: readonly OptionDef[] = [
  opt("NK", "Non renseigné dans le dossier", "Not known (not in the medical file)"),
  opt("ND", "Non réalisé", "Not done"),
  opt(
    EXPORT_CODES.NA,
    "Non applicable (champ masqué par une condition)",
    "Not applicable (field hidden by a condition)",
  ),
];

const STATUS_LABELS: Readonly<Record<(typeof CASE_STATUSES)[number], Localised>> = {
  DRAFT: l("Brouillon", "Draft"),
  SUBMITTED: l("Soumis (signé)", "Submitted (signed)"),
  QUERIED: l("En query", "Queried"),
  VALIDATED: l("Validé", "Validated"),
  LOCKED: l("Verrouillé", "Locked"),
};

export const STATUS_OPTIONS: readonly OptionDef[] = CASE_STATUSES.map((s) =>
  opt(s, STATUS_LABELS[s].fr, STATUS_LABELS[s].en),
);

// ---------------------------------------------------------------------------
// Field columns

function typeOf(field: FieldDef): ColumnType {
  switch (field.type) {
    case "yesno":
    case "choice":
      return "choice";
    case "multi":
      return "multi";
    case "number":
      return field.integer ? "integer" : "decimal";
    case "dose":
      return "decimal";
    case "date":
      return field.precisions.length === 1 && field.precisions[0] === "day" ? "date" : "partialDate";
    case "text":
      return "text";
  }
}

const optionsOf = (field: FieldDef): readonly OptionDef[] | undefined =>
  field.type === "yesno" ? YES_NO : field.type === "choice" || field.type === "multi" ? field.options : undefined;

function numeric(v: unknown): Cell {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : typeof v === "string" ? v : null;
}

/** The value cell of an answer: empty when it holds a code or nothing. */
export function valueCell(field: FieldDef, a: FieldAnswer | undefined): Cell {
  if (!hasValue(a)) return null;
  const v = a.v;
  if (field.type === "number" || field.type === "dose") return numeric(v);
  if (Array.isArray(v)) {
    // Definition order, whatever the order of the clicks; unknown values last.
    const order = (optionsOf(field) ?? []).map((o) => o.value);
    const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length);
    return [...v].sort((a, b) => rank(a) - rank(b)).join(MULTI_SEPARATOR);
  }
  return typeof v === "string" ? v : String(v);
}

export const codeCell = (a: FieldAnswer | undefined): Cell => (a?.code ? EXPORT_CODES[a.code] : null);

function fieldColumns<S>(
  field: FieldDef,
  answerOf: (source: S) => FieldAnswer | undefined,
  blockId?: string,
): Column<S>[] {
  const unit = field.type === "number" && field.unit ? { id: field.unit.id, label: field.unit.label.fr } : undefined;
  const base = { fieldId: field.id, field, ...(blockId ? { blockId } : {}) };
  const value: Column<S> = {
    ...base,
    name: valueColumnName(field),
    kind: "value",
    type: typeOf(field),
    label: field.label,
    ...(unit ? { unit } : {}),
    ...(optionsOf(field) ? { options: optionsOf(field) } : {}),
    freeText: field.type === "text",
    read: (s) => valueCell(field, answerOf(s)),
  };
  if (!mayHoldCode(field)) return [value];
  const missing: Column<S> = {
    ...base,
    name: missingColumnName(field),
    kind: "missing",
    type: "choice",
    label: l(`${field.label.fr} : code de donnée manquante`, `${field.label.en}: missing-data code`),
    options: CODE_OPTIONS,
    read: (s) => codeCell(answerOf(s)),
  };
  return [value, missing];
}

// ---------------------------------------------------------------------------
// Cases

export const RECORD_ID = "record_id";
export const AGE_AT_SAM = "age_at_sam";

function keyColumns(options: ExportOptions): Column<ExportCase>[] {
  const key = (
    name: string,
    type: ColumnType,
    label: Localised,
    read: (c: ExportCase) => Cell,
    extra: Partial<ColumnInfo> = {},
  ): Column<ExportCase> => ({
    name,
    kind: "key",
    type,
    label,
    read,
    ...extra,
  });
  return [
    key(RECORD_ID, "text", l("Identifiant du dossier", "Record id"), (c) => c.id),
    // Named as the data dictionary's key fields (centre_code, initials, birth_date).
    key("centre_code", "text", l("Code du centre", "Centre code"), (c) => c.centreCode, { fieldId: "centre_code" }),
    key("initials", "text", l("Initiales", "Initials"), (c) => c.initials, { fieldId: "initials" }),
    options.ageInsteadOfBirthDate
      ? key(
          AGE_AT_SAM,
          "integer",
          l("Âge au diagnostic du SAM", "Age at MAS diagnosis"),
          (c) => c.computed.age_at_sam,
          { unit: { id: "years", label: "ans" } },
        )
      : key("birth_date", "date", l("Date de naissance", "Date of birth"), (c) => c.birthDate, {
          fieldId: "birth_date",
        }),
    key("status", "choice", l("Statut du dossier", "Record status"), (c) => c.status, { options: STATUS_OPTIONS }),
    key(
      "last_modified",
      "datetime",
      l("Dernière modification (date-heure avec fuseau)", "Last modified (date-time with zone)"),
      (c) => c.updatedAt,
    ),
    // Answers of different form versions may be coded differently: docs/data-dictionary-changelog.md says how.
    key(
      "form_version_entered",
      "text",
      l("Version du formulaire à la saisie", "Form version at entry"),
      (c) => c.formVersionEntered,
    ),
    key(
      "form_version_saved",
      "text",
      l(
        "Version du formulaire des réponses (enregistrement ou migration)",
        "Form version of the answers (save or migration)",
      ),
      (c) => c.formVersionSaved,
    ),
  ];
}

/** Every column of the one-row-per-case table, in order. */
export function caseColumns(options: ExportOptions): Column<ExportCase>[] {
  const fields = TOP_LEVEL_FIELDS.flatMap((f) => fieldColumns<ExportCase>(f, (c) => c.answers.fields[f.id]));
  const computed = computedColumns().filter((c) => !(options.ageInsteadOfBirthDate && c.name === AGE_AT_SAM));
  return [...keyColumns(options), ...fields, ...computed];
}

// ---------------------------------------------------------------------------
// Repeating blocks

/** Every column of a block's table (one row per block row, keyed by record_id). */
export function blockColumns(blockId: string): Column<ExportBlockRow>[] {
  const block = blockById(blockId);
  if (!block) throw new Error(`unknown block ${blockId}`);
  const row = (
    name: string,
    type: ColumnType,
    label: Localised,
    read: (r: ExportBlockRow) => Cell,
  ): Column<ExportBlockRow> => ({ name, kind: "row", type, label, blockId, read });
  return [
    row(RECORD_ID, "text", l("Identifiant du dossier", "Record id"), (r) => r.caseId),
    row("row_number", "integer", l("Numéro de la ligne dans le dossier", "Row number in the record"), (r) => r.number),
    row(
      "row_id",
      "text",
      l("Identifiant stable de la ligne (piste d'audit)", "Stable row id (audit trail)"),
      (r) => r.row.id,
    ),
    ...block.fields.flatMap((f) => fieldColumns<ExportBlockRow>(f, (r) => r.row.values[f.id], blockId)),
  ];
}

/** The rows of a case's block, in order. */
export function blockRowsOf(c: Pick<ExportCase, "id" | "answers">, blockId: string): ExportBlockRow[] {
  return (c.answers.blocks[blockId] ?? []).map((row, i) => ({ caseId: c.id, number: i + 1, row }));
}
