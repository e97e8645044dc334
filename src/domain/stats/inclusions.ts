// The dashboard's inclusions and follow-up of data entry: cases by month of
// MAS diagnosis and by month of entry (per centre too), and per centre the
// cases by status, the queries not closed and the mean completeness.
// Counters only, one case at a time (src/domain/stats/dashboard.ts).
import { stringOf, type CaseAnswers } from "../crf/answers";
import { completeness } from "../crf/completeness";
import { parsePartialDate } from "../crf/partial-dates";
import { CASE_STATUSES, caseStatusOf, type CaseStatus } from "../lifecycle";
import { Counter, MonthByCategoryCounter, monthSeries, type MonthByCategory, type MonthCount } from "./counts";

/** What the inclusions need of one case, besides its answers. */
export interface CaseEntry {
  readonly centreCode: string;
  readonly status: string;
  /** Month the case was entered (created), YYYY-MM, in the study's time zone. */
  readonly entryMonth: string;
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

export interface InclusionStats {
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

export class InclusionAccumulator {
  private totalCases = 0;
  private readonly centres = new Map<string, CentreAcc>();
  private readonly diagnosisMonths = new Counter<string>();
  private diagnosisMonthUnknown = 0;
  private readonly entryMonths = new Counter<string>();
  private readonly entryByCentre = new MonthByCategoryCounter();

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

  add(input: CaseEntry, answers: CaseAnswers): void {
    this.totalCases += 1;
    const centre = this.centre(input.centreCode);
    centre.total += 1;
    // An unknown status cannot be edited any more: counted as locked, as the workflow treats it.
    centre.byStatus[caseStatusOf(input.status)] += 1;
    centre.openQueries += input.openQueries;
    centre.completenessSum += caseCompleteness(answers);
    const sam = parsePartialDate(stringOf(answers.fields.sam_date) ?? "");
    if (sam && sam.precision !== "year") this.diagnosisMonths.add(sam.earliest.slice(0, 7));
    else this.diagnosisMonthUnknown += 1;
    this.entryMonths.add(input.entryMonth);
    this.entryByCentre.add(input.entryMonth, input.centreCode);
  }

  result(): InclusionStats {
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
    };
  }
}
