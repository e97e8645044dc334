// What the printed form says about each field, derived from the CRF definition:
// conditions written out ("si « Biopsie musculaire réalisée » = Oui"), limits
// ("0–500 000 µg/L"), accepted units, date precision, and stored answers as a
// person reads them. Pure functions, no React: the printed language is a
// parameter, independent of the interface language.
import type { FieldAnswer } from "@/domain/crf/answers";
import { formatDateForInput } from "@/domain/crf/date-input";
import { fieldById, labelOf } from "@/domain/crf/definition";
import { YES_NO } from "@/domain/crf/labels";
import { DRUG_OPTIONS } from "@/domain/crf/sections/treatment";
import type {
  Condition,
  DateField,
  FieldDef,
  Localised,
  NumberField,
  OptionDef,
  Range,
  UnitDef,
} from "@/domain/crf/types";
import { DOSE_UNIT_IDS, DOSE_UNITS, DRUGS, type DoseLimit, type DoseRanges, type DoseUnitId } from "@/domain/doses";
import { parseLocale, type Locale } from "@/domain/locale";

/** A translator over the whole catalogue (keys such as "print.sheet.and", "form.code.NK.short"). */
export type Tr = (key: string, values?: Record<string, string | number>) => string;

/** The `lang` search parameter, or the fallback (the interface language) when absent or unknown. */
export function printLang(raw: string | string[] | undefined, fallback: Locale): Locale {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return parseLocale(value) ?? fallback;
}

const NUMBER_LOCALES: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

/** 500000 → "500 000" (fr) / "500,000" (en); 0.01129 → "0,01129". */
export function formatNumber(n: number, lang: Locale): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[lang], { maximumFractionDigits: 6 }).format(n);
}

/** An en dash the line never breaks at ("5–150 000": word joiners on both sides). */
const DASH = "\u2060–\u2060";

const withUnit = (text: string, unit: string | undefined) => (unit ? `${text}\u00a0${unit}` : text);

/** "0–500 000 µg/L", "≥ 1", "≤ 80"; undefined when the range has no bound. */
export function rangeText(range: Range | undefined, lang: Locale, unit?: Localised): string | undefined {
  if (!range) return undefined;
  const u = unit?.[lang];
  const { min, max } = range;
  if (min !== undefined && max !== undefined)
    return withUnit(`${formatNumber(min, lang)}${DASH}${formatNumber(max, lang)}`, u);
  if (min !== undefined) return withUnit(`≥\u00a0${formatNumber(min, lang)}`, u);
  if (max !== undefined) return withUnit(`≤\u00a0${formatNumber(max, lang)}`, u);
  return undefined;
}

/** The boxes a field offers: Oui/Non for yes-no fields, the options of a choice. */
export function optionsOf(field: FieldDef): readonly OptionDef[] {
  if (field.type === "yesno") return YES_NO;
  if (field.type === "choice" || field.type === "multi") return field.options;
  return [];
}

export function optionLabel(field: FieldDef | undefined, value: string, lang: Locale): string {
  return (field ? optionsOf(field).find((o) => o.value === value)?.label[lang] : undefined) ?? value;
}

/** The controlled drug list: too long to repeat in each row, printed once in the appendix. */
export function isDrugChoice(field: FieldDef): boolean {
  return field.type === "choice" && field.options === DRUG_OPTIONS;
}

/** Canonical unit first, then the alternatives hospitals report in. */
export function unitsOf(field: NumberField): readonly UnitDef[] {
  return field.unit ? [field.unit, ...(field.altUnits ?? [])] : [];
}

/**
 * A showIf condition as a reader says it, without the "si": « Hémophagocytose » = Oui,
 * « Agent » = EBV ou CMV, conditions joined with "et" / "ou". `siblings` are the
 * fields of the same block row, which a row field's condition reads first.
 */
export function conditionText(c: Condition, lang: Locale, t: Tr, siblings: readonly FieldDef[] = []): string {
  const find = (id: string) => siblings.find((f) => f.id === id) ?? fieldById(id);
  const label = (id: string) => (find(id)?.label ?? labelOf(id))[lang];
  const value = (id: string, v: string) => optionLabel(find(id), v, lang);
  if ("all" in c) return c.all.map((x) => conditionText(x, lang, t, siblings)).join(t("print.sheet.and"));
  if ("any" in c) return c.any.map((x) => conditionText(x, lang, t, siblings)).join(t("print.sheet.or"));
  if ("equals" in c) return t("print.sheet.condEquals", { field: label(c.field), value: value(c.field, c.equals) });
  if ("in" in c)
    return t("print.sheet.condEquals", {
      field: label(c.field),
      value: c.in.map((v) => value(c.field, v)).join(t("print.sheet.or")),
    });
  return t("print.sheet.condIncludes", { field: label(c.field), value: value(c.field, c.includes) });
}

/** "si « Biopsie musculaire réalisée » = Oui", or undefined for an unconditional item. */
export function shownIfText(
  c: Condition | undefined,
  lang: Locale,
  t: Tr,
  siblings: readonly FieldDef[] = [],
): string | undefined {
  return c ? t("print.sheet.if", { condition: conditionText(c, lang, t, siblings) }) : undefined;
}

/** The format a date is written in, at the precisions it accepts: "jj/mm/aaaa ou mm/aaaa". */
export function dateFormatText(field: DateField, t: Tr): string {
  const last = field.precisions[field.precisions.length - 1] ?? "day";
  return t(`form.datePlaceholder.${last}`);
}

/**
 * Short hints printed with a field: hard limits (and the usual range), whole
 * numbers, text length, several answers, the dose and drug-list references.
 */
export function fieldHints(field: FieldDef, lang: Locale, t: Tr): string[] {
  const hints: string[] = [];
  switch (field.type) {
    case "number": {
      const hard = rangeText(field.hard, lang, field.unit?.label);
      if (hard) hints.push(t("print.sheet.limits", { range: hard }));
      const soft = rangeText(field.soft, lang, field.unit?.label);
      if (soft) hints.push(t("print.sheet.usual", { range: soft }));
      if (field.integer) hints.push(t("print.sheet.integer"));
      break;
    }
    case "text":
      hints.push(t("print.sheet.maxLength", { max: formatNumber(field.maxLength, lang) }));
      break;
    case "multi":
      hints.push(t("print.sheet.several"));
      break;
    case "dose":
      hints.push(t("print.sheet.doseHint"));
      break;
    case "choice":
      if (isDrugChoice(field)) hints.push(t("print.sheet.drugList"));
      break;
    default:
      break;
  }
  return hints;
}

/** Missing-data codes as printed: NR / NF in French (as on screen), NK / ND in English. */
export function codeShort(code: "NK" | "ND", t: Tr): string {
  return t(`form.code.${code}.short`);
}

/**
 * A stored value as a person reads it, in the printed language: options by
 * label, dates dd/mm/yyyy, numbers in the unit as entered followed by the
 * canonical value when converted ("120 mg/dL (= 1,2 g/L)"). Codes and empty
 * answers give undefined (printed as boxes or blank lines by the caller).
 */
export function valueText(field: FieldDef, a: FieldAnswer | undefined, lang: Locale): string | undefined {
  if (!a || a.code || a.v === undefined || a.v === "") return undefined;
  const values = Array.isArray(a.v) ? a.v : [a.v];
  if (values.length === 0) return undefined;
  switch (field.type) {
    case "yesno":
    case "choice":
    case "multi":
      return values.map((v) => optionLabel(field, String(v), lang)).join(", ");
    case "date":
      return typeof a.v === "string" ? formatDateForInput(a.v) : String(a.v);
    case "number": {
      if (typeof a.v !== "number") return String(a.v);
      const canonical = field.unit;
      const entered = unitsOf(field).find((u) => u.id === a.unit) ?? canonical;
      const shown = withUnit(formatNumber(a.entered ?? a.v, lang), entered?.label[lang]);
      const converted =
        a.entered !== undefined && entered !== undefined && canonical !== undefined && entered.id !== canonical.id;
      return converted ? `${shown} (= ${withUnit(formatNumber(a.v, lang), canonical.label[lang])})` : shown;
    }
    case "dose":
      return typeof a.v === "number" ? formatNumber(a.v, lang) : String(a.v);
    case "text":
      return String(a.v);
  }
}

/** A table cell of a filled block: the value, the printed code, or "NA". */
export function cellText(field: FieldDef, a: FieldAnswer | undefined, lang: Locale, t: Tr): string {
  if (a?.code === "NA") return "NA";
  if (a?.code) return codeShort(a.code, t);
  const text = valueText(field, a, lang) ?? "";
  return a?.confirmed && text ? `${text} ✔` : text;
}

/**
 * Splits a wide repeating block into tables that fit an A4 page, balanced, and
 * keeping a dose with its unit (a chunk never ends on a dose value).
 */
export function chunkFields(fields: readonly FieldDef[], maxPerTable: number): FieldDef[][] {
  const count = Math.max(1, Math.ceil(fields.length / maxPerTable));
  const size = Math.ceil(fields.length / count);
  const chunks: FieldDef[][] = [];
  let current: FieldDef[] = [];
  for (const f of fields) {
    current.push(f);
    if (current.length >= size && f.type !== "dose") {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Options short enough to print as boxes inside a table cell; longer lists go to the legend. */
export function boxesFitInCell(field: FieldDef, lang: Locale): boolean {
  const options = optionsOf(field);
  return (
    options.length > 0 &&
    options.length <= 4 &&
    !isDrugChoice(field) &&
    options.every((o) => o.label[lang].length <= 20)
  );
}

/** Empty rows printed for a repeating block: a third of its maximum, at least 3. */
export function blankRowCount(maxRows: number): number {
  return Math.min(maxRows, Math.max(3, Math.ceil(maxRows / 3)));
}

// ---------------------------------------------------------------------------
// Drug appendix

/** One unit's bounds of a drug: the usual range (to be checked outside) and the hard range (refused outside). */
export interface DrugLimitRow {
  /** The unit the bounds are written in. */
  readonly unit: string;
  readonly usual: string;
  readonly hard: string;
}

export interface DrugPrintRow {
  readonly id: string;
  readonly label: string;
  readonly units: string;
  /** One line per unit the drug's bounds are written in; a single line without range for drugs with none. */
  readonly limits: readonly DrugLimitRow[];
}

const LIST_SEPARATOR: Record<Locale, string> = { fr: " ; ", en: "; " };

function limitText(limit: DoseLimit, lang: Locale, t: Tr): string {
  return limit
    .map((q) => withUnit(formatNumber(q.value, lang), DOSE_UNITS[q.unit].labels[lang]))
    .join(t("print.sheet.doseOr"));
}

/** The bounds written in one unit: one interval per kind, plus bounds with alternatives written out. */
interface UnitBounds {
  min?: number;
  max?: number;
  /** "≤ 375 mg/m²/dose ou 1 000 mg/dose": a bound any of whose alternatives is enough, with their units. */
  readonly alternatives: string[];
}

/** "2,5–2 000", "≥ 3,75", "≤ 8", alternatives after; "—" when this unit has no bound of the kind. */
function boundsText(b: UnitBounds | undefined, lang: Locale): string {
  if (!b) return "—";
  const interval =
    b.min !== undefined && b.max !== undefined
      ? `${formatNumber(b.min, lang)}${DASH}${formatNumber(b.max, lang)}`
      : b.min !== undefined
        ? `≥\u00a0${formatNumber(b.min, lang)}`
        : b.max !== undefined
          ? `≤\u00a0${formatNumber(b.max, lang)}`
          : undefined;
  const parts = [...(interval ? [interval] : []), ...b.alternatives];
  return parts.length ? parts.join(LIST_SEPARATOR[lang]) : "—";
}

/**
 * A drug's usual and hard bounds grouped by the unit they are written in
 * (accepted units first): every bound applies to a dose in any accepted unit,
 * converted with the weight or height when the units differ. Several bounds
 * of a kind in one unit collapse to the tightest (all must hold).
 */
function limitRows(ranges: DoseRanges, accepted: readonly DoseUnitId[], lang: Locale, t: Tr): DrugLimitRow[] {
  const byUnit = new Map<DoseUnitId, { usual?: UnitBounds; hard?: UnitBounds }>();
  const kinds = [
    ["usual", "min", ranges.usualMin],
    ["usual", "max", ranges.usualMax],
    ["hard", "min", ranges.hardMin],
    ["hard", "max", ranges.hardMax],
  ] as const;
  for (const [kind, side, limits] of kinds) {
    for (const limit of limits) {
      const unit = limit[0].unit;
      const entry = byUnit.get(unit) ?? {};
      const bounds = (entry[kind] ??= { alternatives: [] });
      byUnit.set(unit, entry);
      if (limit.length > 1) {
        bounds.alternatives.push(`${side === "min" ? "≥" : "≤"}\u00a0${limitText(limit, lang, t)}`);
        continue;
      }
      const v = limit[0].value;
      if (side === "min") bounds.min = bounds.min === undefined ? v : Math.max(bounds.min, v);
      else bounds.max = bounds.max === undefined ? v : Math.min(bounds.max, v);
    }
  }
  const order = [...accepted.filter((u) => byUnit.has(u)), ...[...byUnit.keys()].filter((u) => !accepted.includes(u))];
  return order.map((u) => {
    const entry = byUnit.get(u)!;
    return {
      unit: DOSE_UNITS[u].labels[lang],
      usual: boundsText(entry.usual, lang),
      hard: boundsText(entry.hard, lang),
    };
  });
}

/** The controlled drug list with accepted units and, per unit, the usual and the hard range, in the printed language. */
export function drugPrintRows(lang: Locale, t: Tr): DrugPrintRow[] {
  return DRUGS.map((d) => {
    const anyUnit = DOSE_UNIT_IDS.every((u) => d.units.includes(u));
    return {
      id: d.id,
      label: d.labels[lang],
      units: anyUnit ? t("print.sheet.anyUnit") : d.units.map((u) => DOSE_UNITS[u].labels[lang]).join(", "),
      limits: d.ranges
        ? limitRows(d.ranges, d.units, lang, t)
        : [{ unit: "—", usual: t("print.sheet.noRange"), hard: "—" }],
    };
  });
}
