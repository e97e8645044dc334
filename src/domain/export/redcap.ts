// The form as a REDCap data dictionary (the 18 standard columns), so that a
// REDCap project with the same variables can be built by uploading it. One
// instrument per section, one per repeating block (to be marked "repeating" in
// REDCap), one for the computed values (read-only). Variable names follow
// redcap-names.ts: the cases CSV's column names, block fields with a short
// block prefix, names over 26 characters shortened (the annotation names the
// exported column). NK/ND/NA are REDCap's project-level "missing data codes"
// rather than the CSV's `__missing` companions (a checkbox lists them as
// choices: its `___nk`/`___nd`/`___nap` columns), and only fields that can hold
// no code at all carry @NOMISSING (a field a condition hides takes NAP).
// redcap-data.ts writes the data in the same variables.
import { BLOCKS, CRF, fieldById } from "../crf/definition";
import { isAlwaysRequired } from "../crf/field-rules";
import { isBlock, type Condition, type FieldDef, type OptionDef } from "../crf/types";
import type { ColumnInfo } from "./column-types";
import { blockColumns, caseColumns, CODE_OPTIONS, mayHoldCode, valueColumnName } from "./columns";
import { computedColumns } from "./computed-columns";
import type { ExportOptions } from "./options";
import { columnKey, redcapNameMap } from "./redcap-names";

export const REDCAP_COLUMNS = [
  "Variable / Field Name",
  "Form Name",
  "Section Header",
  "Field Type",
  "Field Label",
  "Choices, Calculations, OR Slider Labels",
  "Field Note",
  "Text Validation Type OR Show Slider Number",
  "Text Validation Min",
  "Text Validation Max",
  "Identifier?",
  "Branching Logic (Show field only if...)",
  "Required Field?",
  "Custom Alignment",
  "Question Number (surveys only)",
  "Matrix Group Name",
  "Matrix Ranking?",
  "Field Annotation",
] as const;

export type RedcapRow = readonly string[];

/** REDCap choices: "code, label | code, label" (a "|" in a label would split it). */
export const redcapChoices = (options: readonly OptionDef[]): string =>
  options.map((o) => `${o.value}, ${o.label.fr.replace(/\|/g, "/")}`).join(" | ");

const DATETIME_NOTE = "Heure de Paris (Europe/Paris) · Paris time";

const PARTIAL_DATE_NOTE = "AAAA-MM-JJ, AAAA-MM ou AAAA (date partielle)";

/** A condition in REDCap's branching-logic syntax; `ref` names the variable of a field id. */
export function redcapLogic(
  c: Condition,
  ref: (fieldId: string) => string,
  isMulti: (fieldId: string) => boolean,
): string {
  const quote = (v: string) => `'${v.replace(/'/g, "")}'`;
  if ("all" in c) return `(${c.all.map((x) => redcapLogic(x, ref, isMulti)).join(" and ")})`;
  if ("any" in c) return `(${c.any.map((x) => redcapLogic(x, ref, isMulti)).join(" or ")})`;
  const name = ref(c.field);
  const is = (v: string) => (isMulti(c.field) ? `[${name}(${v})] = '1'` : `[${name}] = ${quote(v)}`);
  if ("equals" in c) return is(c.equals);
  if ("in" in c) return c.in.length === 1 ? is(c.in[0]!) : `(${c.in.map(is).join(" or ")})`;
  return `[${name}(${c.includes})] = '1'`;
}

interface Row {
  variable: string;
  form: string;
  section?: string;
  type: string;
  label: string;
  choices?: string;
  note?: string;
  validation?: string;
  min?: string;
  max?: string;
  identifier?: boolean;
  branching?: string;
  required?: boolean;
  annotation?: string;
}

const toRow = (r: Row): RedcapRow => [
  r.variable,
  r.form,
  r.section ?? "",
  r.type,
  r.label,
  r.choices ?? "",
  r.note ?? "",
  r.validation ?? "",
  r.min ?? "",
  r.max ?? "",
  r.identifier ? "y" : "",
  r.branching ?? "",
  r.required ? "y" : "",
  "",
  "",
  "",
  "",
  r.annotation ?? "",
];

const num = (n: number | undefined) => (n === undefined ? undefined : String(n));
const choiceType = (options: readonly OptionDef[]) => (options.length > 10 ? "dropdown" : "radio");

/** A form field as a REDCap variable (without form, section and branching). */
function fieldRow(field: FieldDef, variable: string, exported: string): Omit<Row, "form"> {
  const annotation = [mayHoldCode(field) ? "" : "@NOMISSING", `EN: ${field.label.en}`, exportNote(variable, exported)]
    .filter((s) => s !== "")
    .join(" ");
  // A conditional requirement (the dose unit, not needed once the dose is NK/ND) is not REDCap's
  // "required": REDCap would insist on it in every record; the field note says when it is needed.
  const base = {
    variable,
    label: field.label.fr,
    required: isAlwaysRequired(field),
    annotation,
    ...(field.help ? { note: field.help.fr } : {}),
  };
  switch (field.type) {
    case "yesno":
      return { ...base, type: "radio", choices: "yes, Oui | no, Non" };
    case "choice":
      return { ...base, type: choiceType(field.options), choices: redcapChoices(field.options) };
    case "multi":
      return {
        ...base,
        type: "checkbox",
        choices: redcapChoices(mayHoldCode(field) ? [...field.options, ...CODE_OPTIONS] : field.options),
      };
    case "number":
      return {
        ...base,
        type: "text",
        validation: field.integer ? "integer" : "number",
        min: num(field.hard.min),
        max: num(field.hard.max),
        note: [field.unit?.label.fr, field.help?.fr].filter(Boolean).join(" — ") || undefined,
      };
    case "dose":
      return { ...base, type: "text", validation: "number", note: "Dans l'unité choisie (unité de dose), > 0" };
    case "date":
      return field.precisions.length === 1 && field.precisions[0] === "day"
        ? { ...base, type: "text", validation: "date_ymd" }
        : { ...base, type: "text", note: PARTIAL_DATE_NOTE };
    case "text":
      return { ...base, type: field.multiline ? "notes" : "text" };
  }
}

/** Where the variable's values are in the CSV exports, when its name differs. */
const exportNote = (variable: string, exported: string): string =>
  variable === exported.replace(/^cases\./, "") ? "" : `· CSV: ${exported}`;

/** A key or computed column as a read-only REDCap variable. */
function columnRow(c: ColumnInfo, variable: string, form: string, extra: Partial<Row> = {}): Row {
  const validation =
    c.type === "integer"
      ? "integer"
      : c.type === "decimal"
        ? "number"
        : c.type === "date"
          ? "date_ymd"
          : c.type === "datetime"
            ? "datetime_seconds_ymd"
            : undefined;
  const isChoice = c.type === "choice" && c.options;
  return {
    variable,
    form,
    type: isChoice ? "dropdown" : "text",
    label: c.label.fr,
    ...(isChoice ? { choices: redcapChoices(c.options!) } : {}),
    ...(validation ? { validation } : {}),
    ...(c.unit ? { note: c.unit.label } : {}),
    ...(c.type === "datetime" ? { note: DATETIME_NOTE } : {}),
    ...extra,
    annotation: [
      extra.annotation ?? `@READONLY EN: ${c.label.en}`,
      exportNote(variable, `${c.blockId ?? "cases"}.${c.name}`),
    ]
      .filter((s) => s !== "")
      .join(" "),
  };
}

/** Every REDCap variable, instrument by instrument, record_id first. */
export function redcapDictionaryRows(options: ExportOptions): RedcapRow[] {
  const rows: Row[] = [];
  const names = redcapNameMap(options);
  const nameOf = (table: string, column: string): string => {
    const name = names.get(columnKey(table, column));
    if (!name) throw new Error(`no REDCap variable for ${table}.${column}`);
    return name;
  };
  const keys = caseColumns(options).filter((c) => c.kind === "key");
  const topVariable = (id: string) => {
    const f = fieldById(id);
    return nameOf("cases", f ? valueColumnName(f) : id);
  };
  const topIsMulti = (id: string) => fieldById(id)?.type === "multi";
  for (const [i, c] of keys.entries()) {
    const first = i === 0;
    const identifier = c.name === "initials" || c.name === "birth_date";
    rows.push(
      columnRow(c, nameOf("cases", c.name), "identification", {
        required: !c.name.startsWith("last_"),
        identifier,
        annotation: first || identifier ? `EN: ${c.label.en}` : `@READONLY EN: ${c.label.en}`,
      }),
    );
  }
  for (const section of CRF.sections) {
    let group: string | undefined;
    const fields = section.items.filter((it): it is FieldDef => !isBlock(it));
    for (const f of fields) {
      const section_ = f.group && f.group.fr !== group ? f.group.fr : undefined;
      group = f.group?.fr ?? group;
      const variable = topVariable(f.id);
      rows.push({
        ...fieldRow(f, variable, `cases.${valueColumnName(f)}`),
        form: section.id,
        ...(section_ ? { section: section_ } : {}),
        ...(f.showIf ? { branching: redcapLogic(f.showIf, topVariable, topIsMulti) } : {}),
      });
    }
    for (const block of section.items.filter(isBlock)) {
      const siblings = new Map(block.fields.map((f) => [f.id, f]));
      const blockVariable = (f: FieldDef) => nameOf(block.id, valueColumnName(f));
      const ref = (id: string) => (siblings.has(id) ? blockVariable(siblings.get(id)!) : topVariable(id));
      const isMulti = (id: string) => (siblings.has(id) ? siblings.get(id)!.type === "multi" : topIsMulti(id));
      for (const f of block.fields) {
        const conditions = [block.showIf, f.showIf].filter((c): c is Condition => c !== undefined);
        const branching = conditions.length
          ? redcapLogic(conditions.length > 1 ? { all: conditions } : conditions[0]!, ref, isMulti)
          : undefined;
        rows.push({
          ...fieldRow(f, blockVariable(f), `${block.id}.${valueColumnName(f)}`),
          form: block.id,
          ...(branching ? { branching } : {}),
        });
      }
      // The row's stable id links a REDCap instance back to the audit trail; hidden, never typed.
      const rowId = blockColumns(block.id).find((c) => c.name === "row_id")!;
      rows.push(
        columnRow(rowId, nameOf(block.id, rowId.name), block.id, {
          required: false,
          annotation: `@HIDDEN @READONLY EN: ${rowId.label.en}`,
        }),
      );
    }
  }
  for (const c of computedColumns())
    if (!(options.ageInsteadOfBirthDate && c.name === "age_at_sam"))
      rows.push(columnRow(c, nameOf("cases", c.name), "computed"));
  return rows.map(toRow);
}

/** The instruments REDCap should mark as repeating. */
export const REDCAP_REPEATING_FORMS: readonly string[] = BLOCKS.map((b) => b.id);
