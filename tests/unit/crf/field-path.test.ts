import { describe, expect, it } from "vitest";
import { BLOCKS, CRF, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import {
  answerPathLabel,
  fieldIdOf,
  formatAnswerPath,
  parseAnswerPath,
  resolveAnswerPath,
  rootOf,
  rowFieldPath,
  rowPath,
  rowPathOf,
  type AnswerPath,
} from "@/domain/crf/field-path";

const ROW_IDS = ["r1", "k3x9-Zq_2", "import-12", "7", "a".repeat(40)];

/** Every path the definition allows, with a few row ids of each shape the app makes. */
function everyPath(): AnswerPath[] {
  const out: AnswerPath[] = TOP_LEVEL_FIELDS.map((f) => ({ kind: "field", field: f.id }));
  for (const b of BLOCKS)
    for (const rowId of ROW_IDS) {
      out.push({ kind: "row", block: b.id, rowId });
      for (const f of b.fields) out.push({ kind: "rowField", block: b.id, rowId, field: f.id });
    }
  return out;
}

describe("answer paths", () => {
  it("round-trips every path generated from the definition", () => {
    const paths = everyPath();
    expect(paths.length).toBeGreaterThan(TOP_LEVEL_FIELDS.length + BLOCKS.length * ROW_IDS.length);
    for (const p of paths) {
      const text = formatAnswerPath(p);
      expect(parseAnswerPath(text), text).toEqual(p);
      expect(formatAnswerPath(parseAnswerPath(text)!)).toBe(text);
    }
  });

  it("resolves every generated path to its definitions", () => {
    for (const p of everyPath()) {
      const r = resolveAnswerPath(formatAnswerPath(p));
      expect(r?.kind, formatAnswerPath(p)).toBe(p.kind);
      if (r?.kind === "field" && p.kind === "field") expect(r.field.id).toBe(p.field);
      if (r?.kind === "row" && p.kind === "row") expect([r.block.id, r.rowId]).toEqual([p.block, p.rowId]);
      if (r?.kind === "rowField" && p.kind === "rowField")
        expect([r.block.id, r.rowId, r.field.id]).toEqual([p.block, p.rowId, p.field]);
    }
  });

  it("formats like the stored paths", () => {
    expect(rowPath("treatment_lines", "r1")).toBe("treatment_lines.r1");
    expect(rowFieldPath("treatment_lines", "r1", "dose")).toBe("treatment_lines.r1.dose");
  });

  it.each([
    "",
    ".",
    "..",
    "weight_kg.",
    ".weight_kg",
    "treatment_lines..dose",
    "treatment_lines.r1.",
    "treatment_lines.r1.dose.extra",
    "treatment_lines.r 1.dose",
    "treatment_lines.r1.Dose",
    "Weight_kg",
    "weight kg",
    "1abc",
    "treatment_lines.r/1",
    `treatment_lines.${"a".repeat(65)}`,
    "__proto__.r1.x",
    "constructor",
  ])("rejects the malformed path %j", (path) => {
    if (path === "constructor") {
      // Well-formed but unknown: parses, never resolves.
      expect(parseAnswerPath(path)).toEqual({ kind: "field", field: "constructor" });
      expect(resolveAnswerPath(path)).toBeUndefined();
      return;
    }
    expect(parseAnswerPath(path)).toBeUndefined();
    expect(resolveAnswerPath(path)).toBeUndefined();
    expect(fieldIdOf(path)).toBeUndefined();
    expect(rootOf(path)).toBeUndefined();
    expect(rowPathOf(path)).toBe(path);
  });

  it("does not resolve ids the form does not have", () => {
    expect(resolveAnswerPath("no_such_field")).toBeUndefined();
    expect(resolveAnswerPath("no_such_block.r1")).toBeUndefined();
    const block = BLOCKS[0]!;
    expect(resolveAnswerPath(`${block.id}.r1.no_such_field`)).toBeUndefined();
    // A top-level field is not a block, and a block is not a field.
    expect(resolveAnswerPath(`${TOP_LEVEL_FIELDS[0]!.id}.r1`)).toBeUndefined();
    expect(resolveAnswerPath(block.id)).toBeUndefined();
  });

  it("names a path's field, root and row", () => {
    expect(fieldIdOf("weight_kg")).toBe("weight_kg");
    expect(fieldIdOf("treatment_lines.r1.dose")).toBe("dose");
    expect(fieldIdOf("treatment_lines.r1")).toBeUndefined();
    expect(rootOf("treatment_lines.r1.dose")).toBe("treatment_lines");
    expect(rootOf("weight_kg")).toBe("weight_kg");
    expect(rowPathOf("treatment_lines.r1.dose")).toBe("treatment_lines.r1");
    expect(rowPathOf("treatment_lines.r1")).toBe("treatment_lines.r1");
    expect(rowPathOf("weight_kg")).toBe("weight_kg");
  });

  it("labels fields, row fields and rows from the definition", () => {
    for (const section of CRF.sections)
      for (const item of section.items) {
        if (item.type !== "block") {
          expect(answerPathLabel(item.id)).toEqual(item.label);
          continue;
        }
        expect(answerPathLabel(rowPath(item.id, "r1"))).toEqual(item.label);
        for (const f of item.fields) expect(answerPathLabel(rowFieldPath(item.id, "r1", f.id)).fr).toBeTruthy();
      }
    expect(answerPathLabel("a..b")).toEqual({ fr: "a..b", en: "a..b" });
  });
});
