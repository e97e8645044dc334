// The patient's weight, height and BSA as the dose checks use them (CRF §2, §8).
// A measure outside the CRF's hard limits could never have been saved, so it
// counts as missing rather than being trusted for a conversion.

import { bsaMosteller } from "../scores/anthropometry";
import { isKnown, type Maybe } from "../scores/tri-state";
import { ADMISSIBLE_HEIGHT_CM, ADMISSIBLE_WEIGHT_KG, type BodyMeasure, type MeasureRanges } from "./units";

export interface PatientMeasures {
  readonly weightKg: number | null;
  readonly heightCm: number | null;
  /** Mosteller BSA rounded to 2 decimals, as the CRF computes bsa_m2; null unless both measures are known. */
  readonly bsaM2: number | null;
}

function usable(
  value: Maybe<number> | undefined,
  limits: { readonly min: number; readonly max: number },
): number | null {
  if (!isKnown(value) || typeof value !== "number") return null;
  return value >= limits.min && value <= limits.max ? value : null;
}

export function patientMeasures(weightKg?: Maybe<number>, heightCm?: Maybe<number>): PatientMeasures {
  const w = usable(weightKg, ADMISSIBLE_WEIGHT_KG);
  const h = usable(heightCm, ADMISSIBLE_HEIGHT_CM);
  return { weightKg: w, heightCm: h, bsaM2: bsaMosteller(h, w) };
}

/** Known measures as single points, unknown ones as the CRF's admissible range. */
export function measureRanges(p: PatientMeasures): MeasureRanges {
  return {
    weightKg: p.weightKg === null ? [ADMISSIBLE_WEIGHT_KG.min, ADMISSIBLE_WEIGHT_KG.max] : [p.weightKg, p.weightKg],
    heightCm: p.heightCm === null ? [ADMISSIBLE_HEIGHT_CM.min, ADMISSIBLE_HEIGHT_CM.max] : [p.heightCm, p.heightCm],
  };
}

/** Which of the `needed` measures the patient lacks. */
export function missingMeasures(p: PatientMeasures, needed: readonly BodyMeasure[]): readonly BodyMeasure[] {
  return needed.filter((m) => (m === "weight" ? p.weightKg === null : p.heightCm === null));
}
