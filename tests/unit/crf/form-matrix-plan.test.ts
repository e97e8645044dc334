// The generated form test's plan (e2e/form-matrix) covers every field, option,
// unit, precision and missing-data code of the definition, and each planned
// value passes the definition's own field rules — checked without a browser.
import { describe, expect, it } from "vitest";
import { checkFieldAnswer } from "@/domain/crf/field-rules";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { counts, fullPlan, universe } from "../../../e2e/form-matrix/plan";
import { typedFor } from "../../../e2e/form-matrix/values";

describe("the generated form test's plan", () => {
  const { rounds, coverage } = fullPlan();

  it("covers 100 % of the definition's fields and items", () => {
    const all = counts(universe());
    const covered = counts(coverage.covered);
    console.log(`form matrix: ${rounds.length} rounds; covered ${JSON.stringify(covered)} of ${JSON.stringify(all)}`);
    expect([...coverage.all].filter((k) => !coverage.covered.has(k))).toEqual([]);
    expect(all.fields).toBe(TOP_LEVEL_FIELDS.length + BLOCKS.reduce((n, b) => n + b.fields.length, 0));
  });

  it("plans only values the field rules accept (no hard error), in both languages", () => {
    for (const round of rounds) {
      for (const f of TOP_LEVEL_FIELDS) {
        const p = round.fields.get(f.id)!;
        for (const locale of ["fr", "en"] as const) {
          const issues = checkFieldAnswer(f, typedFor(f, p.item, locale, p.dose).expected, { today: "2026-12-06" });
          expect(
            issues.filter((i) => i.level === "error"),
            `${f.id} ${JSON.stringify(p.item)}`,
          ).toEqual([]);
        }
      }
    }
  });
});

describe("doses in the plan", () => {
  it("are doses of the row's drug in the row's unit, never refused by the dose rules", async () => {
    const { doseIssues } = await import("@/domain/crf/dose-issues");
    const { answersOf } = await import("../../../e2e/form-matrix/plan");
    const { rounds } = fullPlan();
    let checked = 0;
    for (const round of rounds) {
      const answers = answersOf(round, {});
      for (const row of answers.blocks.treatment_lines ?? []) {
        if (typeof row.values.dose_value?.v !== "number") continue;
        checked++;
        expect(
          doseIssues(row, answers).filter((i) => i.level === "error"),
          JSON.stringify(row.values),
        ).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
