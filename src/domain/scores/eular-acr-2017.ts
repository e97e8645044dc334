// 2017 EULAR/ACR classification criteria for idiopathic inflammatory myopathies
// (Lundberg et al., Ann Rheum Dis 2017), as listed in crf-spec.md §2.
// Points are held in tenths as integers: summing 3.1 + 2.1 + … in doubles can
// land a hair off the true total, and the class depends on where the total falls.
//
// The class follows the paper's published score cut-offs (Lundberg et al. 2017,
// table 3), not the probability formula: the two disagree near the edges (5.5
// without biopsy gives p = 0.542, yet the paper calls 5.5 "probable"; 5.3 gives
// p = 0.49, yet it is "possible"). The probability is still shown, from the formula.

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

/**
 * An age in years: exact, or the range a partial date allows (onset "2016" for
 * someone born in February 1964 is 51 or 52). Bounds are inclusive.
 */
export type AgeYears = number | { readonly min: number; readonly max: number };

/** Omitted fields are unknown, exactly like NK/ND. */
export type EularAcrInput = {
  /** Age at the first symptom attributable to the disease, in years. */
  readonly ageAtOnsetYears?: Maybe<AgeYears>;
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

/** Published score cut-offs, in tenths of a point (score ≥ cut-off). */
export const EULAR_ACR_CUT_OFFS: Readonly<
  Record<EularAcrModel, Readonly<Record<Exclude<EularAcrClass, "not_iim">, number>>>
> = {
  without_biopsy: { possible: 53, probable: 55, definite: 75 },
  with_biopsy: { possible: 65, probable: 67, definite: 87 },
};

/** Probability of IIM for a score under the given model. */
export function eularAcrProbability(score: number, model: EularAcrModel): number {
  return 1 / (1 + Math.exp(INTERCEPT[model] - score));
}

/**
 * Class of a score under the given model, at the published cut-offs. The score
 * is compared in whole tenths (every item is worth whole tenths), so 5.5 typed
 * or summed as 5.499999999 is still 55 tenths.
 */
export function eularAcrClass(score: number, model: EularAcrModel): EularAcrClass {
  const tenths = Math.round(score * 10);
  const cut = EULAR_ACR_CUT_OFFS[model];
  if (tenths >= cut.definite) return "definite";
  if (tenths >= cut.probable) return "probable";
  if (tenths >= cut.possible) return "possible";
  return "not_iim";
}

function estimate(tenths: number, model: EularAcrModel): EularAcrEstimate {
  const score = tenths / 10;
  return { score, probability: eularAcrProbability(score, model), class: eularAcrClass(score, model) };
}

type AgeBand = "under18" | "18to40" | "40plus";

function ageBand(age: number): AgeBand {
  if (age >= 40) return "40plus";
  if (age >= 18) return "18to40";
  return "under18";
}

function bandTenths(band: AgeBand, modelIndex: 0 | 1): number {
  if (band === "40plus") return AGE_40_PLUS_TENTHS[modelIndex];
  if (band === "18to40") return AGE_18_TO_40_TENTHS[modelIndex];
  return 0;
}

/** The age as an inclusive range, or null when unknown (or not a usable number). */
function ageRange(age: Maybe<AgeYears>): { min: number; max: number } | null {
  if (!isKnown(age)) return null;
  if (typeof age === "number") return { min: age, max: age };
  if (!Number.isFinite(age.min) || !Number.isFinite(age.max)) return null;
  return { min: Math.min(age.min, age.max), max: Math.max(age.min, age.max) };
}

function subgroupOf(input: EularAcrInput): EularAcrSubgroup {
  const rash = anyOf([input.heliotropeRash, input.gottronPapules, input.gottronSign].map(criterionOfBoolean));
  if (rash === "not_met") return "other";
  const age = ageRange(input.ageAtOnsetYears);
  if (rash === "unknown" || !age) return "unknown";
  if (age.max < 18) return "juvenile_dm";
  // A range across 18 cannot tell juvenile from adult DM.
  if (age.min < 18) return "unknown";
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

  // An age range inside one band scores that band; across bands, the item is
  // unknown but only between the bands the range touches.
  const age = ageRange(input.ageAtOnsetYears);
  const low = age ? bandTenths(ageBand(age.min), modelIndex) : 0;
  const high = age ? bandTenths(ageBand(age.max), modelIndex) : AGE_40_PLUS_TENTHS[modelIndex];
  if (age && ageBand(age.min) === ageBand(age.max)) {
    items.ageAtOnset = { points: low / 10, min: low / 10, max: low / 10 };
  } else {
    items.ageAtOnset = { points: null, min: low / 10, max: high / 10 };
    unknownItems.push("ageAtOnset");
  }
  minTenths += low;
  maxTenths += high;
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
