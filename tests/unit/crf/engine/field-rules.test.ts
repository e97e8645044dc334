import { describe, expect, it } from "vitest";
import type { FieldAnswer } from "@/domain/crf/answers";
import { allowsMissingCodes, checkFieldAnswer, toCanonical, unitById, unitsOf } from "@/domain/crf/field-rules";
import type { FieldIssue } from "@/domain/crf/issues";
import type { FieldDef } from "@/domain/crf/types";
import { CTX, dateField, field, numberField, rowField, textField } from "./helpers";

const check = (f: FieldDef, a: FieldAnswer | undefined, today: string = CTX.today): FieldIssue[] =>
  checkFieldAnswer(f, a, { today });
const keys = (issues: readonly FieldIssue[]) => issues.map((i) => i.key);
const errors = (issues: readonly FieldIssue[]) => issues.filter((i) => i.level === "error").map((i) => i.key);

describe("missing-data codes", () => {
  it("NK and ND are accepted on clinical fields of every type", () => {
    for (const id of ["ild", "dm_subtype", "haemophagocytosis_site", "ferritin", "dm_onset_date", "cancer_date"]) {
      for (const code of ["NK", "ND"] as const) expect(check(field(id), { code }), `${id} ${code}`).toEqual([]);
    }
  });

  it("NK / ND are refused where missingCodes is false; NA (set by the form) is not", () => {
    for (const id of ["department", "sex", "elig_dm", "sam_date", "cancer_type_other", "comments"]) {
      const f = field(id);
      expect(allowsMissingCodes(f)).toBe(false);
      expect(keys(check(f, { code: "NK" })), id).toEqual(["crf.answer.codeNotAllowed"]);
      expect(keys(check(f, { code: "ND" })), id).toEqual(["crf.answer.codeNotAllowed"]);
      expect(check(f, { code: "NA" }), id).toEqual([]);
    }
    expect(keys(check(rowField("treatment_lines", "drug"), { code: "NK" }))).toEqual(["crf.answer.codeNotAllowed"]);
  });

  it("a value and a code together are refused", () => {
    expect(keys(check(field("ild"), { v: "yes", code: "NK" }))).toEqual(["crf.answer.valueAndCode"]);
    expect(keys(check(field("ferritin"), { v: 500, code: "NA" }))).toEqual(["crf.answer.valueAndCode"]);
  });

  it("no answer, or an answer without value nor code, has nothing to check", () => {
    expect(check(field("ferritin"), undefined)).toEqual([]);
    expect(check(field("ferritin"), {})).toEqual([]);
  });

  it("issues name the field (bilingual label)", () => {
    const [issue] = check(field("sex"), { code: "NK" });
    expect(issue?.params?.field).toEqual({ fr: "Sexe", en: "Sex" });
  });
});

describe("yes/no, single and multiple choice", () => {
  it("yes/no accepts only yes and no", () => {
    expect(check(field("ild"), { v: "yes" })).toEqual([]);
    expect(check(field("ild"), { v: "no" })).toEqual([]);
    for (const v of ["oui", "Yes", "", "true"])
      expect(keys(check(field("ild"), { v })), v).toEqual(["crf.answer.invalidOption"]);
    expect(keys(check(field("ild"), { v: 1 }))).toEqual(["crf.answer.invalidOption"]);
  });

  it("single choice accepts only the field's options", () => {
    expect(check(field("dm_subtype"), { v: "amyopathic" })).toEqual([]);
    expect(keys(check(field("dm_subtype"), { v: "lung" }))).toEqual(["crf.answer.invalidOption"]);
    expect(keys(check(field("dm_subtype"), { v: ["classic"] }))).toEqual(["crf.answer.invalidOption"]);
    expect(check(field("anti_mda5"), { v: "not_tested" })).toEqual([]);
    expect(check(field("nk_activity_low"), { v: "not_tested" })).toEqual([]);
  });

  it("multiple choice: known options, no duplicates, a list", () => {
    const f = field("haemophagocytosis_site");
    expect(check(f, { v: ["bone_marrow", "spleen"] })).toEqual([]);
    expect(keys(check(f, { v: ["bone_marrow", "bone_marrow"] }))).toEqual(["crf.answer.invalidOption"]);
    expect(keys(check(f, { v: ["kidney"] }))).toEqual(["crf.answer.invalidOption"]);
    expect(keys(check(f, { v: "bone_marrow" }))).toEqual(["crf.answer.invalidOption"]);
  });
});

describe("numbers — units and conversion", () => {
  const hb = numberField("haemoglobin");

  it("lists the canonical unit first, then the alternatives", () => {
    expect(unitsOf(hb).map((u) => [u.id, u.factor])).toEqual([
      ["g_dl", 1],
      ["g_l", 0.1],
      ["mmol_l", 1.611],
    ]);
    expect(unitById(hb, undefined)?.id).toBe("g_dl");
    expect(unitById(hb, "mg_dl")).toBeUndefined();
    expect(unitsOf(numberField("mmt8"))).toEqual([]);
  });

  it("toCanonical converts and removes floating-point noise", () => {
    expect(toCanonical(hb, 92, "g_l")).toBe(9.2);
    expect(toCanonical(hb, 5.7, "mmol_l")).toBe(9.1827);
    expect(toCanonical(hb, 9.2, undefined)).toBe(9.2);
    expect(toCanonical(hb, 9.2, "g_dl")).toBe(9.2);
    expect(toCanonical(hb, 9.2, "mg_dl")).toBeUndefined();
    expect(toCanonical(numberField("triglycerides"), 133, "mg_dl")).toBe(1.50157);
    expect(toCanonical(numberField("platelets"), 45000, "per_mm3")).toBe(45);
    expect(toCanonical(numberField("creatinine"), 1.1, "mg_dl")).toBe(97.24);
  });

  it("ferritin in ng/mL is the same number in µg/L, limits and messages included", () => {
    const ferritin = numberField("ferritin");
    expect(unitsOf(ferritin).map((u) => [u.id, u.label.fr, u.factor])).toEqual([
      ["ug_l", "µg/L", 1],
      ["ng_ml", "ng/mL", 1],
    ]);
    expect(toCanonical(ferritin, 3200, "ng_ml")).toBe(3200);
    expect(check(ferritin, { v: 3200, unit: "ng_ml", entered: 3200 })).toEqual([]);
    const [over] = check(ferritin, { v: 600000, unit: "ng_ml", entered: 600000 });
    expect(over).toMatchObject({
      level: "error",
      key: "crf.number.aboveHard",
      params: { value: 600000, limit: 500000, unit: { fr: "ng/mL" }, limitUnit: { fr: "µg/L" } },
    });
    expect(keys(check(ferritin, { v: 3, unit: "ng_ml", entered: 3 }))).toEqual(["crf.number.outsideSoft"]);
  });

  it("a converted value consistent with what was entered passes", () => {
    expect(check(hb, { v: 9.2, unit: "g_l", entered: 92 })).toEqual([]);
    expect(check(hb, { v: 9.2 })).toEqual([]);
    expect(check(hb, { v: 9.2, unit: "g_dl" })).toEqual([]);
    expect(check(hb, { v: 9.2, unit: "g_dl", entered: 9.2 })).toEqual([]);
  });

  it("a canonical value that does not match the entered value and unit is refused", () => {
    // 92 g/L is 9.2 g/dL, not 92 g/dL: the client forgot to convert.
    expect(keys(check(hb, { v: 92, unit: "g_l", entered: 92 }))).toEqual(["crf.number.unitMismatch"]);
    expect(keys(check(hb, { v: 9.2, unit: "mmol_l", entered: 92 }))).toEqual(["crf.number.unitMismatch"]);
    expect(keys(check(hb, { v: 9.3, entered: 9.2 }))).toEqual(["crf.number.unitMismatch"]);
  });

  it("a unit the field does not accept is refused", () => {
    expect(keys(check(hb, { v: 9.2, unit: "mg_dl", entered: 9.2 }))).toEqual(["crf.number.unknownUnit"]);
    expect(keys(check(numberField("ferritin"), { v: 500, unit: "g_l" }))).toEqual(["crf.number.unknownUnit"]);
  });

  it("refuses what is not a finite number", () => {
    for (const v of ["9.2", Number.NaN, Number.POSITIVE_INFINITY])
      expect(keys(check(hb, { v })), String(v)).toEqual(["crf.number.invalid"]);
  });

  it("integer fields refuse decimals", () => {
    expect(check(numberField("mmt8"), { v: 72 })).toEqual([]);
    expect(keys(check(numberField("mmt8"), { v: 72.5 }))).toEqual(["crf.number.integer"]);
    expect(keys(check(numberField("icu_stay_days"), { v: 3.5 }))).toEqual(["crf.number.integer"]);
    // Decimals are fine elsewhere.
    expect(check(numberField("ferritin"), { v: 1234.5 })).toEqual([]);
  });
});

describe("numbers — hard limits (inclusive edges) and soft limits", () => {
  const hb = numberField("haemoglobin");

  it("the hard edges themselves are accepted", () => {
    expect(errors(check(hb, { v: 1 }))).toEqual([]);
    expect(errors(check(hb, { v: 25 }))).toEqual([]);
    expect(errors(check(numberField("sodium"), { v: 90 }))).toEqual([]);
    expect(errors(check(numberField("sodium"), { v: 200 }))).toEqual([]);
    expect(errors(check(numberField("ferritin"), { v: 0 }))).toEqual([]);
    expect(errors(check(numberField("ferritin"), { v: 500000 }))).toEqual([]);
    expect(errors(check(numberField("mmt8"), { v: 80 }))).toEqual([]);
  });

  it("just outside the hard range is refused with a message naming value, limit and units", () => {
    const below = check(hb, { v: 0.99 });
    expect(below).toHaveLength(1);
    expect(below[0]).toMatchObject({ level: "error", key: "crf.number.belowHard", params: { value: 0.99, limit: 1 } });
    expect(keys(check(hb, { v: 25.01 }))).toEqual(["crf.number.aboveHard"]);
    expect(keys(check(numberField("sodium"), { v: 89.9 }))).toEqual(["crf.number.belowHard"]);
    expect(keys(check(numberField("ferritin"), { v: -1 }))).toEqual(["crf.number.belowHard"]);
    expect(keys(check(numberField("ferritin"), { v: 500001 }))).toEqual(["crf.number.aboveHard"]);
    expect(keys(check(numberField("mmt8"), { v: 81 }))).toEqual(["crf.number.aboveHard"]);
  });

  it("a unit slip is refused with the value and unit as entered and the limit in the canonical unit", () => {
    // 260 g/L = 26 g/dL, above the 25 g/dL maximum.
    const [issue] = check(hb, { v: 26, unit: "g_l", entered: 260 });
    expect(issue).toMatchObject({
      level: "error",
      key: "crf.number.aboveHard",
      params: {
        field: hb.label,
        value: 260,
        unit: { fr: "g/L", en: "g/L" },
        limit: 25,
        limitUnit: { fr: "g/dL", en: "g/dL" },
      },
    });
    // 250 g/L is exactly the maximum.
    expect(errors(check(hb, { v: toCanonical(hb, 250, "g_l"), unit: "g_l", entered: 250 }))).toEqual([]);
  });

  it("outside the soft range: one confirmable warning, the value kept", () => {
    const issues = check(numberField("weight_kg"), { v: 25 });
    expect(issues).toEqual([
      expect.objectContaining({
        level: "warning",
        confirmable: true,
        key: "crf.number.outsideSoft",
        params: expect.objectContaining({ min: 30, max: 200, canonical: 25 }),
      }),
    ]);
    expect(keys(check(numberField("weight_kg"), { v: 201 }))).toEqual(["crf.number.outsideSoft"]);
    expect(keys(check(numberField("temp_max"), { v: 34.9 }))).toEqual(["crf.number.outsideSoft"]);
  });

  it("the soft edges are not flagged", () => {
    for (const v of [30, 200]) expect(check(numberField("weight_kg"), { v })).toEqual([]);
    for (const v of [35, 42]) expect(check(numberField("temp_max"), { v })).toEqual([]);
  });

  it("the soft range is checked in the canonical unit", () => {
    // 30 g/L = 3 g/dL: below the soft minimum of 4 g/dL.
    expect(keys(check(hb, { v: 3, unit: "g_l", entered: 30 }))).toEqual(["crf.number.outsideSoft"]);
    expect(check(hb, { v: 4, unit: "g_l", entered: 40 })).toEqual([]);
  });

  it("fields without a soft range only have hard limits", () => {
    expect(check(numberField("ck_at_sam"), { v: 499999 })).toEqual([]);
    expect(check(numberField("aldolase"), { v: 0 })).toEqual([]);
  });
});

describe("dates", () => {
  const onset = dateField("dm_onset_date");
  const sam = dateField("sam_date");
  const last = dateField("last_followup_date");

  it("accepts day, month or year where the field allows all three", () => {
    for (const v of ["2015-03-12", "2015-03", "2015"]) expect(check(onset, { v }), v).toEqual([]);
  });

  it("refuses a precision the field does not allow, asking for the coarsest allowed", () => {
    expect(keys(check(sam, { v: "2015-03" }))).toEqual(["crf.date.precision.day"]);
    expect(keys(check(sam, { v: "2015" }))).toEqual(["crf.date.precision.day"]);
    expect(check(last, { v: "2015-03" })).toEqual([]);
    expect(keys(check(last, { v: "2015" }))).toEqual(["crf.date.precision.month"]);
  });

  it("refuses impossible or malformed dates", () => {
    for (const v of ["2021-02-30", "2021-13", "12/03/2015", "", "2015-3-1"])
      expect(keys(check(onset, { v })), v).toEqual(["crf.date.invalid"]);
    expect(keys(check(onset, { v: 2015 }))).toEqual(["crf.date.invalid"]);
  });

  it("no date in the future, relative to ctx.today", () => {
    expect(check(onset, { v: "2024-06-15" }, "2024-06-15")).toEqual([]);
    expect(keys(check(onset, { v: "2024-06-16" }, "2024-06-15"))).toEqual(["crf.date.future"]);
    // Same day, other "today": the rule follows the context, not the clock.
    expect(keys(check(onset, { v: "2024-06-15" }, "2024-06-14"))).toEqual(["crf.date.future"]);
    expect(check(onset, { v: "2030-01-01" }, "2030-01-01")).toEqual([]);
  });

  it("a partial date is in the future only when all of it is", () => {
    expect(check(onset, { v: "2024-06" }, "2024-06-15")).toEqual([]);
    expect(check(onset, { v: "2024" }, "2024-06-15")).toEqual([]);
    expect(keys(check(onset, { v: "2024-07" }, "2024-06-15"))).toEqual(["crf.date.future"]);
    expect(keys(check(onset, { v: "2025" }, "2024-06-15"))).toEqual(["crf.date.future"]);
  });

  it("the future message says which day", () => {
    const [issue] = check(onset, { v: "2024-07-01" }, "2024-06-15");
    expect(issue?.params).toMatchObject({ today: "2024-06-15" });
  });

  it("nothing before 1900", () => {
    expect(check(onset, { v: "1900-01-01" })).toEqual([]);
    expect(check(onset, { v: "1900" })).toEqual([]);
    expect(keys(check(onset, { v: "1899-12-31" }))).toEqual(["crf.date.tooOld"]);
    expect(keys(check(onset, { v: "1899-12" }))).toEqual(["crf.date.tooOld"]);
    expect(keys(check(onset, { v: "1899" }))).toEqual(["crf.date.tooOld"]);
  });

  it("row dates follow the same rules", () => {
    const start = rowField("treatment_lines", "start_date");
    expect(check(start, { v: "2016" })).toEqual([]);
    expect(keys(check(start, { v: "2099-01-01" }))).toEqual(["crf.date.future"]);
  });
});

describe("free text", () => {
  const other = textField("cancer_type_other");
  const comments = textField("comments");

  it("accepts clinical text up to maxLength", () => {
    expect(check(other, { v: "thymome" })).toEqual([]);
    expect(check(other, { v: "a".repeat(other.maxLength) })).toEqual([]);
    expect(check(comments, { v: "Ferritine 12 000 µg/L à J7, PCR EBV positive." })).toEqual([]);
  });

  it("refuses text over maxLength with max and length", () => {
    const issues = check(other, { v: "a".repeat(other.maxLength + 1) });
    expect(issues).toEqual([
      expect.objectContaining({
        level: "error",
        key: "identifierGuard.tooLong",
        params: expect.objectContaining({ max: 200, length: 201 }),
      }),
    ]);
    expect(keys(check(comments, { v: "a".repeat(2001) }))).toEqual(["identifierGuard.tooLong"]);
    expect(check(comments, { v: "a".repeat(2000) })).toEqual([]);
  });

  it("refuses an e-mail address in free text, without repeating it", () => {
    const issues = check(comments, { v: "Contacter jean.dupont@chu-exemple.fr pour le suivi" });
    expect(keys(issues)).toEqual(["identifierGuard.email"]);
    expect(issues[0]?.level).toBe("error");
    expect(JSON.stringify(issues)).not.toContain("dupont");
    expect(issues[0]?.params?.field).toEqual(comments.label);
  });

  it("refuses other direct identifiers (phone, name after a title)", () => {
    expect(keys(check(comments, { v: "Tel 06 12 34 56 78" }))).toEqual(["identifierGuard.phone"]);
    expect(keys(check(comments, { v: "Vu par Mme Durand" }))).toEqual(["identifierGuard.name"]);
  });

  it("a non-string value is refused", () => {
    expect(keys(check(comments, { v: 12 }))).toEqual(["crf.answer.invalidOption"]);
  });
});

describe("doses (value only; ranges are per drug)", () => {
  const dose = rowField("treatment_lines", "dose_value");
  it("must be a positive finite number", () => {
    expect(check(dose, { v: 500 })).toEqual([]);
    for (const v of [0, -1, Number.NaN, "500"])
      expect(keys(check(dose, { v })), String(v)).toEqual(["crf.number.positive"]);
  });
});
