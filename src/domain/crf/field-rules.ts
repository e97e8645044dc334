// Rules that concern one answer on its own: type, options, units, hard and soft
// limits, date precision and future dates, text length and the identifier
// guard. Shared by the Zod schemas (server and browser) and the record check.
import { guardFreeText } from "../identifier-guard";
import type { FieldAnswer } from "./answers";
import type { AnswerLookup } from "./conditions";
import type { FieldIssue } from "./issues";
import { cleanNumber } from "./numbers";
import { parsePartialDate } from "./partial-dates";
import type { DateField, FieldDef, NumberField, UnitDef } from "./types";

export interface RuleContext {
  /** YYYY-MM-DD, the day "the future" starts after. */
  readonly today: string;
}

export const MIN_DATE = "1900-01-01";

const err = (key: string, params?: FieldIssue["params"]): FieldIssue => ({ level: "error", key, params });

export function allowsMissingCodes(field: FieldDef): boolean {
  return field.missingCodes ?? true;
}

/**
 * Required whatever the other answers say (REDCap's "Required Field?", which
 * cannot be conditional): false for an optional field and for one whose
 * requirement a missing-data code lifts (isRequired decides those per record).
 */
export function isAlwaysRequired(field: FieldDef): boolean {
  return (field.required ?? true) && field.optionalIfCoded === undefined;
}

/** Submission needs an answer to this shown field, given the answers it reads (its row first, for a row field). */
export function isRequired(field: FieldDef, lookup: AnswerLookup): boolean {
  if (!(field.required ?? true)) return false;
  if (field.optionalIfCoded === undefined) return true;
  const code = lookup(field.optionalIfCoded)?.code;
  return code !== "NK" && code !== "ND";
}

export function unitsOf(field: NumberField): readonly UnitDef[] {
  return field.unit ? [field.unit, ...(field.altUnits ?? [])] : [];
}

export function unitById(field: NumberField, id: string | undefined): UnitDef | undefined {
  return id === undefined ? field.unit : unitsOf(field).find((u) => u.id === id);
}

/** Canonical value of a number typed in one of the field's units. */
export function toCanonical(field: NumberField, entered: number, unitId: string | undefined): number | undefined {
  const unit = unitById(field, unitId);
  if (field.unit && !unit) return undefined;
  return cleanNumber(entered * (unit?.factor ?? 1));
}

export function checkFieldAnswer(field: FieldDef, a: FieldAnswer | undefined, ctx: RuleContext): FieldIssue[] {
  if (!a) return [];
  // `unit` and `entered` exist only for numbers typed in one of several units;
  // anywhere else they would be free text escaping every check.
  const hasUnits = field.type === "number" && field.unit !== undefined;
  if ((a.unit !== undefined && !hasUnits) || (a.entered !== undefined && (!hasUnits || a.v === undefined))) {
    return [err("crf.number.unknownUnit", { field: field.label })];
  }
  if (a.code !== undefined) {
    if (a.v !== undefined || a.unit !== undefined || a.entered !== undefined)
      return [err("crf.answer.valueAndCode", { field: field.label })];
    if (a.code !== "NA" && !allowsMissingCodes(field))
      return [err("crf.answer.codeNotAllowed", { field: field.label })];
    return [];
  }
  if (a.v === undefined) return [];
  switch (field.type) {
    case "yesno":
      return a.v === "yes" || a.v === "no" ? [] : [err("crf.answer.invalidOption", { field: field.label })];
    case "choice":
      return typeof a.v === "string" && field.options.some((o) => o.value === a.v)
        ? []
        : [err("crf.answer.invalidOption", { field: field.label })];
    case "multi": {
      const ok =
        Array.isArray(a.v) &&
        new Set(a.v).size === a.v.length &&
        a.v.every((v) => field.options.some((o) => o.value === v));
      return ok ? [] : [err("crf.answer.invalidOption", { field: field.label })];
    }
    case "number":
      return checkNumber(field, a);
    case "date":
      return checkDate(field, a.v, ctx);
    case "text":
      return checkText(field, a.v);
    case "dose":
      // Ranges depend on the drug and the patient: checked per row (record-rules.ts).
      return typeof a.v === "number" && Number.isFinite(a.v) && a.v > 0
        ? []
        : [err("crf.number.positive", { field: field.label })];
  }
}

function checkNumber(field: NumberField, a: FieldAnswer): FieldIssue[] {
  if (typeof a.v !== "number" || !Number.isFinite(a.v)) return [err("crf.number.invalid", { field: field.label })];
  const unit = unitById(field, a.unit);
  if (field.unit && !unit) return [err("crf.number.unknownUnit", { field: field.label })];
  if (field.integer && !Number.isInteger(a.v)) return [err("crf.number.integer", { field: field.label })];
  const entered = a.entered ?? a.v;
  // The stored canonical value must be what the entered value and unit give.
  if (a.entered !== undefined && toCanonical(field, a.entered, a.unit) !== a.v)
    return [err("crf.number.unitMismatch", { field: field.label })];
  const shown = { field: field.label, value: entered, unit: unit?.label ?? "", limitUnit: field.unit?.label ?? "" };
  const { min, max } = field.hard;
  if (min !== undefined && a.v < min) return [err("crf.number.belowHard", { ...shown, limit: min })];
  if (max !== undefined && a.v > max) return [err("crf.number.aboveHard", { ...shown, limit: max })];
  const soft = field.soft;
  if (soft && ((soft.min !== undefined && a.v < soft.min) || (soft.max !== undefined && a.v > soft.max))) {
    return [
      {
        level: "warning",
        confirmable: true,
        key: "crf.number.outsideSoft",
        params: { ...shown, canonical: a.v, min: soft.min ?? "–", max: soft.max ?? "–" },
      },
    ];
  }
  return [];
}

function checkDate(field: DateField, v: FieldAnswer["v"], ctx: RuleContext): FieldIssue[] {
  const d = typeof v === "string" ? parsePartialDate(v) : undefined;
  if (!d) return [err("crf.date.invalid", { field: field.label })];
  if (!field.precisions.includes(d.precision))
    return [err(`crf.date.precision.${field.precisions[field.precisions.length - 1]}`, { field: field.label })];
  if (d.earliest > ctx.today) return [err("crf.date.future", { field: field.label, today: ctx.today })];
  if (d.latest < MIN_DATE) return [err("crf.date.tooOld", { field: field.label, min: MIN_DATE })];
  return [];
}

function checkText(field: FieldDef & { type: "text" }, v: FieldAnswer["v"]): FieldIssue[] {
  if (typeof v !== "string") return [err("crf.answer.invalidOption", { field: field.label })];
  const guard = guardFreeText(v, field.maxLength);
  if (guard.ok) return [];
  return guard.issues.map((i) => err(i.key, { field: field.label, ...i.params }));
}
