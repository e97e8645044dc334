import { describe, expect, it } from "vitest";
import type { BlockRow, CaseAnswers } from "@/domain/crf/answers";
import { BLOCKS, fieldById, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { blockColumns, caseColumns, mayHoldCode, valueColumnName } from "@/domain/export/columns";
import { missingColumnName } from "@/domain/export/names";
import { blockRows, caseRow, codebookRows, headerLine } from "@/domain/export/rows";
import { AGE, exportCase, OPTIONS, withFields } from "./fixtures";

const asRecord = (names: readonly string[], cells: readonly string[]) =>
  Object.fromEntries(names.map((n, i) => [n, cells[i]]));

describe("export column model", () => {
  const columns = caseColumns(OPTIONS);
  const names = columns.map((c) => c.name);

  it("has one value column per top-level field, then the computed values, with unique, analysis-safe names", () => {
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const f of TOP_LEVEL_FIELDS)
      expect(columns.filter((c) => c.kind === "value" && c.fieldId === f.id)).toHaveLength(1);
    expect(names.slice(0, 6)).toEqual([
      "record_id",
      "centre_code",
      "initials",
      "birth_date",
      "status",
      "last_modified",
    ]);
    for (const n of [
      "hscore_min",
      "hscore_max",
      "hlh_2004_met",
      "mas_2016_result",
      "hscore_probability_min_pct",
      "eular_acr_score",
      "eular_acr_probability",
      "eular_acr_class",
      "age_at_dm_diag",
      "age_at_sam",
      "bsa_m2",
      "delay_dm_diag_to_sam_days",
    ])
      expect(names).toContain(n);
  });

  it("puts the canonical unit in the header, once", () => {
    expect(valueColumnName(fieldById("ferritin")!)).toBe("ferritin_ug_l");
    expect(valueColumnName(fieldById("temp_max")!)).toBe("temp_max_celsius");
    expect(valueColumnName(fieldById("weight_kg")!)).toBe("weight_kg");
    expect(valueColumnName(fieldById("icu_stay_days")!)).toBe("icu_stay_days");
    expect(valueColumnName(fieldById("mmt8")!)).toBe("mmt8");
  });

  it("gives a __missing companion to every field that can hold NK/ND/NA, and to no other", () => {
    for (const f of TOP_LEVEL_FIELDS) expect(names.includes(missingColumnName(f))).toBe(mayHoldCode(f));
    expect(names.filter((n) => n.endsWith("__missing"))).toHaveLength(TOP_LEVEL_FIELDS.filter(mayHoldCode).length);
    expect(names).toContain("neck_flexor_weak_vs_ext__missing");
    expect(names).not.toContain("sex__missing");
    expect(names).toContain("ferritin__missing");
    // No code allowed, but hidden by a condition: NA possible.
    expect(names).toContain("department_other__missing");
  });

  it("keeps a coded answer out of the value column", () => {
    const c = exportCase(
      withFields({
        ferritin: { code: "NK" },
        sam_resolution_date: { code: "ND" },
        haemophagocytosis_site: { v: ["liver", "bone_marrow"] },
        department_other: { code: "NA" },
      }),
    );
    const row = asRecord(names, caseRow(c, OPTIONS));
    expect(row.ferritin_ug_l).toBe("");
    expect(row.ferritin__missing).toBe("NK");
    expect(row.sam_resolution_date).toBe("");
    expect(row.sam_resolution_date__missing).toBe("ND");
    expect(row.haemoglobin_g_dl).toBe("12");
    expect(row.haemoglobin__missing).toBe("");
    // One column, definition order whatever the order chosen.
    expect(row.haemophago_site).toBe("bone_marrow|liver");
    // "Hidden by a condition" is NAP: no analysis tool reads it as a missing value, unlike "NA".
    expect(row.department_other).toBe("");
    expect(row.department_other__missing).toBe("NAP");
  });

  it("writes the key, the status and the computed scores", () => {
    const row = asRecord(names, caseRow(exportCase(), OPTIONS));
    expect(row).toMatchObject({
      record_id: "case-1",
      centre_code: "REI",
      initials: "AB",
      birth_date: "1960-01-02",
      status: "VALIDATED",
      age_at_sam: "55",
      hscore_min: "257",
      hscore_max: "257",
      hlh_2004_fulfilled: "yes",
    });
    // The HScore's probability is a number (percent), not "99 %" text.
    expect(row.hscore_probability_min_pct).toBe("99");
    expect(row.status).toBe("VALIDATED");
    expect(Number(row.bsa_m2)).toBeCloseTo(2.33, 2);
  });

  it("replaces the birth date by the age at MAS with the option", () => {
    const ageNames = caseColumns(AGE).map((c) => c.name);
    expect(ageNames).not.toContain("birth_date");
    expect(ageNames.filter((n) => n === "age_at_sam")).toHaveLength(1);
    expect(ageNames.indexOf("age_at_sam")).toBe(3);
    const row = asRecord(ageNames, caseRow(exportCase(), AGE));
    expect(row.age_at_sam).toBe("55");
    expect(Object.values(row)).not.toContain("1960-01-02");
  });

  it("has block columns from the definition, whatever the data", () => {
    for (const b of BLOCKS) {
      const cols = blockColumns(b.id).map((c) => c.name);
      expect(cols.slice(0, 3)).toEqual(["record_id", "row_number", "row_id"]);
      for (const f of b.fields) expect(cols).toContain(f.id);
      expect(new Set(cols).size).toBe(cols.length);
    }
    const empty: CaseAnswers = { fields: {}, blocks: {} };
    expect(blockRows({ id: "x", answers: empty }, "infections")).toEqual([]);
    const rows: BlockRow[] = [
      { id: "r1", values: { infection_type: { v: "bacterial" }, infection_method: { v: ["culture", "pcr"] } } },
      { id: "r2", values: { infection_type: { code: "NK" } } },
    ];
    const out = blockRows({ id: "case-9", answers: { fields: {}, blocks: { infections: rows } } }, "infections");
    const header = blockColumns("infections").map((c) => c.name);
    expect(out.map((r) => asRecord(header, r))).toMatchObject([
      {
        record_id: "case-9",
        row_number: "1",
        row_id: "r1",
        infection_type: "bacterial",
        infection_type__missing: "",
        infection_method: "pcr|culture",
      },
      {
        record_id: "case-9",
        row_number: "2",
        row_id: "r2",
        infection_type: "",
        infection_type__missing: "NK",
        infection_method: "",
      },
    ]);
  });

  it("describes every column in the codebook", () => {
    const book = codebookRows(OPTIONS);
    expect(book.filter((r) => r[0] === "cases").map((r) => r[1])).toEqual(names);
    expect(book.find((r) => r[1] === "ferritin_ug_l")).toEqual(
      expect.arrayContaining(["cases", "value", "decimal", "ferritin", "µg/L"]),
    );
    expect(headerLine(columns).startsWith("record_id,centre_code,")).toBe(true);
    // Coded key and computed columns carry their labels, in French and English.
    const labels = (name: string) => book.find((r) => r[0] === "cases" && r[1] === name)!.slice(-2);
    expect(labels("status")).toEqual([
      expect.stringContaining("VALIDATED = Validé"),
      expect.stringContaining("VALIDATED = Validated"),
    ]);
    expect(labels("hscore_ge_169")[1]).toBe(
      "certain = certain | impossible = impossible | undetermined = undetermined",
    );
    expect(labels("eular_acr_class")[0]).toContain("not_iim = pas de MII");
    expect(labels("ferritin__missing")[1]).toContain("NAP = Not applicable");
    // Computed columns name the data dictionary's computed value they come from.
    expect(book.find((r) => r[1] === "hlh_2004_met")![4]).toBe("hlh_2004");
    expect(book.find((r) => r[1] === "centre_code")![4]).toBe("centre_code");
  });
});
