// HScore for reactive haemophagocytic syndrome (Fardet et al., Arthritis
// Rheumatol 2014), cut-offs exactly as in crf-spec.md §3. A missing item makes
// the score a range rather than a number: a single figure computed as if the
// item were absent would understate the likelihood of HLH.

import { gt, ge, le, lt } from "./decimal";
import { isKnown, type Maybe } from "./tri-state";

/** Canonical units; omitted fields are unknown, exactly like NK/ND. */
export interface HScoreInput {
  /** Known underlying immunosuppression (HIV or long-term immunosuppressive therapy). */
  readonly knownImmunosuppression?: Maybe<boolean>;
  readonly temperatureC?: Maybe<number>;
  readonly hepatomegaly?: Maybe<boolean>;
  readonly splenomegaly?: Maybe<boolean>;
  readonly haemoglobinGdl?: Maybe<number>;
  readonly leukocytesGl?: Maybe<number>;
  readonly plateletsGl?: Maybe<number>;
  readonly ferritinUgl?: Maybe<number>;
  readonly triglyceridesMmoll?: Maybe<number>;
  readonly fibrinogenGl?: Maybe<number>;
  readonly astIul?: Maybe<number>;
  readonly boneMarrowHaemophagocytosis?: Maybe<boolean> | "not_searched";
}

export type HScoreItem =
  | "immunosuppression"
  | "temperature"
  | "organomegaly"
  | "cytopenias"
  | "ferritin"
  | "triglycerides"
  | "fibrinogen"
  | "ast"
  | "haemophagocytosis";

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

export interface HScoreItemPoints extends ScoreRange {
  /** Points scored, or null when the data leave more than one possibility. */
  readonly points: number | null;
}

/** Probability of HLH read from the published table. */
export type HlhProbability =
  | { readonly kind: "below"; readonly percent: 1; readonly label: "<1 %" }
  | { readonly kind: "value"; readonly percent: number; readonly label: string }
  | { readonly kind: "above"; readonly percent: 99; readonly label: ">99 %" };

/** Whether the score reaches the best cut-off whatever the unknown items are. */
export type CutOffStatus = "certain" | "impossible" | "undetermined";

export interface HScoreResult {
  readonly items: Readonly<Record<HScoreItem, HScoreItemPoints>>;
  readonly complete: boolean;
  readonly unknownItems: readonly HScoreItem[];
  /** Equal bounds when complete. */
  readonly total: ScoreRange;
  readonly probability: { readonly min: HlhProbability; readonly max: HlhProbability };
  readonly atLeast169: CutOffStatus;
  /**
   * Items scored 0 because the test was not done (a marrow aspirate "not
   * searched"): as the score is used at the bedside, an examination not done
   * adds nothing. Unlike an item not recorded (NK), it does not widen the range.
   */
  readonly notDone: readonly HScoreItem[];
}

export const HSCORE_BEST_CUT_OFF = 169;

const fixed = (points: number): HScoreItemPoints => ({ points, min: points, max: points });
const between = (min: number, max: number): HScoreItemPoints => (min === max ? fixed(min) : { points: null, min, max });

function numeric(value: Maybe<number>, points: (v: number) => number, max: number): HScoreItemPoints {
  return isKnown(value) ? fixed(points(value)) : between(0, max);
}

function flag(value: Maybe<boolean>, weight: number): HScoreItemPoints {
  return isKnown(value) ? fixed(value ? weight : 0) : between(0, weight);
}

const temperaturePoints = (t: number): number => (lt(t, 38.4) ? 0 : le(t, 39.4) ? 33 : 49);
const ferritinPoints = (f: number): number => (lt(f, 2000) ? 0 : le(f, 6000) ? 35 : 50);
const triglyceridePoints = (tg: number): number => (lt(tg, 1.5) ? 0 : le(tg, 4) ? 44 : 64);
const fibrinogenPoints = (fib: number): number => (gt(fib, 2.5) ? 0 : 30);
const astPoints = (ast: number): number => (ge(ast, 30) ? 19 : 0);

function organomegaly(hepato: Maybe<boolean>, spleno: Maybe<boolean>): HScoreItemPoints {
  const count = (assumeUnknownAs: boolean): number =>
    [hepato, spleno].filter((v) => (isKnown(v) ? v : assumeUnknownAs)).length;
  const points = (n: number): number => (n === 0 ? 0 : n === 1 ? 23 : 38);
  return between(points(count(false)), points(count(true)));
}

function cytopenias(input: HScoreInput): HScoreItemPoints {
  const lineages: readonly [Maybe<number>, number][] = [
    [input.haemoglobinGdl, 9.2],
    [input.leukocytesGl, 5],
    [input.plateletsGl, 110],
  ];
  let low = 0;
  let unknown = 0;
  for (const [value, cutOff] of lineages) {
    if (!isKnown(value)) unknown += 1;
    else if (le(value, cutOff)) low += 1;
  }
  const points = (n: number): number => (n <= 1 ? 0 : n === 2 ? 24 : 34);
  // Points grow with the number of low lineages, so the extremes are reached
  // when every unknown lineage is normal (min) or low (max).
  return between(points(low), points(low + unknown));
}

/** [score, percent] rows of the published table between its open-ended ends. */
const PROBABILITY_TABLE: readonly (readonly [number, number])[] = [
  [100, 1],
  [110, 3],
  [120, 5],
  [130, 9],
  [140, 16],
  [150, 25],
  [160, 40],
  [170, 54],
  [180, 70],
  [190, 80],
  [200, 88],
  [210, 93],
  [220, 96],
  [230, 98],
  [240, 99],
];

/**
 * Probability of HLH for a total. Below 100 the table only says "<1 %" (≤ 90)
 * and 1 % (100), so everything under 100 is "<1 %"; from 240 up to 249 there is
 * no numeric row above 99 % to interpolate towards, so it stays 99 %.
 */
export function hscoreProbability(total: number): HlhProbability {
  const score = Math.round(total);
  if (score < 100) return { kind: "below", percent: 1, label: "<1 %" };
  if (score >= 250) return { kind: "above", percent: 99, label: ">99 %" };
  let lower: readonly [number, number] = [100, 1];
  let upper: readonly [number, number] = [240, 99];
  for (const row of PROBABILITY_TABLE) {
    if (row[0] <= score) lower = row;
    if (row[0] >= score) {
      upper = row;
      break;
    }
  }
  // Rows are 10 points apart and scores are integers: the interpolated percent
  // is an exact number of tenths, computed in integers to avoid 52.599999.
  const span = upper[0] - lower[0];
  const tenths = span === 0 ? lower[1] * 10 : lower[1] * 10 + ((score - lower[0]) * (upper[1] - lower[1]) * 10) / span;
  const percent = Math.round(tenths) / 10;
  return { kind: "value", percent, label: `${percent} %` };
}

export function computeHScore(input: HScoreInput): HScoreResult {
  const items: Record<HScoreItem, HScoreItemPoints> = {
    immunosuppression: flag(input.knownImmunosuppression, 18),
    temperature: numeric(input.temperatureC, temperaturePoints, 49),
    organomegaly: organomegaly(input.hepatomegaly, input.splenomegaly),
    cytopenias: cytopenias(input),
    ferritin: numeric(input.ferritinUgl, ferritinPoints, 50),
    triglycerides: numeric(input.triglyceridesMmoll, triglyceridePoints, 64),
    fibrinogen: numeric(input.fibrinogenGl, fibrinogenPoints, 30),
    ast: numeric(input.astIul, astPoints, 19),
    haemophagocytosis: flag(
      input.boneMarrowHaemophagocytosis === "not_searched" ? false : input.boneMarrowHaemophagocytosis,
      35,
    ),
  };
  const notDone: HScoreItem[] = input.boneMarrowHaemophagocytosis === "not_searched" ? ["haemophagocytosis"] : [];
  const entries = Object.entries(items) as [HScoreItem, HScoreItemPoints][];
  const min = entries.reduce((sum, [, item]) => sum + item.min, 0);
  const max = entries.reduce((sum, [, item]) => sum + item.max, 0);
  const unknownItems = entries.filter(([, item]) => item.points === null).map(([name]) => name);
  const atLeast169: CutOffStatus =
    min >= HSCORE_BEST_CUT_OFF ? "certain" : max < HSCORE_BEST_CUT_OFF ? "impossible" : "undetermined";
  return {
    items,
    complete: unknownItems.length === 0,
    unknownItems,
    total: { min, max },
    probability: { min: hscoreProbability(min), max: hscoreProbability(max) },
    atLeast169,
    notDone,
  };
}
