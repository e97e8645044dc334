// 2017 EULAR/ACR classification criteria for idiopathic inflammatory myopathies
// (Lundberg et al., Ann Rheum Dis 2017), as listed in crf-spec.md §2.
// Points are held in tenths as integers: summing 3.1 + 2.1 + … in doubles can
// land a hair off the true total, and the class depends on where the total falls.

import { anyOf, criterionOfBoolean, isKnown, type Criterion, type Maybe } from "./tri-state";

export type EularAcrModel = "without_biopsy" | "with_biopsy";
export type EularAcrClass = "definite" | "probable" | "possible" | "not_iim";
/** "other" = no typical DM rash; "unknown" = the data do not allow to tell. */
export type EularAcrSubgroup = "dm" | "amyopathic_dm" | "juvenile_dm" | "other" | "unknown";

export type EularAcrClinicalItem =
  | "proximalWeaknessUpper"
  | "proximalWeaknessLower"
  | "neckFlexorsWeakerThanExtensors"
  | "legsProximalWeakerThanDistal"
  | "heliotropeRash"
  | "gottronPapules"
  | "gottronSign"
  | "dysphagia"
  | "antiJo1"
  | "elevatedMuscleEnzymes";

export type EularAcrBiopsyItem =
  | "endomysialInfiltrate"
  | "perimysialPerivascularInfiltrate"
  | "perifascicularAtrophy"
  | "rimmedVacuoles";

export type EularAcrItem = "ageAtOnset" | EularAcrClinicalItem | EularAcrBiopsyItem;

/** Omitted fields are unknown, exactly like NK/ND. */
export type EularAcrInput = {
  /** Age at the first symptom attributable to the disease, in years. */
  readonly ageAtOnsetYears?: Maybe<number>;
  readonly biopsyDone?: Maybe<boolean>;
} & { readonly [K in EularAcrClinicalItem | EularAcrBiopsyItem]?: Maybe<boolean> };

export interface EularAcrEstimate {
  readonly score: number;
  readonly probability: number;
  readonly class: EularAcrClass;
}

export interface EularAcrItemPoints {
  /** Points scored, or null when the item is unknown. */
  readonly points: number | null;
  readonly min: number;
  readonly max: number;
}

export interface EularAcrResult {
  readonly model: EularAcrModel;
  /** True when no item counted by the model is unknown. */
  readonly complete: boolean;
  readonly unknownItems: readonly EularAcrItem[];
  readonly items: Readonly<Partial<Record<EularAcrItem, EularAcrItemPoints>>>;
  /** Exact score and probability, null when an item is unknown (see range). */
  readonly score: number | null;
  readonly probability: number | null;
  /** Null only when the unknown items could change the class. */
  readonly class: EularAcrClass | null;
  /** Lowest and highest outcome over the unknown items; equal when complete. */
  readonly range: { readonly min: EularAcrEstimate; readonly max: EularAcrEstimate };
  readonly subgroup: EularAcrSubgroup;
}

/** Points in tenths: [without biopsy, with biopsy]. */
const CLINICAL_TENTHS: Readonly<Record<EularAcrClinicalItem, readonly [number, number]>> = {
  proximalWeaknessUpper: [7, 7],
  proximalWeaknessLower: [8, 5],
  neckFlexorsWeakerThanExtensors: [19, 16],
  legsProximalWeakerThanDistal: [9, 12],
  heliotropeRash: [31, 32],
  gottronPapules: [21, 27],
  gottronSign: [33, 37],
  dysphagia: [7, 6],
  antiJo1: [39, 38],
  elevatedMuscleEnzymes: [13, 14],
};

const BIOPSY_TENTHS: Readonly<Record<EularAcrBiopsyItem, number>> = {
  endomysialInfiltrate: 17,
  perimysialPerivascularInfiltrate: 12,
  perifascicularAtrophy: 19,
  rimmedVacuoles: 31,
};

const AGE_18_TO_40_TENTHS: readonly [number, number] = [13, 15];
const AGE_40_PLUS_TENTHS: readonly [number, number] = [21, 22];

export const EULAR_ACR_CLINICAL_ITEMS = Object.keys(CLINICAL_TENTHS) as readonly EularAcrClinicalItem[];
export const EULAR_ACR_BIOPSY_ITEMS = Object.keys(BIOPSY_TENTHS) as readonly EularAcrBiopsyItem[];

const INTERCEPT: Readonly<Record<EularAcrModel, number>> = { without_biopsy: 5.33, with_biopsy: 6.49 };

/** Probability of IIM for a score under the given model. */
export function eularAcrProbability(score: number, model: EularAcrModel): number {
  return 1 / (1 + Math.exp(INTERCEPT[model] - score));
}

/**
 * Class from the probability. The cut-offs fall at irrational scores (e.g.
 * 5.33 + ln 9 ≈ 7.527), never on a reachable tenth, so comparing probabilities is safe.
 */
export function eularAcrClass(probability: number): EularAcrClass {
  if (probability >= 0.9) return "definite";
  if (probability >= 0.55) return "probable";
  if (probability >= 0.5) return "possible";
  return "not_iim";
}

function estimate(tenths: number, model: EularAcrModel): EularAcrEstimate {
  const score = tenths / 10;
  const probability = eularAcrProbability(score, model);
  return { score, probability, class: eularAcrClass(probability) };
}

function ageTenths(age: number, modelIndex: 0 | 1): number {
  if (age >= 40) return AGE_40_PLUS_TENTHS[modelIndex];
  if (age >= 18) return AGE_18_TO_40_TENTHS[modelIndex];
  return 0;
}

function subgroupOf(input: EularAcrInput): EularAcrSubgroup {
  const rash = anyOf([input.heliotropeRash, input.gottronPapules, input.gottronSign].map(criterionOfBoolean));
  if (rash === "not_met") return "other";
  if (rash === "unknown" || !isKnown(input.ageAtOnsetYears)) return "unknown";
  if (input.ageAtOnsetYears < 18) return "juvenile_dm";
  const weakness: Criterion = anyOf(
    [
      input.proximalWeaknessUpper,
      input.proximalWeaknessLower,
      input.neckFlexorsWeakerThanExtensors,
      input.legsProximalWeakerThanDistal,
    ].map(criterionOfBoolean),
  );
  if (weakness === "met") return "dm";
  if (weakness === "not_met") return "amyopathic_dm";
  return "unknown";
}

/**
 * Scores the criteria. The with-biopsy model applies only when a biopsy is known
 * to have been done: without biopsy results the no-biopsy model is the valid one,
 * so an unknown biopsy status does not make the score incomplete.
 */
export function computeEularAcr2017(input: EularAcrInput): EularAcrResult {
  const model: EularAcrModel = input.biopsyDone === true ? "with_biopsy" : "without_biopsy";
  const modelIndex = model === "with_biopsy" ? 1 : 0;
  const items: Partial<Record<EularAcrItem, EularAcrItemPoints>> = {};
  const unknownItems: EularAcrItem[] = [];
  let minTenths = 0;
  let maxTenths = 0;

  const add = (item: EularAcrItem, value: Maybe<boolean>, tenths: number): void => {
    if (isKnown(value)) {
      const t = value ? tenths : 0;
      items[item] = { points: t / 10, min: t / 10, max: t / 10 };
      minTenths += t;
      maxTenths += t;
    } else {
      items[item] = { points: null, min: 0, max: tenths / 10 };
      unknownItems.push(item);
      maxTenths += tenths;
    }
  };

  const age = input.ageAtOnsetYears;
  if (isKnown(age)) {
    const t = ageTenths(age, modelIndex);
    items.ageAtOnset = { points: t / 10, min: t / 10, max: t / 10 };
    minTenths += t;
    maxTenths += t;
  } else {
    const top = AGE_40_PLUS_TENTHS[modelIndex];
    items.ageAtOnset = { points: null, min: 0, max: top / 10 };
    unknownItems.push("ageAtOnset");
    maxTenths += top;
  }
  for (const item of EULAR_ACR_CLINICAL_ITEMS) add(item, input[item], CLINICAL_TENTHS[item][modelIndex]);
  if (model === "with_biopsy") {
    for (const item of EULAR_ACR_BIOPSY_ITEMS) add(item, input[item], BIOPSY_TENTHS[item]);
  }

  const min = estimate(minTenths, model);
  const max = estimate(maxTenths, model);
  const complete = unknownItems.length === 0;
  return {
    model,
    complete,
    unknownItems,
    items,
    score: complete ? min.score : null,
    probability: complete ? min.probability : null,
    class: min.class === max.class ? min.class : null,
    range: { min, max },
    subgroup: subgroupOf(input),
  };
}
