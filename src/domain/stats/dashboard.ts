// The coordinator's dashboard, computed one case at a time: inclusions over
// time and per centre (inclusions.ts), the study's descriptive results
// (antibodies, DM features, MAS triggers, HScore, HLH-2004, treatment lines
// and responses) and the outcomes with the Kaplan–Meier survival from the MAS
// diagnosis (outcomes.ts).
//
// The accumulator keeps counters only (and the survival observations grouped
// by time), never the cases: the server streams cases through `add` in
// batches and calls `result` once. Values are option ids and counts; the
// interface turns ids into French or English labels from the definition.
import { asCaseAnswers } from "../crf/answers";
import type { FieldId } from "../crf/definition";
import {
  addToBins,
  countChoice,
  emptyBins,
  emptyChoiceCounts,
  type Bins,
  type ChoiceCounts,
  type MutableBins,
  type MutableChoiceCounts,
} from "./counts";
import { InclusionAccumulator, type CaseEntry, type CentreRef, type InclusionStats } from "./inclusions";
import { OutcomeAccumulator, type OutcomeStats } from "./outcomes";
import {
  ANTIBODY_FIELDS,
  DM_FEATURE_GROUP_IDS,
  DM_FEATURE_GROUPS,
  optionsOf,
  SUPPORTIVE_CARE_FIELDS,
  TRIGGER_FIELDS,
  values,
  type DmFeatureGroup,
} from "./study-fields";
import { TreatmentAccumulator, type TreatmentSummary } from "./treatments";

export { NO_DRUG, NO_LINE } from "./treatments";

/** What the dashboard needs of one case. */
export interface CaseForStats extends CaseEntry {
  /** Case.answers as stored (read defensively). */
  readonly answers: unknown;
  /** Case.computed as stored (src/domain/crf/computed.ts), or null. */
  readonly computed: unknown;
}

export interface FieldCounts {
  readonly field: string;
  readonly counts: ChoiceCounts;
}

export const HSCORE_BIN_WIDTH = 20;
/** The HScore's maximum is 337: bins 0–19 … 320–339. */
export const HSCORE_UPPER = 340;
export const HLH_2004_CRITERIA = 8;

export interface DashboardStats extends InclusionStats, OutcomeStats {
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
}

type FieldAcc = { field: string; counts: MutableChoiceCounts };
const fieldAcc = (field: FieldId): FieldAcc => ({ field, counts: emptyChoiceCounts(values(optionsOf(field))) });

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
  private readonly inclusions: InclusionAccumulator;
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
  private readonly outcomes = new OutcomeAccumulator();

  /** `centres`: every centre of the study, so that centres without cases are listed too. */
  constructor(centres: readonly CentreRef[] = []) {
    this.inclusions = new InclusionAccumulator(centres);
  }

  add(input: CaseForStats): void {
    const answers = asCaseAnswers(input.answers);
    const f = answers.fields;

    // Inclusions and follow-up of data entry.
    this.inclusions.add(input, answers);

    // Descriptive results.
    for (const a of this.antibodies) countChoice(a.counts, f[a.field]);
    for (const g of this.dmFeatures) for (const a of g.fields) countChoice(a.counts, f[a.field]);
    for (const a of this.triggers) countChoice(a.counts, f[a.field]);
    for (const a of this.supportive) countChoice(a.counts, f[a.field]);
    this.addScores(input.computed);
    this.treatments.add(answers);
    this.outcomes.add(answers);
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

  result(): DashboardStats {
    return {
      ...this.inclusions.result(),
      antibodies: this.antibodies,
      dmFeatures: this.dmFeatures,
      triggers: this.triggers,
      hscore: { bins: this.hscoreBins, ...this.hscore },
      hlh2004: { metCount: this.hlhMet, ...this.hlh },
      treatments: { ...this.treatments.result(), supportive: this.supportive },
      ...this.outcomes.result(),
    };
  }
}

/** Convenience for tests and small sets: the dashboard of a list of cases. */
export function dashboardStats(cases: Iterable<CaseForStats>, centres: readonly CentreRef[] = []): DashboardStats {
  const acc = new DashboardAccumulator(centres);
  for (const c of cases) acc.add(c);
  return acc.result();
}
