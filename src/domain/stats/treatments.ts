// The MAS treatment lines (the treatment_lines block) over cases: per drug
// and per line of treatment (1st, 2nd, 3rd or later), with the response at
// day 7–14 of each line. Counters only, one case at a time.
import { stringOf, type CaseAnswers } from "../crf/answers";
import { countChoice, emptyChoiceCounts, type ChoiceCounts, type MutableChoiceCounts } from "./counts";
import { rowOptionsOf, TREATMENT_BLOCK, values } from "./study-fields";

/** A row without a drug yet. */
export const NO_DRUG = "_none";
/** A row whose line is not given (empty or a missing-data code). */
export const NO_LINE = "_unknown";

export interface DrugSummary {
  /** Option value of the controlled drug list, or NO_DRUG when the row has none yet. */
  readonly drug: string;
  /** Treatment lines (rows) with this drug. */
  readonly lines: number;
  /** Cases with at least one line of this drug. */
  readonly patients: number;
  /** Lines given as first line. */
  readonly firstLine: number;
  /** response_d7_14 over the drug's lines. */
  readonly responses: ChoiceCounts;
}

export interface LineSummary {
  /** Option value of the `line` field ("1", "2", "3plus"), or NO_LINE. */
  readonly line: string;
  /** Rows given at this line. */
  readonly lines: number;
  /** Cases with at least one row at this line. */
  readonly patients: number;
  /** response_d7_14 over these rows. */
  readonly responses: ChoiceCounts;
}

export interface TreatmentSummary {
  /** Most used first. */
  readonly drugs: readonly DrugSummary[];
  /** Every line of the definition in its order (rows or not), then NO_LINE when some rows have no line. */
  readonly byLine: readonly LineSummary[];
  readonly casesWithLines: number;
  readonly totalLines: number;
}

interface Acc {
  lines: number;
  patients: number;
  firstLine: number;
  responses: MutableChoiceCounts;
}

const rank = (order: readonly string[], v: string) => {
  const i = order.indexOf(v);
  return i === -1 ? order.length : i;
};

export class TreatmentAccumulator {
  private readonly drugOrder = values(rowOptionsOf(TREATMENT_BLOCK, "drug"));
  private readonly lineOrder = values(rowOptionsOf(TREATMENT_BLOCK, "line"));
  private readonly responseValues = values(rowOptionsOf(TREATMENT_BLOCK, "response_d7_14"));
  private readonly drugs = new Map<string, Acc>();
  private readonly lines = new Map<string, Acc>(this.lineOrder.map((l) => [l, this.empty()]));
  private casesWithLines = 0;
  private totalLines = 0;

  private empty(): Acc {
    return { lines: 0, patients: 0, firstLine: 0, responses: emptyChoiceCounts(this.responseValues) };
  }

  private accOf(map: Map<string, Acc>, key: string): Acc {
    let acc = map.get(key);
    if (!acc) map.set(key, (acc = this.empty()));
    return acc;
  }

  add(answers: CaseAnswers): void {
    const rows = answers.blocks[TREATMENT_BLOCK] ?? [];
    if (rows.length > 0) this.casesWithLines += 1;
    const seenDrugs = new Set<string>();
    const seenLines = new Set<string>();
    for (const row of rows) {
      this.totalLines += 1;
      const drug = stringOf(row.values.drug) ?? NO_DRUG;
      const given = stringOf(row.values.line);
      const line = given !== undefined && this.lineOrder.includes(given) ? given : NO_LINE;
      for (const [acc, seen, key] of [
        [this.accOf(this.drugs, drug), seenDrugs, drug],
        [this.accOf(this.lines, line), seenLines, line],
      ] as const) {
        acc.lines += 1;
        if (!seen.has(key)) {
          seen.add(key);
          acc.patients += 1;
        }
        countChoice(acc.responses, row.values.response_d7_14);
      }
      if (line === this.lineOrder[0]) this.accOf(this.drugs, drug).firstLine += 1;
    }
  }

  result(): TreatmentSummary {
    const drugs = [...this.drugs.entries()]
      .map(
        ([drug, a]): DrugSummary => ({
          drug,
          lines: a.lines,
          patients: a.patients,
          firstLine: a.firstLine,
          responses: a.responses,
        }),
      )
      .sort((a, b) => b.lines - a.lines || rank(this.drugOrder, a.drug) - rank(this.drugOrder, b.drug));
    const byLine = [...this.lines.entries()]
      .filter(([line, a]) => line !== NO_LINE || a.lines > 0)
      .map(([line, a]): LineSummary => ({ line, lines: a.lines, patients: a.patients, responses: a.responses }))
      .sort((a, b) => rank(this.lineOrder, a.line) - rank(this.lineOrder, b.line));
    return { drugs, byLine, casesWithLines: this.casesWithLines, totalLines: this.totalLines };
  }
}
