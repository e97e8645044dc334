// The pre-fill extractor's goals on the written corpus (issue 13): precision ≥ 97 %, recall ≥ 85 %, and
// zero safety violation — no invented or misspelt drug mapped to a known drug, no negated, family-history
// or literature finding proposed as "yes". `npm run narrative:eval` prints the same figures with each miss.
import { describe, expect, it } from "vitest";
import { evaluate, precision, recall } from "../../../scripts/lib/prefill-eval";

describe("pre-fill extractor on tests/corpus/prefill", () => {
  const report = evaluate("tests/corpus/prefill");

  it("has at least 40 documents, each with its expected values", () => {
    expect(report.docs).toBeGreaterThanOrEqual(40);
  });

  it("reaches precision ≥ 97 % and recall ≥ 85 %", () => {
    expect(precision(report.overall)).toBeGreaterThanOrEqual(0.97);
    expect(recall(report.overall)).toBeGreaterThanOrEqual(0.85);
  });

  it("reaches the goals in every field family", () => {
    for (const [family, tally] of Object.entries(report.families)) {
      expect.soft(precision(tally), family).toBeGreaterThanOrEqual(0.97);
      expect.soft(recall(tally), family).toBeGreaterThanOrEqual(0.85);
    }
  });

  it("makes no safety violation", () => {
    expect(report.violations).toEqual([]);
  });
});
