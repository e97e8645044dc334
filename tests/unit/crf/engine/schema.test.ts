import { describe, expect, it } from "vitest";
import { fieldAnswerSchema, draftPatchSchema, ROW_ID } from "@/domain/crf/schema";
import { CTX, field, numberField, row } from "./helpers";

const schema = draftPatchSchema(CTX);
const parse = (payload: unknown) => schema.safeParse(payload);
const issuesOf = (payload: unknown) => {
  const r = parse(payload);
  if (r.success) throw new Error("expected the payload to be refused");
  return r.error.issues;
};

describe("draftPatchSchema — accepted payloads", () => {
  it("a field change, a clearing and a block change", () => {
    const payload = {
      baseVersion: 3,
      fields: {
        ferritin: { from: null, to: { v: 12000 } },
        haemoglobin: { from: { v: 8.5, unit: "g_l", entered: 85 }, to: { v: 9.2, unit: "g_l", entered: 92 } },
        weight_kg: { from: { v: 70 }, to: null },
        dm_subtype: { from: null, to: { code: "NK" } },
        // Soft limits are kept: a warning never refuses the save.
        temp_max: { from: null, to: { v: 43 } },
      },
      blocks: {
        sam_relapses: { from: [], to: [row("x1", { relapse_date: "2016-01", relapse_trigger: ["infection"] })] },
      },
    };
    const r = parse(payload);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(r.data).toEqual(payload);
  });

  it("an empty patch (only the base version)", () => {
    expect(parse({ baseVersion: 1 }).success).toBe(true);
  });

  it("is cached per day and rebuilt when the day changes", () => {
    expect(draftPatchSchema({ today: CTX.today })).toBe(schema);
    const tomorrow = draftPatchSchema({ today: "2024-06-16" });
    expect(tomorrow).not.toBe(schema);
    expect(
      tomorrow.safeParse({ baseVersion: 1, fields: { dm_onset_date: { from: null, to: { v: "2024-06-16" } } } })
        .success,
    ).toBe(true);
    expect(
      draftPatchSchema(CTX).safeParse({
        baseVersion: 1,
        fields: { dm_onset_date: { from: null, to: { v: "2024-06-16" } } },
      }).success,
    ).toBe(false);
  });
});

describe("draftPatchSchema — strict shapes", () => {
  it("refuses unknown keys at every level", () => {
    expect(issuesOf({ baseVersion: 1, extra: 1 })[0]?.code).toBe("unrecognized_keys");
    expect(issuesOf({ baseVersion: 1, fields: { patient_name: { from: null, to: { v: "x" } } } })[0]).toMatchObject({
      code: "unrecognized_keys",
      path: ["fields"],
    });
    expect(issuesOf({ baseVersion: 1, fields: { ferritin: { from: null, to: { v: 1 }, why: "x" } } })[0]?.code).toBe(
      "unrecognized_keys",
    );
    expect(issuesOf({ baseVersion: 1, fields: { ferritin: { from: null, to: { v: 1, note: "x" } } } })[0]?.code).toBe(
      "unrecognized_keys",
    );
    expect(issuesOf({ baseVersion: 1, blocks: { unknown_block: { from: [], to: [] } } })[0]?.code).toBe(
      "unrecognized_keys",
    );
    expect(
      issuesOf({ baseVersion: 1, blocks: { sam_relapses: { from: [], to: [row("x1", { ferritin: 1 })] } } })[0]?.code,
    ).toBe("unrecognized_keys");
    expect(
      issuesOf({
        baseVersion: 1,
        blocks: { sam_relapses: { from: [], to: [{ id: "x1", values: {}, extra: true }] } },
      })[0]?.code,
    ).toBe("unrecognized_keys");
    // Row fields are not top-level fields, nor the reverse.
    expect(parse({ baseVersion: 1, fields: { relapse_date: { from: null, to: { v: "2016" } } } }).success).toBe(false);
  });

  it("refuses wrong value types per field type", () => {
    expect(parse({ baseVersion: 1, fields: { ferritin: { from: null, to: { v: "12000" } } } }).success).toBe(false);
    expect(parse({ baseVersion: 1, fields: { ild: { from: null, to: { v: true } } } }).success).toBe(false);
    expect(
      parse({ baseVersion: 1, fields: { haemophagocytosis_site: { from: null, to: { v: "bone_marrow" } } } }).success,
    ).toBe(false);
    expect(parse({ baseVersion: 1, fields: { ferritin: { from: null, to: { code: "XX" } } } }).success).toBe(false);
  });

  it("refuses a bad base version", () => {
    for (const baseVersion of [0, 1.5, "1", -1, 1_000_001])
      expect(parse({ baseVersion }).success, String(baseVersion)).toBe(false);
    expect(parse({}).success).toBe(false);
  });

  it("row ids: short, no dots or spaces", () => {
    expect(ROW_ID.test("r1_a-B")).toBe(true);
    for (const id of ["", "a.b", "a b", "x".repeat(41)]) {
      expect(
        parse({ baseVersion: 1, blocks: { sam_relapses: { from: [], to: [{ id, values: {} }] } } }).success,
        id,
      ).toBe(false);
    }
  });
});

describe("draftPatchSchema — the fields' own rules", () => {
  it("a hard limit is a custom issue whose message is the rule's key, with its parameters", () => {
    const issues = issuesOf({
      baseVersion: 1,
      fields: { haemoglobin: { from: null, to: { v: 26, unit: "g_l", entered: 260 } } },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "custom",
      message: "crf.number.aboveHard",
      path: ["fields", "haemoglobin", "to"],
      params: { value: 260, limit: 25, field: numberField("haemoglobin").label },
    });
  });

  it("the hard edge itself is accepted", () => {
    expect(
      parse({ baseVersion: 1, fields: { haemoglobin: { from: null, to: { v: 25, unit: "g_l", entered: 250 } } } })
        .success,
    ).toBe(true);
  });

  it("'from' is only checked for its shape: a stored value now out of range can still be replaced", () => {
    expect(parse({ baseVersion: 1, fields: { ferritin: { from: { v: 900000 }, to: { v: 9000 } } } }).success).toBe(
      true,
    );
  });

  it("other rule errors are refused with their keys: code not allowed, future date, identifier, invalid option", () => {
    const keyOf = (fields: Record<string, unknown>) => issuesOf({ baseVersion: 1, fields }).map((i) => i.message);
    expect(keyOf({ sex: { from: null, to: { code: "NK" } } })).toEqual(["crf.answer.codeNotAllowed"]);
    expect(keyOf({ dm_diag_date: { from: null, to: { v: "2024-07" } } })).toEqual(["crf.date.future"]);
    expect(keyOf({ comments: { from: null, to: { v: "écrire à jean.dupont@example.org" } } })).toEqual([
      "identifierGuard.email",
    ]);
    expect(keyOf({ dm_subtype: { from: null, to: { v: "severe" } } })).toEqual(["crf.answer.invalidOption"]);
  });

  it("row fields are checked too, with the row's path", () => {
    const issues = issuesOf({
      baseVersion: 1,
      blocks: { sam_relapses: { from: [], to: [row("x1", { relapse_date: "2021-02-30" })] } },
    });
    expect(issues.map((i) => [i.message, i.path.join(".")])).toEqual([
      ["crf.date.invalid", "blocks.sam_relapses.to.0.values.relapse_date"],
    ]);
  });

  it("rows beyond the block's maximum are refused", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row(`x${i}`, {}));
    expect(parse({ baseVersion: 1, blocks: { sam_relapses: { from: [], to: rows(10) } } }).success).toBe(true);
    const issues = issuesOf({ baseVersion: 1, blocks: { sam_relapses: { from: [], to: rows(11) } } });
    expect(issues[0]).toMatchObject({ code: "too_big", maximum: 10 });
    expect(parse({ baseVersion: 1, blocks: { treatment_lines: { from: [], to: rows(21) } } }).success).toBe(false);
  });

  it("duplicate row ids are refused with crf.block.duplicateRow", () => {
    const issues = issuesOf({
      baseVersion: 1,
      blocks: { sam_relapses: { from: [], to: [row("x1", {}), row("x1", {})] } },
    });
    expect(issues.map((i) => i.message)).toEqual(["crf.block.duplicateRow"]);
  });
});

describe("fieldAnswerSchema", () => {
  it("turns every error of checkFieldAnswer into an issue, and no warning", () => {
    const s = fieldAnswerSchema(field("weight_kg"), CTX);
    expect(s.safeParse({ v: 25 }).success).toBe(true);
    const r = s.safeParse({ v: 0.5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(["crf.number.belowHard"]);
  });
});
