// 2016 EULAR/ACR/PRINTO classification criteria for MAS in systemic JIA
// (Ravelli et al., Ann Rheum Dis 2016). Validated in systemic JIA, so only
// informative in DM; thresholds exactly as in crf-spec.md §3.

import { gt, le } from "./decimal";
import { allOf, atLeast, criterionOf, criterionOfBoolean, type Criterion, type Maybe } from "./tri-state";

/**
 * Canonical units; omitted fields are unknown, exactly like NK/ND.
 * `febrile` is a yes/no judgement: the criteria set no temperature threshold.
 */
export interface Mas2016Input {
  readonly febrile?: Maybe<boolean>;
  readonly ferritinUgl?: Maybe<number>;
  readonly plateletsGl?: Maybe<number>;
  readonly astIul?: Maybe<number>;
  readonly triglyceridesMmoll?: Maybe<number>;
  readonly fibrinogenGl?: Maybe<number>;
}

export type Mas2016LabName = "platelets" | "ast" | "triglycerides" | "fibrinogen";

export interface Mas2016Result {
  readonly result: Criterion;
  readonly febrile: Criterion;
  readonly ferritin: Criterion;
  readonly labs: Readonly<Record<Mas2016LabName, Criterion>>;
  /** At least 2 of the 4 laboratory criteria. */
  readonly twoOfFourLabs: Criterion;
}

export function computeMas2016(input: Mas2016Input): Mas2016Result {
  const febrile = criterionOfBoolean(input.febrile);
  const ferritin = criterionOf(input.ferritinUgl, (f) => gt(f, 684));
  const labs: Record<Mas2016LabName, Criterion> = {
    platelets: criterionOf(input.plateletsGl, (p) => le(p, 181)),
    ast: criterionOf(input.astIul, (a) => gt(a, 48)),
    triglycerides: criterionOf(input.triglyceridesMmoll, (tg) => gt(tg, 1.76)),
    fibrinogen: criterionOf(input.fibrinogenGl, (fib) => le(fib, 3.6)),
  };
  const twoOfFourLabs = atLeast(2, Object.values(labs));
  return { result: allOf([febrile, ferritin, twoOfFourLabs]), febrile, ferritin, labs, twoOfFourLabs };
}
