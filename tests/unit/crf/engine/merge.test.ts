import { describe, expect, it } from "vitest";
import type { CaseAnswers } from "@/domain/crf/answers";
import { diffAnswers, mergePatch, type Patch } from "@/domain/crf/merge";
import { answers, row } from "./helpers";

const stored: CaseAnswers = answers(
  { ferritin: 12000, sex: "F", haemoglobin: { unit: "g_l", v: 8.5, entered: 85 } },
  { treatment_lines: [row("r1", { drug: "anakinra", dose_value: 200 })] },
);

describe("mergePatch — fields", () => {
  it("applies a change whose 'from' matches the stored answer", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: { v: 15000 } } } });
    expect(conflicts).toEqual([]);
    expect(out.fields.ferritin).toEqual({ v: 15000 });
    expect(out.fields.sex).toEqual({ v: "F" });
  });

  it("adds a new answer when the client saw none (from: null)", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ast: { from: null, to: { v: 150 } } } });
    expect(conflicts).toEqual([]);
    expect(out.fields.ast).toEqual({ v: 150 });
  });

  it("returns a conflict, and keeps the stored answer, when 'from' no longer matches", () => {
    const patch: Patch = { fields: { ferritin: { from: { v: 10000 }, to: { v: 15000 } } } };
    const { answers: out, conflicts } = mergePatch(stored, patch);
    expect(conflicts).toEqual([{ kind: "field", path: "ferritin", mine: { v: 15000 }, theirs: { v: 12000 } }]);
    expect(out.fields.ferritin).toEqual({ v: 12000 });
  });

  it("a client that saw nothing conflicts with an answer saved meanwhile", () => {
    const { conflicts } = mergePatch(stored, { fields: { sex: { from: null, to: { v: "M" } } } });
    expect(conflicts).toEqual([{ kind: "field", path: "sex", mine: { v: "M" }, theirs: { v: "F" } }]);
  });

  it("is a no-op when the stored answer already is the target, whatever 'from' says (retried save)", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ferritin: { from: { v: 1 }, to: { v: 12000 } } } });
    expect(conflicts).toEqual([]);
    expect(out).toEqual(stored);
  });

  it("null clears the answer", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: null } } });
    expect(conflicts).toEqual([]);
    expect(out.fields).not.toHaveProperty("ferritin");
  });

  it("clearing an answer that is already absent is a no-op", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ast: { from: { v: 30 }, to: null } } });
    expect(conflicts).toEqual([]);
    expect(out.fields).not.toHaveProperty("ast");
  });

  it("key order of the stored JSON is irrelevant (stored {unit, v, entered} vs from {v, entered, unit})", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { haemoglobin: { from: { v: 8.5, entered: 85, unit: "g_l" }, to: { v: 9.2, unit: "g_l", entered: 92 } } },
    });
    expect(conflicts).toEqual([]);
    expect(out.fields.haemoglobin).toEqual({ v: 9.2, unit: "g_l", entered: 92 });
  });

  it("a confirmation is a change of its own", () => {
    const { answers: out } = mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: { v: 12000, confirmed: true } } } });
    expect(out.fields.ferritin).toEqual({ v: 12000, confirmed: true });
  });

  it("applies the matching changes of a patch and reports the others", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { ferritin: { from: { v: 12000 }, to: { v: 13000 } }, sex: { from: { v: "M" }, to: { v: "F" } }, ast: { from: { v: 1 }, to: { v: 2 } } },
    });
    expect(out.fields.ferritin).toEqual({ v: 13000 });
    expect(conflicts.map((c) => c.path)).toEqual(["ast"]);
  });

  it("does not mutate the stored answers", () => {
    const before = JSON.stringify(stored);
    mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: null } }, blocks: { treatment_lines: { from: stored.blocks.treatment_lines ?? [], to: [] } } });
    expect(JSON.stringify(stored)).toBe(before);
  });
});

describe("mergePatch — blocks (replaced as a whole)", () => {
  const rows = stored.blocks.treatment_lines ?? [];

  it("replaces the rows when 'from' matches", () => {
    const to = [...rows, row("r2", { drug: "ruxolitinib" })];
    const { answers: out, conflicts } = mergePatch(stored, { blocks: { treatment_lines: { from: rows, to } } });
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines).toEqual(to);
  });

  it("drops answers sent as undefined in a row", () => {
    const { answers: out } = mergePatch(stored, {
      blocks: { treatment_lines: { from: rows, to: [{ id: "r1", values: { drug: { v: "anakinra" }, dose_value: undefined } }] } },
    });
    expect(out.blocks.treatment_lines).toEqual([{ id: "r1", values: { drug: { v: "anakinra" } } }]);
  });

  it("conflicts when the stored rows changed meanwhile", () => {
    const seen = [row("r1", { drug: "anakinra", dose_value: 100 })];
    const to = [row("r1", { drug: "anakinra", dose_value: 300 })];
    const { answers: out, conflicts } = mergePatch(stored, { blocks: { treatment_lines: { from: seen, to } } });
    expect(conflicts).toEqual([{ kind: "block", path: "treatment_lines", mine: to, theirs: rows }]);
    expect(out.blocks.treatment_lines).toEqual(rows);
  });

  it("a first row added to an empty block: from = []", () => {
    const to = [row("x1", { relapse_date: "2016-01" })];
    const { answers: out, conflicts } = mergePatch(stored, { blocks: { sam_relapses: { from: [], to } } });
    expect(conflicts).toEqual([]);
    expect(out.blocks.sam_relapses).toEqual(to);
  });

  it("no-op when the rows already are the target", () => {
    const { answers: out, conflicts } = mergePatch(stored, { blocks: { treatment_lines: { from: [], to: rows } } });
    expect(conflicts).toEqual([]);
    expect(out).toEqual(stored);
  });

  it("key order inside rows is irrelevant", () => {
    const reordered = [{ values: { dose_value: { v: 200 }, drug: { v: "anakinra" } }, id: "r1" }];
    const { conflicts } = mergePatch(stored, { blocks: { treatment_lines: { from: reordered, to: [] } } });
    expect(conflicts).toEqual([]);
  });
});

describe("diffAnswers", () => {
  it("lists changed, added and removed fields", () => {
    const after = answers({ ferritin: 15000, haemoglobin: { v: 8.5, entered: 85, unit: "g_l" }, ast: 150 }, stored.blocks);
    expect(diffAnswers(stored, after)).toEqual([
      { path: "ferritin", before: { v: 12000 }, after: { v: 15000 } },
      { path: "sex", before: { v: "F" }, after: null },
      { path: "ast", before: null, after: { v: 150 } },
    ]);
  });

  it("equal content in another key order is no change", () => {
    expect(diffAnswers(stored, answers({ haemoglobin: { entered: 85, v: 8.5, unit: "g_l" }, sex: "F", ferritin: 12000 }, stored.blocks))).toEqual([]);
  });

  it("row fields are located at block.row.field", () => {
    const after = answers(stored.fields, { treatment_lines: [row("r1", { drug: "anakinra", dose_value: 300, route: "sc" })] });
    expect(diffAnswers(stored, after)).toEqual([
      { path: "treatment_lines.r1.dose_value", before: { v: 200 }, after: { v: 300 } },
      { path: "treatment_lines.r1.route", before: null, after: { v: "sc" } },
    ]);
  });

  it("a row added or removed is recorded as such, then field by field", () => {
    const added = answers(stored.fields, { treatment_lines: [...(stored.blocks.treatment_lines ?? []), row("r2", { drug: "ruxolitinib" })] });
    expect(diffAnswers(stored, added)).toEqual([
      { path: "treatment_lines.r2", before: null, after: { v: "row" } },
      { path: "treatment_lines.r2.drug", before: null, after: { v: "ruxolitinib" } },
    ]);
    const removed = answers(stored.fields, { treatment_lines: [] });
    expect(diffAnswers(stored, removed)).toEqual([
      { path: "treatment_lines.r1", before: { v: "row" }, after: null },
      { path: "treatment_lines.r1.drug", before: { v: "anakinra" }, after: null },
      { path: "treatment_lines.r1.dose_value", before: { v: 200 }, after: null },
    ]);
  });

  it("reordering rows is not a change", () => {
    const two = answers({}, { sam_relapses: [row("a", { relapse_date: "2016" }), row("b", { relapse_date: "2017" })] });
    const swapped = answers({}, { sam_relapses: [row("b", { relapse_date: "2017" }), row("a", { relapse_date: "2016" })] });
    expect(diffAnswers(two, swapped)).toEqual([]);
  });

  it("a merge's result diffs to exactly the applied changes, not the conflicting ones", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: { v: 15000 } }, sex: { from: { v: "M" }, to: { v: "M" } } } });
    expect(conflicts.map((c) => c.path)).toEqual(["sex"]);
    expect(diffAnswers(stored, out).map((d) => d.path)).toEqual(["ferritin"]);
  });
});
