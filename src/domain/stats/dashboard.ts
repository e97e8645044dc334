// The coordinator's dashboard, computed one case at a time: inclusions over
// time and per centre, the study's descriptive results (antibodies, DM
// features, MAS triggers, HScore, HLH-2004, treatment lines and responses,
// outcomes) and the Kaplan–Meier survival from the MAS diagnosis.
//
// The accumulator keeps counters only (and the survival observations grouped
// by time), never the cases: the server streams cases through `add` in
// batches and calls `result` once. Values are option ids and counts; the
// interface turns ids into French or English labels from the definition.
import { asCaseAnswers, stringOf, type CaseAnswers } from "../crf/answers";
import { completeness } from "../crf/completeness";
import type { FieldId } from "../crf/definition";
import { parsePartialDate } from "../crf/partial-dates";
import { CASE_STATUSES, caseStatusOf, type CaseStatus } from "../lifecycle";
import {
  addToBins,
  countChoice,
  Counter,
  emptyBins,
  emptyChoiceCounts,
  MonthByCategoryCounter,
  monthSeries,
  type Bins,
  type ChoiceCounts,
  type MonthByCategory,
  type MonthCount,
  type MutableBins,
  type MutableChoiceCounts,
} from "./counts";
import {
  addToTally,
  atRiskAt,
  kaplanMeierFromTally,
  survivalAt,
  type KaplanMeierResult,
  type SurvivalTally,
} from "./kaplan-meier";
import {
  ANTIBODY_FIELDS,
  DM_FEATURE_GROUP_IDS,
  DM_FEATURE_GROUPS,
  optionsOf,
  RELAPSE_BLOCK,
  SUPPORTIVE_CARE_FIELDS,
  TRIGGER_FIELDS,
  values,
  type DmFeatureGroup,
} from "./study-fields";
import { SURVIVAL_EXCLUSIONS, survivalDatum, type SurvivalExclusion } from "./survival-data";
import { TreatmentAccumulator, type TreatmentSummary } from "./treatments";

export { NO_DRUG, NO_LINE } from "./treatments";

/** What the dashboard needs of one case. */
export interface CaseForStats {
  readonly centreCode: string;
  readonly status: string;
  /** Month the case was entered (created), YYYY-MM, in the study's time zone. */
  readonly entryMonth: string;
  /** Case.answers as stored (read defensively). */
  readonly answers: unknown;
  /** Case.computed as stored (src/domain/crf/computed.ts), or null. */
  readonly computed: unknown;
  /** Queries on the case not closed yet (open or answered). */
  readonly openQueries: number;
}

export interface CentreRef {
  readonly code: string;
  readonly name: string;
}

export type StatusCounts = Readonly<Record<CaseStatus, number>>;

export interface CentreSummary {
  readonly code: string;
  readonly name: string;
  readonly total: number;
  readonly byStatus: StatusCounts;
  /** Queries not closed (open or answered, awaiting closure). */
  readonly openQueries: number;
  /** Mean over the centre's cases of each case's completeness (answered / applicable items, %); null without cases. */
  readonly meanCompleteness: number | null;
}

export interface FieldCounts {
  readonly field: string;
  readonly counts: ChoiceCounts;
}

export const HSCORE_BIN_WIDTH = 20;
/** The HScore's maximum is 337: bins 0–19 … 320–339. */
export const HSCORE_UPPER = 340;
export const HLH_2004_CRITERIA = 8;
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

export interface DashboardStats {
  readonly totalCases: number;
  readonly inclusions: {
    /** Month of the MAS diagnosis (sam_date), continuous series. */
    readonly byDiagnosisMonth: readonly MonthCount[];
    /** Cases without a usable MAS diagnosis month. */
    readonly diagnosisMonthUnknown: number;
    /** Month the case was entered. */
    readonly byEntryMonth: readonly MonthCount[];
    /** Month the case was entered × centre (centres with cases, by code). */
    readonly byEntryMonthAndCentre: MonthByCategory;
  };
  readonly centres: readonly CentreSummary[];
  readonly overall: {
    readonly byStatus: StatusCounts;
    readonly openQueries: number;
    readonly meanCompleteness: number | null;
  };
  readonly antibodies: readonly FieldCounts[];
  readonly dmFeatures: readonly { readonly group: DmFeatureGroup; readonly fields: readonly FieldCounts[] }[];
  readonly triggers: readonly FieldCounts[];
  readonly hscore: {
    /** Complete scores (minimum = maximum) binned by 20 points. */
    readonly bins: Bins;
    readonly complete: number;
    /** Scores still a range because items are missing. */
    readonly incomplete: number;
    /** No stored score (Case.computed missing or unreadable). */
    readonly notComputed: number;
    /** Best cut-off 169 over every scored case: reached whatever the missing items, never reached, undetermined. */
    readonly cutOff: { readonly certain: number; readonly impossible: number; readonly undetermined: number };
  };
  readonly hlh2004: {
    /** Cases by number of criteria met (index 0–8). */
    readonly metCount: readonly number[];
    readonly fulfilled: { readonly yes: number; readonly no: number; readonly undetermined: number };
    readonly notComputed: number;
  };
  readonly treatments: TreatmentSummary & { readonly supportive: readonly FieldCounts[] };
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

type MutableStatusCounts = Record<CaseStatus, number>;
const emptyStatusCounts = (): MutableStatusCounts =>
  Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as MutableStatusCounts;

interface CentreAcc {
  code: string;
  name: string;
  total: number;
  byStatus: MutableStatusCounts;
  openQueries: number;
  completenessSum: number;
}

type FieldAcc = { field: string; counts: MutableChoiceCounts };
const fieldAcc = (field: FieldId): FieldAcc => ({ field, counts: emptyChoiceCounts(values(optionsOf(field))) });

/** Completeness of a whole case: answered over applicable items of every section, in percent. */
export function caseCompleteness(answers: CaseAnswers): number {
  let answered = 0;
  let applicable = 0;
  for (const s of completeness(answers)) {
    answered += s.answered;
    applicable += s.applicable;
  }
  return applicable === 0 ? 100 : (100 * answered) / applicable;
}

interface ScoreTotals {
  hscore: { min: number; max: number } | null;
  hlh: { metCount: number; fulfilled: "yes" | "no" | "undetermined" } | null;
}

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Reads what the dashboard uses of Case.computed; anything malformed counts as "not computed". */
export function scoreTotals(computed: unknown): ScoreTotals {
  const c = computed && typeof computed === "object" ? (computed as Record<string, unknown>) : {};
  const hs =
    c.hscore && typeof c.hscore === "object" ? (c.hscore as { total?: { min?: unknown; max?: unknown } }) : undefined;
  const hscore =
    hs?.total && isNum(hs.total.min) && isNum(hs.total.max) ? { min: hs.total.min, max: hs.total.max } : null;
  const h =
    c.hlh_2004 && typeof c.hlh_2004 === "object"
      ? (c.hlh_2004 as { metCount?: unknown; fulfilled?: unknown })
      : undefined;
  const fulfilled = h?.fulfilled;
  const hlh: ScoreTotals["hlh"] =
    h && isNum(h.metCount) && (fulfilled === "yes" || fulfilled === "no" || fulfilled === "undetermined")
      ? { metCount: h.metCount, fulfilled: fulfilled as "yes" | "no" | "undetermined" }
      : null;
  return { hscore, hlh };
}

export class DashboardAccumulator {
  private totalCases = 0;
  private readonly centres = new Map<string, CentreAcc>();
  private readonly diagnosisMonths = new Counter<string>();
  private diagnosisMonthUnknown = 0;
  private readonly entryMonths = new Counter<string>();
  private readonly entryByCentre = new MonthByCategoryCounter();
  private readonly antibodies = ANTIBODY_FIELDS.map(fieldAcc);
  private readonly dmFeatures = DM_FEATURE_GROUP_IDS.map((group) => ({
    group,
    fields: DM_FEATURE_GROUPS[group].map(fieldAcc),
  }));
  private readonly triggers = TRIGGER_FIELDS.map(fieldAcc);
  private readonly supportive = SUPPORTIVE_CARE_FIELDS.map(fieldAcc);
  private readonly hscoreBins: MutableBins = emptyBins(HSCORE_BIN_WIDTH, HSCORE_UPPER);
  private readonly hscore = {
    complete: 0,
    incomplete: 0,
    notComputed: 0,
    cutOff: { certain: 0, impossible: 0, undetermined: 0 },
  };
  private readonly hlhMet = Array.from({ length: HLH_2004_CRITERIA + 1 }, () => 0);
  private readonly hlh = { fulfilled: { yes: 0, no: 0, undetermined: 0 }, notComputed: 0 };
  private readonly treatments = new TreatmentAccumulator();
  private readonly resolution = fieldAcc("sam_resolution");
  private readonly death = fieldAcc("death");
  private readonly deathCause = fieldAcc("death_cause");
  private readonly dmStatusLast = fieldAcc("dm_status_last");
  private readonly relapses = { patients: 0, total: 0, distribution: [0, 0, 0, 0] };
  private readonly survivalTally: SurvivalTally = new Map();
  private readonly survivalExcluded = Object.fromEntries(SURVIVAL_EXCLUSIONS.map((r) => [r, 0])) as Record<
    SurvivalExclusion,
    number
  >;
  private survivalImputed = 0;

  /** `centres`: every centre of the study, so that centres without cases are listed too. */
  constructor(centres: readonly CentreRef[] = []) {
    for (const c of centres) this.centre(c.code, c.name);
  }

  private centre(code: string, name = code): CentreAcc {
    let acc = this.centres.get(code);
    if (!acc) {
      acc = { code, name, total: 0, byStatus: emptyStatusCounts(), openQueries: 0, completenessSum: 0 };
      this.centres.set(code, acc);
    }
    return acc;
  }

  add(input: CaseForStats): void {
    const answers = asCaseAnswers(input.answers);
    const f = answers.fields;
    this.totalCases += 1;

    // Inclusions and follow-up of data entry.
    const centre = this.centre(input.centreCode);
    centre.total += 1;
    // An unknown status cannot be edited any more: counted as locked, as the workflow treats it.
    centre.byStatus[caseStatusOf(input.status)] += 1;
    centre.openQueries += input.openQueries;
    centre.completenessSum += caseCompleteness(answers);
    const sam = parsePartialDate(stringOf(f.sam_date) ?? "");
    if (sam && sam.precision !== "year") this.diagnosisMonths.add(sam.earliest.slice(0, 7));
    else this.diagnosisMonthUnknown += 1;
    this.entryMonths.add(input.entryMonth);
    this.entryByCentre.add(input.entryMonth, input.centreCode);

    // Descriptive results.
    for (const a of this.antibodies) countChoice(a.counts, f[a.field]);
    for (const g of this.dmFeatures) for (const a of g.fields) countChoice(a.counts, f[a.field]);
    for (const a of this.triggers) countChoice(a.counts, f[a.field]);
    for (const a of this.supportive) countChoice(a.counts, f[a.field]);
    this.addScores(input.computed);
    this.treatments.add(answers);
    this.addOutcomes(answers);
  }

  private addScores(computed: unknown): void {
    const { hscore, hlh } = scoreTotals(computed);
    if (!hscore) this.hscore.notComputed += 1;
    else {
      if (hscore.min === hscore.max) {
        this.hscore.complete += 1;
        addToBins(this.hscoreBins, hscore.min);
      } else this.hscore.incomplete += 1;
      if (hscore.min >= 169) this.hscore.cutOff.certain += 1;
      else if (hscore.max < 169) this.hscore.cutOff.impossible += 1;
      else this.hscore.cutOff.undetermined += 1;
    }
    if (!hlh) this.hlh.notComputed += 1;
    else {
      this.hlhMet[Math.max(0, Math.min(HLH_2004_CRITERIA, Math.round(hlh.metCount)))]! += 1;
      this.hlh.fulfilled[hlh.fulfilled] += 1;
    }
  }

  private addOutcomes(answers: CaseAnswers): void {
    const f = answers.fields;
    countChoice(this.resolution.counts, f.sam_resolution);
    countChoice(this.death.counts, f.death);
    if (stringOf(f.death) === "yes") countChoice(this.deathCause.counts, f.death_cause);
    countChoice(this.dmStatusLast.counts, f.dm_status_last);
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

  result(): DashboardStats {
    const centres = [...this.centres.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(
        (c): CentreSummary => ({
          code: c.code,
          name: c.name,
          total: c.total,
          byStatus: { ...c.byStatus },
          openQueries: c.openQueries,
          meanCompleteness: c.total ? c.completenessSum / c.total : null,
        }),
      );
    const byStatus = emptyStatusCounts();
    for (const c of centres) for (const s of CASE_STATUSES) byStatus[s] += c.byStatus[s];
    const completenessSum = [...this.centres.values()].reduce((a, c) => a + c.completenessSum, 0);

    const km = kaplanMeierFromTally(this.survivalTally);
    return {
      totalCases: this.totalCases,
      inclusions: {
        byDiagnosisMonth: monthSeries(this.diagnosisMonths),
        diagnosisMonthUnknown: this.diagnosisMonthUnknown,
        byEntryMonth: monthSeries(this.entryMonths),
        byEntryMonthAndCentre: this.entryByCentre.result(centres.map((c) => c.code)),
      },
      centres,
      overall: {
        byStatus,
        openQueries: centres.reduce((a, c) => a + c.openQueries, 0),
        meanCompleteness: this.totalCases ? completenessSum / this.totalCases : null,
      },
      antibodies: this.antibodies,
      dmFeatures: this.dmFeatures,
      triggers: this.triggers,
      hscore: { bins: this.hscoreBins, ...this.hscore },
      hlh2004: { metCount: this.hlhMet, ...this.hlh },
      treatments: { ...this.treatments.result(), supportive: this.supportive },
      outcomes: {
        resolution: this.resolution.counts,
        relapses: this.relapses,
        death: this.death.counts,
        deathCause: this.deathCause.counts,
        dmStatusLast: this.dmStatusLast.counts,
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

/** Convenience for tests and small sets: the dashboard of a list of cases. */
export function dashboardStats(cases: Iterable<CaseForStats>, centres: readonly CentreRef[] = []): DashboardStats {
  const acc = new DashboardAccumulator(centres);
  for (const c of cases) acc.add(c);
  return acc.result();
}
