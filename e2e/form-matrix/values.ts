// What the generated form test types for one coverage item of one field, and
// the canonical answer the database must then hold. Derived from the
// definition (limits, units, precisions, codes) and the dose tables: a field
// added to the definition gets its items and values without touching this file.
import type { FieldAnswer } from "@/domain/crf/answers";
import { cleanNumber } from "@/domain/crf/numbers";
import type { DatePrecision, FieldDef, NumberField } from "@/domain/crf/types";
import {
  checkDose,
  conversionFactor,
  doseRangesIn,
  findDrug,
  isDoseUnitId,
  mgUnitOf,
  type DoseUnitId,
} from "@/domain/doses";

export type Item =
  | { readonly kind: "option"; readonly value: string }
  | { readonly kind: "unit"; readonly unit: string | null }
  | { readonly kind: "precision"; readonly precision: DatePrecision }
  | { readonly kind: "text" }
  | { readonly kind: "dose" }
  | { readonly kind: "code"; readonly code: "NK" | "ND" };

export type Locale = "fr" | "en";

/** What the user does in the field, and what must be stored. */
export interface Typed {
  /** Text typed in the input (numbers, doses, dates, text), or the option(s) chosen. */
  readonly text?: string;
  readonly options?: readonly string[];
  readonly unit?: string;
  readonly code?: "NK" | "ND";
  readonly expected: FieldAnswer;
}

export const itemKey = (item: Item): string =>
  item.kind === "option"
    ? `option:${item.value}`
    : item.kind === "unit"
      ? `unit:${item.unit ?? "-"}`
      : item.kind === "precision"
        ? `precision:${item.precision}`
        : item.kind === "code"
          ? `code:${item.code}`
          : item.kind;

/** Every item of a field: each option, unit, precision, the value itself, each missing-data code. */
export function itemsOf(field: FieldDef): Item[] {
  const codes: Item[] =
    (field.missingCodes ?? true)
      ? [
          { kind: "code", code: "NK" },
          { kind: "code", code: "ND" },
        ]
      : [];
  switch (field.type) {
    case "yesno":
      return [{ kind: "option", value: "yes" }, { kind: "option", value: "no" }, ...codes];
    case "choice":
    case "multi":
      return [...field.options.map((o): Item => ({ kind: "option", value: o.value })), ...codes];
    case "number":
      return [
        ...(field.unit
          ? [field.unit, ...(field.altUnits ?? [])].map((u): Item => ({ kind: "unit", unit: u.id }))
          : [{ kind: "unit", unit: null } as Item]),
        ...codes,
      ];
    case "date":
      return [...field.precisions.map((precision): Item => ({ kind: "precision", precision })), ...codes];
    case "text":
      return [{ kind: "text" }, ...codes];
    case "dose":
      return [{ kind: "dose" }, ...codes];
  }
}

const decimal = (n: number, locale: Locale) => (locale === "fr" ? String(n).replace(".", ",") : String(n));
const roundTo = (n: number, digits: number) => Number(n.toFixed(digits));

/** A value well inside the soft range (the usual values), typed in `unitId`. */
function numberTyped(field: NumberField, unitId: string | null, locale: Locale): Typed {
  const range = { min: field.soft?.min ?? field.hard.min ?? 0, max: field.soft?.max ?? field.hard.max ?? 100 };
  const unit = [field.unit, ...(field.altUnits ?? [])].find((u) => u?.id === unitId);
  const factor = unit?.factor ?? 1;
  for (const at of [0.37, 0.5, 0.25, 0.6]) {
    const target = range.min + (range.max - range.min) * at;
    const raw = target / factor;
    const entered = field.integer ? Math.round(raw) : roundTo(raw, raw >= 100 ? 0 : raw >= 10 ? 1 : 2);
    // canonical = entered × factor (the definition's own rule), without the field rules' module:
    // it loads the identifier guard's JSON word lists, which Playwright's loader cannot import.
    const v = cleanNumber(entered * factor);
    if (v < range.min || v > range.max) continue;
    const converted = unitId !== null && unitId !== field.unit?.id;
    return {
      text: decimal(entered, locale),
      unit: unitId ?? undefined,
      expected: { v, ...(unitId ? { unit: unitId } : {}), ...(converted ? { entered } : {}) },
    };
  }
  throw new Error(`No usual value for ${field.id} in ${unitId}`);
}

/** One plausible day per date field, in the order the record rules want (onset ≤ diagnosis ≤ MAS < relapse…). */
const DAYS: Readonly<Record<string, string>> = {
  cancer_date: "2013-09-01",
  dm_onset_date: "2014-03-10",
  dm_diag_date: "2014-05-20",
  sam_date: "2015-06-15",
  start_date: "2015-06-15",
  end_date: "2015-07-20",
  sam_resolution_date: "2015-08-01",
  relapse_date: "2016-02-10",
  // The same day: a death date is the last follow-up.
  last_followup_date: "2017-03-10",
  death_date: "2017-03-10",
};

function dateFor(fieldId: string, precision: DatePrecision): { text: string; iso: string } {
  const [y, m, d] = (DAYS[fieldId] ?? "2015-06-15").split("-") as [string, string, string];
  if (precision === "day") return { text: `${d}/${m}/${y}`, iso: `${y}-${m}-${d}` };
  if (precision === "month") return { text: `${m}/${y}`, iso: `${y}-${m}` };
  return { text: y, iso: y };
}

export const TEXT_VALUE = "valeur saisie pour le test";

/** Patient measures of the round, for doses per kg or per m². */
export interface Measures {
  readonly weightKg?: number;
  readonly heightCm?: number;
}

/** A dose of `drugId` in `unit` that the dose rules accept without a hard refusal (the usual range when known). */
export function doseFor(drugId: string, unit: string, m: Measures): number {
  if (!isDoseUnitId(unit)) throw new Error(`Unknown dose unit ${unit}`);
  // A µg or g form of the drug's mg unit: the usual dose in mg, written in that unit.
  const mg = mgUnitOf(unit);
  if (mg && findDrug(drugId)?.units.includes(mg) && !findDrug(drugId)?.units.includes(unit)) {
    return Number((doseFor(drugId, mg, m) / conversionFactor(unit, mg, 1, 1)).toPrecision(6));
  }
  // The usual range for the round's measures, else for an average adult (a measure may be NK).
  for (const measures of [m, { weightKg: 70, heightCm: 170 }]) {
    const ranges = findDrug(drugId)
      ? doseRangesIn({ drugId, unit, weightKg: measures.weightKg, heightCm: measures.heightCm })
      : null;
    const lo = ranges?.usual.min ?? ranges?.hard.min ?? 1;
    const hi =
      ranges?.usual.max ??
      (ranges?.hard.max !== null && ranges?.hard.max !== undefined ? Math.min(ranges.hard.max, lo * 10) : lo * 4);
    for (const at of [0.5, 0.3, 0.7, 0.9, 0.1]) {
      const raw = lo + (hi - lo) * at;
      const v = roundTo(raw, raw >= 100 ? 0 : raw >= 1 ? 1 : 3);
      const level = findDrug(drugId) ? checkDose({ drugId, value: v, unit: unit as DoseUnitId, ...m }).level : "ok";
      if (level !== "hard") return v;
    }
  }
  throw new Error(`No acceptable dose for ${drugId} in ${unit}`);
}

/** What to type for `item` and the answer to expect (`dose` needs the row's drug, unit and the round's measures). */
export function typedFor(
  field: FieldDef,
  item: Item,
  locale: Locale,
  dose?: { drug: string; unit: string; measures: Measures },
): Typed {
  if (item.kind === "code") return { code: item.code, expected: { code: item.code } };
  switch (item.kind) {
    case "option":
      return { options: [item.value], expected: { v: field.type === "multi" ? [item.value] : item.value } };
    case "unit":
      if (field.type !== "number") break;
      return numberTyped(field, item.unit, locale);
    case "precision":
      return { text: dateFor(field.id, item.precision).text, expected: { v: dateFor(field.id, item.precision).iso } };
    case "text":
      return { text: TEXT_VALUE, expected: { v: TEXT_VALUE } };
    case "dose": {
      const v = dose ? doseFor(dose.drug, dose.unit, dose.measures) : 1;
      return { text: decimal(v, locale), expected: { v } };
    }
  }
  throw new Error(`Item ${itemKey(item)} does not fit ${field.type} field ${field.id}`);
}
