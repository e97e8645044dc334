// The dashboard's outcomes: MAS resolution, relapses, death and its cause, DM
// status at last follow-up, and the Kaplan–Meier survival from the MAS
// diagnosis. Counters only (and the survival observations grouped by time),
// one case at a time (src/domain/stats/dashboard.ts).
import { stringOf, type CaseAnswers } from "../crf/answers";
import type { FieldId } from "../crf/definition";
import { countChoice, emptyChoiceCounts, type ChoiceCounts, type MutableChoiceCounts } from "./counts";
import {
  addToTally,
  atRiskAt,
  kaplanMeierFromTally,
  survivalAt,
  type KaplanMeierResult,
  type SurvivalTally,
} from "./kaplan-meier";
import { optionsOf, RELAPSE_BLOCK, values } from "./study-fields";
import { SURVIVAL_EXCLUSIONS, survivalDatum, type SurvivalExclusion } from "./survival-data";

/** Times (in years) at which the number at risk and S(t) are reported under the curve. */
export const SURVIVAL_MILESTONE_YEARS = [0, 1, 2, 3, 4, 5] as const;
export const DAYS_PER_YEAR = 365.25;
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

export interface SurvivalSummary {
  /** Days from the MAS diagnosis. */
  readonly km: KaplanMeierResult;
  readonly excluded: Readonly<Record<SurvivalExclusion, number>>;
  /** Cases in the estimate with a date placed mid-month. */
  readonly imputed: number;
  readonly milestones: readonly { readonly years: number; readonly atRisk: number; readonly survival: number }[];
}

export interface OutcomeStats {
  readonly outcomes: {
    readonly resolution: ChoiceCounts;
    readonly relapses: {
      /** Cases with at least one relapse row. */
      readonly patients: number;
      readonly total: number;
      /** Cases with 0, 1, 2, 3 or more relapse rows. */
      readonly distribution: readonly number[];
    };
    readonly death: ChoiceCounts;
    /** Among the cases with death = yes. */
    readonly deathCause: ChoiceCounts;
    readonly dmStatusLast: ChoiceCounts;
  };
  readonly survival: SurvivalSummary;
}

const choiceCounts = (field: FieldId): MutableChoiceCounts => emptyChoiceCounts(values(optionsOf(field)));

export class OutcomeAccumulator {
  private readonly resolution = choiceCounts("sam_resolution");
  private readonly death = choiceCounts("death");
  private readonly deathCause = choiceCounts("death_cause");
  private readonly dmStatusLast = choiceCounts("dm_status_last");
  private readonly relapses = { patients: 0, total: 0, distribution: [0, 0, 0, 0] };
  private readonly survivalTally: SurvivalTally = new Map();
  private readonly survivalExcluded = Object.fromEntries(SURVIVAL_EXCLUSIONS.map((r) => [r, 0])) as Record<
    SurvivalExclusion,
    number
  >;
  private survivalImputed = 0;

  add(answers: CaseAnswers): void {
    const f = answers.fields;
    countChoice(this.resolution, f.sam_resolution);
    countChoice(this.death, f.death);
    if (stringOf(f.death) === "yes") countChoice(this.deathCause, f.death_cause);
    countChoice(this.dmStatusLast, f.dm_status_last);
    const relapses = (answers.blocks[RELAPSE_BLOCK] ?? []).length;
    if (relapses > 0) this.relapses.patients += 1;
    this.relapses.total += relapses;
    this.relapses.distribution[Math.min(3, relapses)]! += 1;

    const datum = survivalDatum(answers);
    if (datum.kind === "excluded") this.survivalExcluded[datum.reason] += 1;
    else {
      addToTally(this.survivalTally, datum.observation);
      if (datum.imputed) this.survivalImputed += 1;
    }
  }

  result(): OutcomeStats {
    const km = kaplanMeierFromTally(this.survivalTally);
    return {
      outcomes: {
        resolution: this.resolution,
        relapses: this.relapses,
        death: this.death,
        deathCause: this.deathCause,
        dmStatusLast: this.dmStatusLast,
      },
      survival: {
        km,
        excluded: { ...this.survivalExcluded },
        imputed: this.survivalImputed,
        milestones: SURVIVAL_MILESTONE_YEARS.map((years) => {
          const t = years * DAYS_PER_YEAR;
          return { years, atRisk: atRiskAt(km, t), survival: survivalAt(km, t) };
        }),
      },
    };
  }
}
