// Score inputs come straight from CRF fields, where a value may be absent or
// replaced by a missing-data code. Scores must keep "absent" (a known `false`)
// apart from "unknown" (no usable value), so both are modelled explicitly here.

/**
 * Codes a CRF field can hold instead of a value: NK = not known, ND = not done,
 * NA = not applicable (field hidden by a condition). None of them says anything
 * about the patient, so every score treats them as "unknown".
 */
export type MissingCode = "NK" | "ND" | "NA";

/** A field value as a score receives it: the value, a missing-data code, or nothing. */
export type Maybe<T> = T | MissingCode | null | undefined;

/** Outcome of one criterion evaluated on possibly incomplete data. */
export type Criterion = "met" | "not_met" | "unknown";

function isMissingCode(value: unknown): value is MissingCode {
  return value === "NK" || value === "ND" || value === "NA";
}

/**
 * True when the field holds a usable value. NaN and infinities count as unknown:
 * they can only come from a failed parse or conversion, never from a patient.
 */
export function isKnown<T>(value: Maybe<T>): value is T {
  if (value === null || value === undefined || isMissingCode(value)) return false;
  if (typeof value === "number" && !Number.isFinite(value)) return false;
  return true;
}

/** The usable value, or undefined. */
export function knownOrUndefined<T>(value: Maybe<T>): T | undefined {
  return isKnown(value) ? value : undefined;
}

/** A criterion from a value and the test that makes it met; unknown when the value is. */
export function criterionOf<T>(value: Maybe<T>, isMet: (v: T) => boolean): Criterion {
  if (!isKnown(value)) return "unknown";
  return isMet(value) ? "met" : "not_met";
}

/** A yes/no field as a criterion (yes = met). */
export function criterionOfBoolean(value: Maybe<boolean>): Criterion {
  return criterionOf(value, (v) => v);
}

/**
 * At least `n` of the criteria are met (three-valued): met once enough are met
 * whatever the unknowns turn out to be, not met once even all unknowns met
 * could not reach `n`, unknown in between.
 */
export function atLeast(n: number, criteria: readonly Criterion[]): Criterion {
  const met = criteria.filter((c) => c === "met").length;
  const unknown = criteria.filter((c) => c === "unknown").length;
  if (met >= n) return "met";
  if (met + unknown < n) return "not_met";
  return "unknown";
}

/** Any of the criteria is met (three-valued OR). */
export function anyOf(criteria: readonly Criterion[]): Criterion {
  return atLeast(1, criteria);
}

/** All of the criteria are met (three-valued AND). */
export function allOf(criteria: readonly Criterion[]): Criterion {
  if (criteria.some((c) => c === "not_met")) return "not_met";
  if (criteria.some((c) => c === "unknown")) return "unknown";
  return "met";
}
