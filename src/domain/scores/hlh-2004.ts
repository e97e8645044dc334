// HLH-2004 diagnostic criteria (Henter et al., Pediatr Blood Cancer 2007),
// thresholds exactly as in crf-spec.md §3: five of eight fulfil the diagnosis.

import { ge, le, lt } from "./decimal";
import { anyOf, atLeast, criterionOf, criterionOfBoolean, type Criterion, type Maybe } from "./tri-state";

/** Canonical units; omitted fields are unknown, exactly like NK/ND. */
export interface Hlh2004Input {
  readonly temperatureC?: Maybe<number>;
  readonly splenomegaly?: Maybe<boolean>;
  readonly haemoglobinGdl?: Maybe<number>;
  readonly plateletsGl?: Maybe<number>;
  readonly neutrophilsGl?: Maybe<number>;
  readonly triglyceridesMmoll?: Maybe<number>;
  readonly fibrinogenGl?: Maybe<number>;
  /** Haemophagocytosis found in bone marrow, spleen, lymph node or liver. */
  readonly haemophagocytosis?: Maybe<boolean>;
  /** Low or absent NK-cell activity ("not tested" is ND). */
  readonly nkActivityLow?: Maybe<boolean>;
  readonly ferritinUgl?: Maybe<number>;
  readonly solubleCd25Uml?: Maybe<number>;
}

export type Hlh2004CriterionName =
  | "fever"
  | "splenomegaly"
  | "cytopenias"
  | "hypertriglyceridaemiaOrHypofibrinogenaemia"
  | "haemophagocytosis"
  | "lowNkActivity"
  | "ferritin"
  | "solubleCd25";

export type Hlh2004Fulfilled = "yes" | "no" | "undetermined";

export interface Hlh2004Result {
  readonly criteria: Readonly<Record<Hlh2004CriterionName, Criterion>>;
  readonly metCount: number;
  readonly unknownCount: number;
  /** "no" only when even all unknown criteria met would stay under 5. */
  readonly fulfilled: Hlh2004Fulfilled;
}

export const HLH_2004_REQUIRED = 5;

export function computeHlh2004(input: Hlh2004Input): Hlh2004Result {
  const criteria: Record<Hlh2004CriterionName, Criterion> = {
    fever: criterionOf(input.temperatureC, (t) => ge(t, 38.5)),
    splenomegaly: criterionOfBoolean(input.splenomegaly),
    cytopenias: atLeast(2, [
      criterionOf(input.haemoglobinGdl, (hb) => lt(hb, 9)),
      criterionOf(input.plateletsGl, (plt) => lt(plt, 100)),
      criterionOf(input.neutrophilsGl, (n) => lt(n, 1)),
    ]),
    hypertriglyceridaemiaOrHypofibrinogenaemia: anyOf([
      criterionOf(input.triglyceridesMmoll, (tg) => ge(tg, 3.0)),
      criterionOf(input.fibrinogenGl, (fib) => le(fib, 1.5)),
    ]),
    haemophagocytosis: criterionOfBoolean(input.haemophagocytosis),
    lowNkActivity: criterionOfBoolean(input.nkActivityLow),
    ferritin: criterionOf(input.ferritinUgl, (f) => ge(f, 500)),
    solubleCd25: criterionOf(input.solubleCd25Uml, (s) => ge(s, 2400)),
  };
  const values = Object.values(criteria);
  const metCount = values.filter((c) => c === "met").length;
  const unknownCount = values.filter((c) => c === "unknown").length;
  const overall = atLeast(HLH_2004_REQUIRED, values);
  const fulfilled: Hlh2004Fulfilled = overall === "met" ? "yes" : overall === "not_met" ? "no" : "undetermined";
  return { criteria, metCount, unknownCount, fulfilled };
}
