// Dose plausibility (CRF §5, §8). The entered dose is converted into every unit
// ("basis") the drug's ranges are written in, using the patient's weight and
// Mosteller BSA, then compared: outside a hard bound, above or below, is refused
// (a 1000-fold µg/mg or mg/g slip), outside the usual range is a soft flag to confirm.
//
// When weight or height is missing, a bound that needs it is evaluated over
// every admissible patient (CRF §2 hard limits: 1–350 kg, 40–250 cm): a dose
// beyond a hard bound even for the most favourable patient is still refused;
// otherwise the bound is "cannot be checked" (soft).

import { ge, gt, le, lt, roundTo } from "../scores/decimal";
import type { Maybe } from "../scores/tri-state";
import { findDrug, type DoseLimit } from "./drugs";
import { measureRanges, missingMeasures, patientMeasures, type PatientMeasures } from "./measures";
import {
  areConvertible,
  conversionFactor,
  conversionFactorRange,
  isDoseUnitId,
  measuresNeeded,
  mgUnitOf,
  type BodyMeasure,
  type DoseQuantity,
  type DoseUnitId,
} from "./units";

export type DoseLevel = "ok" | "soft" | "hard";

export interface DoseInput {
  readonly drugId: string;
  readonly value: number;
  readonly unit: DoseUnitId;
  readonly weightKg?: Maybe<number>;
  readonly heightCm?: Maybe<number>;
}

/** Params shared by every issue; `drug` and `unit` are ids for the UI to translate. */
export type DoseBaseParams = { readonly drug: string; readonly value: number; readonly unit: string };

/**
 * How `converted` relates to the dose: "none" (the limit is in the entered
 * unit), "exact", or a bound over the admissible patients when a measure is
 * missing ("atLeast" for an upper limit, "atMost" for a lower one).
 */
export type DoseConversion = "none" | "exact" | "atLeast" | "atMost";

export type DoseLimitParams = DoseBaseParams & {
  readonly limit: number;
  readonly limitUnit: DoseUnitId;
  readonly converted: number;
  readonly conversion: DoseConversion;
};

export type MissingMeasureParam = "weight" | "height" | "weight_height";

export type DoseIssue =
  | {
      readonly key: "dose.aboveHard" | "dose.belowHard" | "dose.aboveUsual" | "dose.belowUsual";
      readonly params: DoseLimitParams;
    }
  | { readonly key: "dose.unitNotAccepted"; readonly params: DoseBaseParams & { readonly accepted: string } }
  | { readonly key: "dose.cannotCheck"; readonly params: DoseBaseParams & { readonly missing: MissingMeasureParam } }
  | { readonly key: "dose.notPositive" | "dose.noReference" | "dose.unknownDrug"; readonly params: DoseBaseParams };

export type DoseIssueKey = DoseIssue["key"];

/** Every key `checkDose` can emit. */
export const DOSE_ISSUE_KEYS = [
  "dose.aboveHard",
  "dose.belowHard",
  "dose.belowUsual",
  "dose.aboveUsual",
  "dose.unitNotAccepted",
  "dose.cannotCheck",
  "dose.notPositive",
  "dose.noReference",
  "dose.unknownDrug",
] as const satisfies readonly DoseIssueKey[];

/** The dose in every basis it could be converted to with the known measures. */
export type NormalisedDose = Readonly<Partial<Record<DoseUnitId, number>>>;

export interface DoseCheck {
  readonly level: DoseLevel;
  readonly issues: readonly DoseIssue[];
  readonly normalised: NormalisedDose;
}

type Side = "min" | "max";

type Outcome =
  | { readonly kind: "holds" }
  | {
      readonly kind: "violated";
      readonly quantity: DoseQuantity;
      readonly converted: number;
      readonly conversion: DoseConversion;
      readonly ratio: number;
    }
  | { readonly kind: "unknown"; readonly missing: readonly BodyMeasure[] };

/** Rounded for display: 4 significant digits, no more decimals than needed. */
function forDisplay(x: number): number {
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(x))));
  return roundTo(x, Math.min(decimals, 6));
}

function evaluateQuantity(value: number, unit: DoseUnitId, q: DoseQuantity, side: Side, p: PatientMeasures): Outcome {
  if (!areConvertible(unit, q.unit)) throw new Error(`dose range in ${q.unit} cannot apply to ${unit}`);
  const [f0, f1] = conversionFactorRange(unit, q.unit, measureRanges(p), p.bsaM2);
  const lo = value * f0;
  const hi = value * f1;
  if (side === "max" ? le(hi, q.value) : ge(lo, q.value)) return { kind: "holds" };
  if (side === "max" ? gt(lo, q.value) : lt(hi, q.value)) {
    const converted = side === "max" ? lo : hi;
    const conversion: DoseConversion =
      unit === q.unit ? "none" : f0 === f1 ? "exact" : side === "max" ? "atLeast" : "atMost";
    return { kind: "violated", quantity: q, converted, conversion, ratio: converted / q.value };
  }
  return { kind: "unknown", missing: missingMeasures(p, measuresNeeded(unit, q.unit)) };
}

/** A limit holds if any alternative holds, is violated if all are; the reported alternative is the least violated. */
function evaluateLimit(value: number, unit: DoseUnitId, limit: DoseLimit, side: Side, p: PatientMeasures): Outcome {
  const outcomes = limit.map((q) => evaluateQuantity(value, unit, q, side, p));
  if (outcomes.some((o) => o.kind === "holds")) return { kind: "holds" };
  const unknown = outcomes.filter((o) => o.kind === "unknown");
  if (unknown.length > 0) return { kind: "unknown", missing: unknown.flatMap((o) => o.missing) };
  const violated = outcomes.filter((o) => o.kind === "violated");
  const closest = violated.reduce((best, o) =>
    (side === "max" ? o.ratio < best.ratio : o.ratio > best.ratio) ? o : best,
  );
  return closest;
}

function limitIssue(
  key: "dose.aboveHard" | "dose.belowHard" | "dose.aboveUsual" | "dose.belowUsual",
  base: DoseBaseParams,
  o: Extract<Outcome, { kind: "violated" }>,
): DoseIssue {
  return {
    key,
    params: {
      ...base,
      limit: o.quantity.value,
      limitUnit: o.quantity.unit,
      converted: forDisplay(o.converted),
      conversion: o.conversion,
    },
  };
}

function missingParam(missing: ReadonlySet<BodyMeasure>): MissingMeasureParam {
  return missing.has("weight") && missing.has("height") ? "weight_height" : missing.has("weight") ? "weight" : "height";
}

/** The dose converted into its own unit and every unit the drug's ranges use, where the known measures allow. */
export function normaliseDose(
  value: number,
  unit: DoseUnitId,
  bases: readonly DoseUnitId[],
  p: PatientMeasures,
): NormalisedDose {
  const out: Partial<Record<DoseUnitId, number>> = { [unit]: value };
  for (const basis of bases) {
    if (basis === unit || !areConvertible(unit, basis)) continue;
    if (missingMeasures(p, measuresNeeded(unit, basis)).length > 0) continue;
    out[basis] = value * conversionFactor(unit, basis, p.weightKg ?? 1, p.bsaM2 ?? 1);
  }
  return Object.freeze(out);
}

function rangeBases(limits: readonly DoseLimit[]): DoseUnitId[] {
  return [...new Set(limits.flatMap((l) => l.map((q) => q.unit)))];
}

function result(level: DoseLevel, issues: readonly DoseIssue[], normalised: NormalisedDose): DoseCheck {
  return Object.freeze({ level, issues: Object.freeze([...issues]), normalised });
}

export function checkDose(input: DoseInput): DoseCheck {
  // A dose written in µg or g for a drug taken in mg is converted on entry and judged as such:
  // 20 µg/kg/day is checked, and spoken of, as 0.02 mg/kg/day.
  const mg = isDoseUnitId(input.unit) ? mgUnitOf(input.unit) : undefined;
  const drug = findDrug(input.drugId);
  if (mg && drug?.units.includes(mg) && !drug.units.includes(input.unit as DoseUnitId)) {
    const value = Number((input.value * conversionFactor(input.unit as DoseUnitId, mg, 1, 1)).toPrecision(12));
    return checkInUnit({ ...input, value, unit: mg });
  }
  return checkInUnit(input);
}

function checkInUnit(input: DoseInput): DoseCheck {
  const { value, unit } = input;
  const base: DoseBaseParams = { drug: input.drugId, value, unit: String(unit) };
  const drug = findDrug(input.drugId);
  if (!drug) return result("hard", [{ key: "dose.unknownDrug", params: base }], {});
  if (!isDoseUnitId(unit) || !drug.units.includes(unit)) {
    return result("hard", [{ key: "dose.unitNotAccepted", params: { ...base, accepted: drug.units.join(",") } }], {});
  }
  if (!Number.isFinite(value) || value <= 0) return result("hard", [{ key: "dose.notPositive", params: base }], {});

  const p = patientMeasures(input.weightKg, input.heightCm);
  const r = drug.ranges;
  if (!r) return result("soft", [{ key: "dose.noReference", params: base }], { [unit]: value });
  const normalised = normaliseDose(
    value,
    unit,
    rangeBases([...r.hardMin, ...r.hardMax, ...r.usualMin, ...r.usualMax]),
    p,
  );

  const missing = new Set<BodyMeasure>();
  const hard: DoseIssue[] = [];
  const hardBounds: readonly [Side, readonly DoseLimit[], "dose.belowHard" | "dose.aboveHard"][] = [
    ["min", r.hardMin, "dose.belowHard"],
    ["max", r.hardMax, "dose.aboveHard"],
  ];
  for (const [side, limits, key] of hardBounds) {
    for (const limit of limits) {
      const o = evaluateLimit(value, unit, limit, side, p);
      if (o.kind === "violated") hard.push(limitIssue(key, base, o));
      else if (o.kind === "unknown") for (const m of o.missing) missing.add(m);
    }
  }
  if (hard.length > 0) return result("hard", hard, normalised);

  const soft: DoseIssue[] = [];
  const usual: readonly [Side, readonly DoseLimit[], "dose.belowUsual" | "dose.aboveUsual"][] = [
    ["min", r.usualMin, "dose.belowUsual"],
    ["max", r.usualMax, "dose.aboveUsual"],
  ];
  for (const [side, limits, key] of usual) {
    for (const limit of limits) {
      const o = evaluateLimit(value, unit, limit, side, p);
      if (o.kind === "violated") soft.push(limitIssue(key, base, o));
      else if (o.kind === "unknown") for (const m of o.missing) missing.add(m);
    }
  }
  if (missing.size > 0) soft.push({ key: "dose.cannotCheck", params: { ...base, missing: missingParam(missing) } });
  return result(soft.length > 0 ? "soft" : "ok", soft, normalised);
}
