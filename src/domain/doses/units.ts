// Dose units of the treatment blocks (CRF §4–§5) and the conversions between
// them. A unit is an amount (mg, g, sessions), optionally per kg of body weight
// or per m² of body surface area, over a period (day, dose, week, course).
// Conversions never cross periods: mg/day and mg per dose are not comparable.
import type { Locale } from "../locale";

export type DoseAmount = "ug" | "mg" | "g" | "session";
export type DoseNormalisation = "absolute" | "kg" | "m2";
export type DosePeriod = "day" | "dose" | "week" | "course";

export interface DoseUnit {
  readonly amount: DoseAmount;
  readonly per: DoseNormalisation;
  readonly period: DosePeriod;
  readonly labels: Readonly<Record<Locale, string>>;
}

export const DOSE_UNITS = {
  mg_day: { amount: "mg", per: "absolute", period: "day", labels: { fr: "mg/j", en: "mg/day" } },
  mg_kg_day: { amount: "mg", per: "kg", period: "day", labels: { fr: "mg/kg/j", en: "mg/kg/day" } },
  mg_m2_day: { amount: "mg", per: "m2", period: "day", labels: { fr: "mg/m²/j", en: "mg/m²/day" } },
  g_day: { amount: "g", per: "absolute", period: "day", labels: { fr: "g/j", en: "g/day" } },
  mg_dose: { amount: "mg", per: "absolute", period: "dose", labels: { fr: "mg/dose", en: "mg/dose" } },
  mg_kg_dose: { amount: "mg", per: "kg", period: "dose", labels: { fr: "mg/kg/dose", en: "mg/kg/dose" } },
  mg_m2_dose: { amount: "mg", per: "m2", period: "dose", labels: { fr: "mg/m²/dose", en: "mg/m²/dose" } },
  mg_week: { amount: "mg", per: "absolute", period: "week", labels: { fr: "mg/sem", en: "mg/week" } },
  g_course: { amount: "g", per: "absolute", period: "course", labels: { fr: "g/cure", en: "g/course" } },
  g_kg_course: { amount: "g", per: "kg", period: "course", labels: { fr: "g/kg/cure", en: "g/kg/course" } },
  sessions: { amount: "session", per: "absolute", period: "course", labels: { fr: "séances", en: "sessions" } },
  // Units some records write doses in (µg, g/m²): converted by the checks like any other
  // (20 µg/kg/day is judged as 0.02 mg/kg/day); offered where the drug takes the mg unit.
  ug_day: { amount: "ug", per: "absolute", period: "day", labels: { fr: "µg/j", en: "µg/day" } },
  ug_kg_day: { amount: "ug", per: "kg", period: "day", labels: { fr: "µg/kg/j", en: "µg/kg/day" } },
  g_m2_day: { amount: "g", per: "m2", period: "day", labels: { fr: "g/m²/j", en: "g/m²/day" } },
  g_m2_dose: { amount: "g", per: "m2", period: "dose", labels: { fr: "g/m²/dose", en: "g/m²/dose" } },
} as const satisfies Readonly<Record<string, DoseUnit>>;

export type DoseUnitId = keyof typeof DOSE_UNITS;

/** Freezes a constant table all the way down, so that no caller can alter a range or a label. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

deepFreeze(DOSE_UNITS);

/** Every unit, in display order: the list offered for drugs without reference ranges. */
export const DOSE_UNIT_IDS: readonly DoseUnitId[] = Object.freeze(Object.keys(DOSE_UNITS) as DoseUnitId[]);

export function isDoseUnitId(value: unknown): value is DoseUnitId {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(DOSE_UNITS, value);
}

export function doseUnitLabel(unit: DoseUnitId, locale: Locale): string {
  return DOSE_UNITS[unit].labels[locale];
}

/** A dose expressed in one unit: the shape of every range bound. */
export interface DoseQuantity {
  readonly value: number;
  readonly unit: DoseUnitId;
}

/** Body measures a conversion may need. BSA is Mosteller's, from weight and height. */
export type BodyMeasure = "weight" | "height";

/**
 * Range of the body measures a conversion may use: a single value when known,
 * the CRF's admissible range (§2 hard limits) when not.
 */
export interface MeasureRanges {
  readonly weightKg: readonly [number, number];
  readonly heightCm: readonly [number, number];
}

/** CRF §2 hard limits: any real patient of the study lies inside. */
export const ADMISSIBLE_WEIGHT_KG = { min: 1, max: 350 } as const;
export const ADMISSIBLE_HEIGHT_CM = { min: 40, max: 250 } as const;

const AMOUNT_IN_MG: Readonly<Record<DoseAmount, number>> = { ug: 0.001, mg: 1, g: 1000, session: 1 };

function massFamily(amount: DoseAmount): "mass" | "count" {
  return amount === "session" ? "count" : "mass";
}

/** The unit written with µg or g for a drug's mg unit (mg/kg/day → µg/kg/day, mg/m²/dose → g/m²/dose). */
export const WRITTEN_ALSO: Readonly<Partial<Record<DoseUnitId, readonly DoseUnitId[]>>> = {
  mg_day: ["ug_day"],
  mg_kg_day: ["ug_kg_day"],
  mg_m2_day: ["g_m2_day"],
  mg_m2_dose: ["g_m2_dose"],
};

/** The mg unit a µg or g unit is written for (what its value is shown converted to), if any. */
export function mgUnitOf(unit: DoseUnitId): DoseUnitId | undefined {
  for (const [mg, alsos] of Object.entries(WRITTEN_ALSO)) if (alsos?.includes(unit)) return mg as DoseUnitId;
  return undefined;
}

/** True when a dose in `from` can be expressed in `to` (same period, same kind of amount). */
export function areConvertible(from: DoseUnitId, to: DoseUnitId): boolean {
  const a = DOSE_UNITS[from];
  const b = DOSE_UNITS[to];
  return a.period === b.period && massFamily(a.amount) === massFamily(b.amount);
}

/** The measures a conversion from `from` to `to` depends on (none when both share the normalisation). */
export function measuresNeeded(from: DoseUnitId, to: DoseUnitId): readonly BodyMeasure[] {
  const a = DOSE_UNITS[from].per;
  const b = DOSE_UNITS[to].per;
  if (a === b) return [];
  if (a === "m2" || b === "m2") return ["weight", "height"];
  return ["weight"];
}

function bsa(weightKg: number, heightCm: number): number {
  return Math.sqrt((heightCm * weightKg) / 3600);
}

function normaliser(per: DoseNormalisation, weightKg: number, bsaM2: number): number {
  return per === "kg" ? weightKg : per === "m2" ? bsaM2 : 1;
}

/**
 * Multiplying factor from `from` to `to` for one patient. `bsaM2` is passed so
 * callers use the record's BSA (rounded as the CRF computes it).
 */
export function conversionFactor(from: DoseUnitId, to: DoseUnitId, weightKg: number, bsaM2: number): number {
  const a = DOSE_UNITS[from];
  const b = DOSE_UNITS[to];
  const scale = AMOUNT_IN_MG[a.amount] / AMOUNT_IN_MG[b.amount];
  if (a.per === b.per) return scale;
  return (scale * normaliser(a.per, weightKg, bsaM2)) / normaliser(b.per, weightKg, bsaM2);
}

/**
 * Lowest and highest factor over every patient within `ranges`. The factor is
 * monotonic in weight and in height, so the extremes lie at the corners.
 */
export function conversionFactorRange(
  from: DoseUnitId,
  to: DoseUnitId,
  ranges: MeasureRanges,
  knownBsaM2: number | null,
): readonly [number, number] {
  const factors: number[] = [];
  for (const w of ranges.weightKg) {
    for (const h of ranges.heightCm) {
      const exact = ranges.weightKg[0] === ranges.weightKg[1] && ranges.heightCm[0] === ranges.heightCm[1];
      const surface = exact && knownBsaM2 !== null ? knownBsaM2 : bsa(w, h);
      factors.push(conversionFactor(from, to, w, surface));
    }
  }
  return [Math.min(...factors), Math.max(...factors)];
}
