// A drug's usual and hard ranges expressed in one entry unit for one patient:
// the hint a form shows next to the dose field ("usual 14–105 mg/day").
// Bounds written in several bases collapse to the tightest one (AND); a bound
// with alternatives (rituximab: 375 mg/m² or 1000 mg) to the loosest (OR).

import type { Maybe } from "../scores/tri-state";
import { findDrug, type DoseLimit } from "./drugs";
import { missingMeasures, patientMeasures, type PatientMeasures } from "./measures";
import { conversionFactor, measuresNeeded, type DoseUnitId } from "./units";

export interface DoseInterval {
  /** null: no bound on that side. */
  readonly min: number | null;
  readonly max: number | null;
}

export interface DoseRangesInUnit {
  readonly unit: DoseUnitId;
  readonly usual: DoseInterval;
  readonly hard: DoseInterval;
}

export interface DoseRangesQuery {
  readonly drugId: string;
  readonly unit: DoseUnitId;
  readonly weightKg?: Maybe<number>;
  readonly heightCm?: Maybe<number>;
}

/** The limit in `unit`, or undefined when a measure it needs is missing. */
function limitIn(limit: DoseLimit, unit: DoseUnitId, side: "min" | "max", p: PatientMeasures): number | undefined {
  const values: number[] = [];
  for (const q of limit) {
    if (missingMeasures(p, measuresNeeded(q.unit, unit)).length > 0) return undefined;
    values.push(q.value * conversionFactor(q.unit, unit, p.weightKg ?? 1, p.bsaM2 ?? 1));
  }
  // Alternatives: the dose passes if it meets any, so the loosest one bounds it.
  return side === "max" ? Math.max(...values) : Math.min(...values);
}

/**
 * 6 decimals, rounded inwards so that any dose inside the interval passes the
 * check (which compares at 6 decimals): 250 mg/day for 30 kg is a lower bound of
 * 8.333334 mg/kg, not 8.333333. Float noise goes first: 13, not 13.000001.
 */
function inwards(x: number, side: "min" | "max"): number {
  const clean = Number(x.toPrecision(12)) * 1e6;
  return (side === "min" ? Math.ceil(clean) : Math.floor(clean)) / 1e6;
}

/**
 * The tightest of `limits` in `unit`; undefined when one needs a missing
 * measure, unless `skipUnconvertible` (then only the convertible ones count).
 */
function combine(
  limits: readonly DoseLimit[],
  unit: DoseUnitId,
  side: "min" | "max",
  p: PatientMeasures,
  skipUnconvertible = false,
): number | null | undefined {
  if (limits.length === 0) return null;
  const values: number[] = [];
  for (const limit of limits) {
    const v = limitIn(limit, unit, side, p);
    if (v === undefined && skipUnconvertible) continue;
    if (v === undefined) return undefined;
    values.push(v);
  }
  if (values.length === 0) return null;
  // Every limit must hold, so the tightest one bounds the dose.
  return inwards(side === "max" ? Math.min(...values) : Math.max(...values), side);
}

/**
 * The drug's ranges in `unit` for this patient; null when the drug has no
 * reference range, does not accept `unit`, or a measure the conversion of a
 * usual or upper hard bound needs is missing. An empty usual interval
 * (min > max) is possible: hydroxychloroquine 200 mg/day is above 5 mg/kg/day
 * below 40 kg.
 */
export function doseRangesIn(query: DoseRangesQuery): DoseRangesInUnit | null {
  const drug = findDrug(query.drugId);
  if (!drug?.ranges || !drug.units.includes(query.unit)) return null;
  const p = patientMeasures(query.weightKg, query.heightCm);
  const usualMin = combine(drug.ranges.usualMin, query.unit, "min", p);
  const usualMax = combine(drug.ranges.usualMax, query.unit, "max", p);
  // Every drug has a hard minimum in each accepted unit's own basis; the others (prednisone's
  // 0.5 mg/day for a dose in mg/kg) only refuse, without the measure, doses far below it.
  const hardMin = combine(drug.ranges.hardMin, query.unit, "min", p, true);
  const hardMax = combine(drug.ranges.hardMax, query.unit, "max", p);
  if (usualMin === undefined || usualMax === undefined || hardMin === undefined || hardMax === undefined) return null;
  return Object.freeze({
    unit: query.unit,
    // A usual bound beyond the hard one (methylprednisolone 1000 mg/day is 33 mg/kg at 30 kg) is capped.
    usual: Object.freeze({
      min: usualMin === null || hardMin === null ? usualMin : Math.max(usualMin, hardMin),
      max: usualMax === null ? hardMax : hardMax === null ? usualMax : Math.min(usualMax, hardMax),
    }),
    hard: Object.freeze({ min: hardMin, max: hardMax }),
  });
}
